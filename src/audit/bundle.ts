import type { StreamHead } from './stream-head.js';

/** The case bundle format (DESIGN.md §3.5): everything a court needs to check a case offline. */
export const BUNDLE_FORMAT = 'harbor-ledger/bundle/v1';
/** v2 adds what judging the case reads (the provider's and notifier's streams) and the ledger's signed judgement. */
export const BUNDLE_FORMAT_V2 = 'harbor-ledger/bundle/v2';

export interface BundleEntry {
  /** The entry's exact canonical bytes, as UTF-8 text. */
  entry: string;
  seq: number;
  /** Inclusion proof against the checkpoint's tree, lowercase hex. */
  proof: string[];
}

export interface BundleDisclosure {
  seq: number;
  path: string;
  value: string;
  salt: string;
}

/** A party stream, whole within the checkpoint's tree: its entries and the ledger's signed head. */
export interface PartyStreamEvidence {
  entries: BundleEntry[];
  streamHead: StreamHead;
}

/**
 * The ledger's stated judgement of a case, signed by its key: a claim to check, not to trust. It
 * names what judging needs beyond the entries: the time, the pack version, the deployment's SLAs.
 */
export interface JudgementClaimBody {
  case: string;
  treeSize: number;
  asOf: string;
  /** `us-dmca@2026.2`; null when the case has no notice of a pack this ledger judges. */
  pack: string | null;
  deploymentSlas: Record<string, number>;
  /** The case judgement view (obligations, protection, assessment) as the ledger computed it; null when not judged. */
  judgement: unknown;
}

export interface JudgementClaim extends JudgementClaimBody {
  sig: string;
}

export interface CaseBundle {
  format: typeof BUNDLE_FORMAT | typeof BUNDLE_FORMAT_V2;
  /** The signed checkpoint note, verbatim: the only source of tree size and root. */
  checkpoint: string;
  /** party.registered and party.key_rotated entries of every actor in the case. */
  keys: BundleEntry[];
  /** The case's entries, in seq order. */
  entries: BundleEntry[];
  streamHead: StreamHead;
  disclosed: BundleDisclosure[];
  /** v2: the party streams the judgement reads (the provider's, the notifier's), each whole. */
  parties?: PartyStreamEvidence[];
  /** v2: the ledger's signed judgement. */
  judgement?: JudgementClaim;
}
