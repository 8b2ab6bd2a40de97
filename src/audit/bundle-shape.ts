import { BUNDLE_FORMAT, BUNDLE_FORMAT_V2, type BundleDisclosure, type BundleEntry, type CaseBundle, type JudgementClaim } from './bundle.js';

/**
 * Checks that attacker-supplied JSON has the shape of a case bundle before anything reads it.
 * Returns the problems found; an empty list means every field the verifier reads is present and typed.
 */
export function bundleShapeProblems(input: unknown): string[] {
  const problems: string[] = [];
  const b = input as Partial<CaseBundle> | null;
  if (!isObject(b)) return ['the bundle is not a JSON object'];
  if (b.format !== BUNDLE_FORMAT && b.format !== BUNDLE_FORMAT_V2) problems.push(`format must be ${BUNDLE_FORMAT} or ${BUNDLE_FORMAT_V2}`);
  if (typeof b.checkpoint !== 'string') problems.push('checkpoint must be the signed note text');
  for (const list of ['keys', 'entries'] as const) {
    if (!Array.isArray(b[list])) problems.push(`${list} must be a list`);
    else (b[list] as unknown[]).forEach((e, i) => problems.push(...entryProblems(e, `${list}[${i}]`)));
  }
  problems.push(...headProblems(b.streamHead, 'streamHead'));
  if (b.format === BUNDLE_FORMAT_V2) problems.push(...v2Problems(b));
  if (b.disclosed !== undefined) {
    if (!Array.isArray(b.disclosed)) problems.push('disclosed must be a list');
    else (b.disclosed as unknown[]).forEach((d, i) => problems.push(...disclosureProblems(d, `disclosed[${i}]`)));
  }
  return problems;
}

function headProblems(h: unknown, at: string): string[] {
  const head = h as Partial<CaseBundle['streamHead']> | undefined;
  if (!isObject(head) || typeof head.stream !== 'string' || !isCount(head.revisions) || !isCount(head.treeSize) || typeof head.sig !== 'string' || !(head.head === null || isHex(head.head))) {
    return [`${at} must be {stream, revisions, head, treeSize, sig}`];
  }
  return [];
}

/** v2: party streams with their heads, and the signed judgement claim. */
function v2Problems(b: Partial<CaseBundle>): string[] {
  const problems: string[] = [];
  if (!Array.isArray(b.parties)) problems.push('parties must be a list');
  else {
    b.parties.forEach((p, i) => {
      if (!isObject(p) || !Array.isArray(p.entries)) return problems.push(`parties[${i}] must be {entries, streamHead}`);
      p.entries.forEach((e, j) => problems.push(...entryProblems(e, `parties[${i}].entries[${j}]`)));
      problems.push(...headProblems(p.streamHead, `parties[${i}].streamHead`));
    });
  }
  const claim = b.judgement as Partial<JudgementClaim> | undefined;
  const slas = claim?.deploymentSlas as unknown;
  if (!isObject(claim) || typeof claim.case !== 'string' || !isCount(claim.treeSize) || typeof claim.asOf !== 'string' || !(claim.pack === null || typeof claim.pack === 'string') || !isObject(slas) || typeof claim.sig !== 'string' || !('judgement' in claim)) {
    problems.push('judgement must be {case, treeSize, asOf, pack, deploymentSlas, judgement, sig}');
  }
  return problems;
}

function entryProblems(e: unknown, at: string): string[] {
  const entry = e as Partial<BundleEntry>;
  if (!isObject(entry) || typeof entry.entry !== 'string' || !isCount(entry.seq) || !Array.isArray(entry.proof) || !entry.proof.every(isHex)) {
    return [`${at} must be {entry: text, seq: integer, proof: [hex]}`];
  }
  return [];
}

function disclosureProblems(d: unknown, at: string): string[] {
  const disclosure = d as Partial<BundleDisclosure>;
  if (!isObject(disclosure) || !isCount(disclosure.seq) || typeof disclosure.path !== 'string' || typeof disclosure.value !== 'string' || typeof disclosure.salt !== 'string') {
    return [`${at} must be {seq, path, value, salt}`];
  }
  return [];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isHex = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]*$/.test(v) && v.length % 2 === 0;
