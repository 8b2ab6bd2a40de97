import { BUNDLE_FORMAT_V2 } from './bundle.js';
import { bundleShapeProblems } from './bundle-shape.js';
import type { VerifierKey } from './checkpoint.js';
import { decodeBase64, toHex } from './encoding.js';
import { caseListSigningBytes, DOSSIER_FORMAT, type Dossier } from './dossier.js';
import type { StrictVerify } from './ed25519-verify.js';
import type { VerificationCode, VerificationFailure } from './verification-error.js';
import { checkCase, checkTimeOrder, openShared, uniqueBySeq, type CheckedEntry, type Fail } from './verify-bundle.js';

export interface DossierReport {
  ok: boolean;
  failures: VerificationFailure[];
  summary?: { origin: string; treeSize: number; root: string; provider: string; cases: number; from: string | null; to: string | null };
}

/**
 * Offline verification of a provider dossier: the shared evidence (checkpoint, keys, party streams)
 * once, then every case as a v2 bundle would be checked, and the ledger's signed list of the cases
 * naming the provider: a dossier that omits a case, or adds one, contradicts that signature. Pure.
 */
export function verifyDossier(input: unknown, ledgerKey: VerifierKey, verify: StrictVerify): DossierReport {
  const failures: VerificationFailure[] = [];
  const fail: Fail = (code: VerificationCode, message: string, seq?: number) => failures.push({ code, message, ...(seq === undefined ? {} : { seq }) });
  const problems = dossierShapeProblems(input);
  if (problems.length) return { ok: false, failures: problems.map((message) => ({ code: 'BUNDLE_MALFORMED', message })) };
  const dossier = input as Dossier;

  const shared = openShared(dossier, ledgerKey, verify, fail);
  if (!dossier.parties.some((p) => p.streamHead.stream === `party-${dossier.provider}`)) fail('CASE_LIST', `the dossier lacks the stream of its provider ${dossier.provider}`);
  const all: CheckedEntry[] = [];
  for (const c of dossier.cases) all.push(...checkCase({ ...c, format: BUNDLE_FORMAT_V2 }, shared, ledgerKey, verify, fail));
  checkTimeOrder(uniqueBySeq([...shared.keyEntries, ...shared.partyEntries, ...all]), fail);
  checkCaseList(dossier, shared.checkpoint?.size, ledgerKey, verify, fail);

  const cp = shared.checkpoint;
  const { provider, caseList } = dossier;
  return { ok: failures.length === 0, failures, ...(cp && { summary: { origin: cp.origin, treeSize: cp.size, root: toHex(cp.root), provider, cases: dossier.cases.length, from: caseList.from, to: caseList.to } }) };
}

function checkCaseList(dossier: Dossier, treeSize: number | undefined, ledgerKey: VerifierKey, verify: StrictVerify, fail: Fail): void {
  const { sig, ...list } = dossier.caseList;
  const signature = decodeBase64(sig);
  if (!signature || !verify(ledgerKey.publicKey, caseListSigningBytes(list), signature)) fail('CASE_LIST', 'the list of cases is not signed by the pinned ledger key');
  if (list.provider !== dossier.provider) fail('CASE_LIST', `the list names provider ${list.provider}, the dossier ${dossier.provider}`);
  if (treeSize !== undefined && list.treeSize !== treeSize) fail('CASE_LIST', `the list speaks of tree size ${list.treeSize}, the checkpoint of ${treeSize}`);
  const held = new Set(dossier.cases.map((c) => c.streamHead.stream.slice('case-'.length)));
  const listed = new Set(list.cases);
  for (const id of listed) if (!held.has(id)) fail('CASE_LIST', `the ledger lists case ${id} against ${list.provider} in the period; the dossier omits it`);
  for (const id of held) if (!listed.has(id)) fail('CASE_LIST', `case ${id} is not in the ledger's signed list for ${list.provider}`);
}

function dossierShapeProblems(input: unknown): string[] {
  const d = input as Partial<Dossier> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return ['the dossier is not a JSON object'];
  if (d.format !== DOSSIER_FORMAT) return [`format must be ${DOSSIER_FORMAT}`];
  if (typeof d.provider !== 'string' || !Array.isArray(d.cases) || !d.caseList || typeof d.caseList !== 'object' || !Array.isArray(d.caseList.cases) || typeof d.caseList.sig !== 'string') {
    return ['a dossier is {format, checkpoint, provider, keys, parties, cases, caseList: {provider, treeSize, from, to, cases, sig}}'];
  }
  // The shared parts and each case have the shape of a v2 bundle's.
  const problems = bundleShapeProblems({ format: BUNDLE_FORMAT_V2, checkpoint: d.checkpoint, keys: d.keys, entries: [], streamHead: { stream: 'shared', revisions: 0, head: null, treeSize: 0, sig: '' }, parties: d.parties, judgement: { case: '', treeSize: 0, asOf: '', pack: null, deploymentSlas: {}, judgement: null, sig: '' } });
  d.cases.forEach((c, i) => {
    for (const p of bundleShapeProblems({ format: BUNDLE_FORMAT_V2, checkpoint: '', keys: [], parties: [], ...(c as object) })) problems.push(`cases[${i}]: ${p}`);
  });
  return problems;
}
