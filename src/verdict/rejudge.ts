import type { CaseBundle, JudgementClaimBody } from '../audit/bundle.js';
import { canonicalize } from '../audit/canonical-json.js';
import { decodeEntry } from '../audit/entry.js';
import type { VerificationFailure } from '../audit/verification-error.js';
import type { Act } from '../domain/acts/envelope.js';
import { packOfVersion, registeredVersions } from '../domain/jurisdictions/registry.js';
import type { CaseJudgementView } from '../domain/projections/case-judgement.js';
import { judgeFromStreams, partiesJudgementReads } from '../domain/projections/judge-streams.js';
import { partyAsOf, type PartyState } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';

/** A case re-judged offline from a verified bundle: what the ledger claimed and what the entries give. */
export interface Rejudgement {
  caseId: string;
  asOf: string;
  claim: JudgementClaimBody;
  /** The judgement recomputed from the bundle's entries alone; null when the case has no judgeable notice. */
  judgement: CaseJudgementView | null;
  /** Whether the recomputed judgement was compared with the claim (only at the claim's own time). */
  compared: boolean;
  failures: VerificationFailure[];
  caseActs: RecordedAct[];
  provider?: PartyState;
}

/** A bundle's entries as the rule packs read them. */
export function recordedActsOf(entries: readonly { entry: string }[]): RecordedAct[] {
  return entries.map(({ entry }) => {
    const e = decodeEntry(new TextEncoder().encode(entry));
    return { act: e.act as unknown as Act, seq: e.seq, revision: e.revision, recordedAt: e.recordedAt, leaf: '' };
  });
}

/**
 * Judges the case of a v2 bundle again from its verified entries, with this build's rule pack at the
 * version the ledger applied, as of `asOf` (default: the time of the ledger's claim), and compares
 * the two when the times agree. Call it on a bundle that verifyBundle found valid: it trusts the bytes.
 */
export function rejudgeBundle(bundle: CaseBundle, asOf?: string): Rejudgement {
  const claim = bundle.judgement!;
  const { sig: _sig, ...claimBody } = claim;
  const at = asOf ?? claim.asOf;
  const caseActs = recordedActsOf(bundle.entries);
  const streams = new Map<string, RecordedAct[]>();
  for (const p of bundle.parties ?? []) streams.set(p.streamHead.stream.slice('party-'.length), recordedActsOf(p.entries));
  const partyActs = (id: string) => streams.get(id) ?? [];
  const { provider } = partiesJudgementReads(caseActs);
  const base = { caseId: claim.case, asOf: at, claim: claimBody, caseActs, provider: provider ? partyAsOf(provider, partyActs(provider), at) : undefined };

  const unknown = unknownPackVersion(claim.pack);
  if (unknown) return { ...base, judgement: null, compared: false, failures: [unknown] };
  const view = judgeFromStreams({ caseId: claim.case, caseActs, partyActs, asOf: at, deploymentSlas: claim.deploymentSlas });
  const judgement = view ? (JSON.parse(JSON.stringify(view)) as CaseJudgementView) : null;
  const compared = at === claim.asOf;
  const failures: VerificationFailure[] = [];
  if (compared) {
    const differs = firstDifference(claim.judgement, judgement);
    if (differs !== undefined) failures.push({ code: 'JUDGEMENT_MISMATCH', message: `the ledger's judgement differs from the one recomputed from the entries, at ${differs}` });
  }
  return { ...base, judgement, compared, failures };
}

/** A pack version this verifier cannot apply: a clear failure, never a guess with another version. */
function unknownPackVersion(claimed: string | null): VerificationFailure | undefined {
  if (claimed === null) return undefined;
  if (packOfVersion(claimed)) return undefined;
  const known = registeredVersions().join(', ');
  return { code: 'PACK_VERSION_UNKNOWN', message: `the case was judged under ${claimed}; this verifier applies ${known}: use a verifier of that version` };
}

/** The path of the first difference between two JSON values (`judgement.obligations[2].status`), or undefined. */
export function firstDifference(a: unknown, b: unknown, path = 'judgement'): string | undefined {
  if (canonicalize(a ?? null) === canonicalize(b ?? null)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} (${a.length} items claimed, ${b.length} recomputed)`;
    for (let i = 0; i < a.length; i++) {
      const inner = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (inner) return inner;
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (inner) return inner;
    }
  }
  return path;
}
