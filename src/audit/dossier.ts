import { statementSigningBytes } from './act-signature.js';
import type { BundleEntry, JudgementClaim, PartyStreamEvidence } from './bundle.js';
import type { StreamHead } from './stream-head.js';

/** A provider's dossier: its stream and every case opened against it in a period, each judgeable offline. */
export const DOSSIER_FORMAT = 'harbor-ledger/dossier/v1';

/** The ledger's signed list of exactly the cases naming `provider`, opened in [from, to), within the tree. */
export interface CaseListBody {
  provider: string;
  treeSize: number;
  from: string | null;
  to: string | null;
  cases: string[];
}

export interface DossierCase {
  entries: BundleEntry[];
  streamHead: StreamHead;
  judgement: JudgementClaim;
}

export interface Dossier {
  format: typeof DOSSIER_FORMAT;
  checkpoint: string;
  provider: string;
  /** Registrations and rotations of every actor of every entry below. */
  keys: BundleEntry[];
  /** The provider's stream and the stream of every notifier of its cases, each whole within the tree. */
  parties: PartyStreamEvidence[];
  cases: DossierCase[];
  caseList: CaseListBody & { sig: string };
}

export function caseListSigningBytes({ provider, treeSize, from, to, cases }: CaseListBody): Uint8Array {
  return statementSigningBytes('case-list', { provider, treeSize, from, to, cases });
}
