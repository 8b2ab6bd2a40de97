import { BUNDLE_FORMAT, type BundleDisclosure, type BundleEntry, type CaseBundle } from './bundle.js';

/**
 * Checks that attacker-supplied JSON has the shape of a case bundle before anything reads it.
 * Returns the problems found; an empty list means every field the verifier reads is present and typed.
 */
export function bundleShapeProblems(input: unknown): string[] {
  const problems: string[] = [];
  const b = input as Partial<CaseBundle> | null;
  if (!isObject(b)) return ['the bundle is not a JSON object'];
  if (b.format !== BUNDLE_FORMAT) problems.push(`format must be ${BUNDLE_FORMAT}`);
  if (typeof b.checkpoint !== 'string') problems.push('checkpoint must be the signed note text');
  for (const list of ['keys', 'entries'] as const) {
    if (!Array.isArray(b[list])) problems.push(`${list} must be a list`);
    else (b[list] as unknown[]).forEach((e, i) => problems.push(...entryProblems(e, `${list}[${i}]`)));
  }
  const head = b.streamHead as Partial<CaseBundle['streamHead']> | undefined;
  if (!isObject(head) || typeof head.stream !== 'string' || !isCount(head.revisions) || !isCount(head.treeSize) || typeof head.sig !== 'string' || !(head.head === null || isHex(head.head))) {
    problems.push('streamHead must be {stream, revisions, head, treeSize, sig}');
  }
  if (b.disclosed !== undefined) {
    if (!Array.isArray(b.disclosed)) problems.push('disclosed must be a list');
    else (b.disclosed as unknown[]).forEach((d, i) => problems.push(...disclosureProblems(d, `disclosed[${i}]`)));
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
