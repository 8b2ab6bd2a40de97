import { canonicalAct, keyPossessionBytes } from './act-signature.js';
import { BUNDLE_FORMAT_V2, type BundleEntry, type CaseBundle, type PartyStreamEvidence } from './bundle.js';
import { judgementSigningBytes } from './judgement.js';
import { bundleShapeProblems } from './bundle-shape.js';
import { openCheckpoint, type Checkpoint, type VerifierKey } from './checkpoint.js';
import { opensCommitment } from './commitment.js';
import type { StrictVerify } from './ed25519-verify.js';
import { decodeBase64, fromHex, toHex, utf8 } from './encoding.js';
import { decodeEntry, isCanonicalEntry, type Entry } from './entry.js';
import { valueAtPath } from './json-path.js';
import { hashLeaf } from './merkle-hash.js';
import { verifyInclusion } from './merkle-verify.js';
import { streamHeadSigningBytes, type StreamHead } from './stream-head.js';
import type { VerificationCode, VerificationFailure } from './verification-error.js';

/**
 * Offline verification of a case bundle (DESIGN.md §3.5). Pure: no I/O, no clock. The ledger's key
 * comes from the caller (pinned out of band), never from the bundle; everything in the bundle is
 * attacker-controlled. Every check runs and every failure is reported with its seq and code.
 */
export interface BundleReport {
  ok: boolean;
  failures: VerificationFailure[];
  /** What was proved, when the checkpoint could be trusted. */
  summary?: { origin: string; treeSize: number; root: string; stream: string; entries: number; actors: string[] };
}

export interface CheckedEntry {
  seq: number;
  bytes: Uint8Array;
  leaf: Uint8Array;
  entry: Entry;
}

export interface KeySpan {
  publicKey: Uint8Array;
  fromSeq: number;
}

export function verifyBundle(input: unknown, ledgerKey: VerifierKey, verify: StrictVerify): BundleReport {
  const failures: VerificationFailure[] = [];
  const fail = (code: VerificationCode, message: string, seq?: number) => failures.push({ code, message, ...(seq === undefined ? {} : { seq }) });

  const shape = bundleShapeProblems(input);
  if (shape.length) {
    shape.forEach((problem) => fail('BUNDLE_MALFORMED', problem));
    return { ok: false, failures };
  }
  const bundle = input as CaseBundle;

  const shared = openShared(bundle, ledgerKey, verify, fail);
  const { checkpoint } = shared;
  const caseEntries = checkCase(bundle, shared, ledgerKey, verify, fail);
  checkTimeOrder(uniqueBySeq([...shared.keyEntries, ...caseEntries, ...shared.partyEntries]), fail);
  checkDisclosures(bundle, caseEntries, fail);

  const actors = [...new Set(caseEntries.map((e) => String(e.entry.act.actor)))].sort();
  return {
    ok: failures.length === 0,
    failures,
    ...(checkpoint && {
      summary: { origin: checkpoint.origin, treeSize: checkpoint.size, root: toHex(checkpoint.root), stream: bundle.streamHead.stream, entries: caseEntries.length, actors },
    }),
  };
}

export type Fail = (code: VerificationCode, message: string, seq?: number) => void;

/** What the cases of a bundle or dossier share, checked once: the checkpoint, the actors' keys, the party streams. */
export interface SharedEvidence {
  checkpoint?: Checkpoint;
  keys: Map<string, KeySpan[]>;
  keyEntries: CheckedEntry[];
  partyEntries: CheckedEntry[];
}

export function openShared(
  parts: { checkpoint: string; keys: BundleEntry[]; parties?: PartyStreamEvidence[] },
  ledgerKey: VerifierKey,
  verify: StrictVerify,
  fail: Fail,
): SharedEvidence {
  const opened = openCheckpoint(parts.checkpoint, ledgerKey, verify);
  if (!opened.ok) fail('CHECKPOINT_SIG', `the checkpoint is not signed by the pinned ledger key: ${opened.reason}`);
  const checkpoint = opened.ok ? opened.checkpoint : undefined;
  const read = (items: BundleEntry[]) => items.map((e) => checkEntry(e, checkpoint, fail)).filter((e): e is CheckedEntry => !!e);
  const parties = (parts.parties ?? []).map((p) => ({ head: p.streamHead, entries: read(p.entries) }));
  const partyEntries = parties.flatMap((p) => p.entries);
  // A party stream's own registration and rotations are key entries too, unless the keys list has them already.
  const listed = read(parts.keys);
  const listedSeqs = new Set(listed.map((e) => e.seq));
  const keyEntries = [...listed, ...partyEntries.filter((e) => isKeyEntry(e) && !listedSeqs.has(e.seq))];
  const keys = keyHistories(keyEntries, verify, fail);
  for (const e of partyEntries.filter((e) => !isKeyEntry(e))) checkActorSignature(e, keys, verify, fail);
  for (const p of parties) {
    checkOrderAndChain(p.head.stream, p.entries, fail);
    checkStreamHead(p.head, p.entries, checkpoint, ledgerKey, verify, fail);
  }
  return { checkpoint, keys, keyEntries, partyEntries };
}

/** One case's entries: included, chained, signed by their actors, whole (the signed head), and the ledger's signed judgement. */
export function checkCase(
  c: { format: CaseBundle['format']; entries: BundleEntry[]; streamHead: StreamHead; judgement?: CaseBundle['judgement'] },
  shared: SharedEvidence,
  ledgerKey: VerifierKey,
  verify: StrictVerify,
  fail: Fail,
): CheckedEntry[] {
  const entries = c.entries.map((e) => checkEntry(e, shared.checkpoint, fail)).filter((e): e is CheckedEntry => !!e);
  checkOrderAndChain(c.streamHead.stream, entries, fail);
  for (const e of entries) checkActorSignature(e, shared.keys, verify, fail);
  checkStreamHead(c.streamHead, entries, shared.checkpoint, ledgerKey, verify, fail);
  if (c.format === BUNDLE_FORMAT_V2) checkJudgementClaim(c, shared.checkpoint, ledgerKey, verify, fail);
  return entries;
}

/** Canonical bytes, seq as claimed, and inclusion in the checkpoint's tree. Returns the entry if it can be read at all. */
function checkEntry(item: BundleEntry, checkpoint: Checkpoint | undefined, fail: Fail): CheckedEntry | undefined {
  const bytes = utf8(item.entry);
  let entry: Entry;
  try {
    entry = decodeEntry(bytes);
  } catch {
    fail('ENTRY_NOT_CANONICAL', 'the entry is not JSON', item.seq);
    return undefined;
  }
  if (!isCanonicalEntry(bytes)) fail('ENTRY_NOT_CANONICAL', 'the entry bytes are not their own canonical JSON', item.seq);
  if (!isEntryShape(entry)) {
    fail('ENTRY_NOT_CANONICAL', 'the entry lacks v, seq, recordedAt, stream, revision, prev or act', item.seq);
    return undefined;
  }
  const leaf = hashLeaf(bytes);
  if (entry.seq !== item.seq) fail('INCLUSION', `the entry says seq ${entry.seq} but is offered as leaf ${item.seq}`, item.seq);
  if (checkpoint) {
    const proof = item.proof.map(fromHex);
    const result = verifyInclusion(item.seq, checkpoint.size, leaf, proof, checkpoint.root);
    if (!result.ok) fail('INCLUSION', `not included in the checkpoint's tree of size ${checkpoint.size}: ${result.reason}`, item.seq);
  }
  return { seq: item.seq, bytes, leaf, entry };
}

/** Each party's keys by position: registration (self-signed), then rotations signed by the key they retire. */
function keyHistories(entries: CheckedEntry[], verify: StrictVerify, fail: Fail): Map<string, KeySpan[]> {
  const histories = new Map<string, KeySpan[]>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const act = e.entry.act as { type?: string; actor?: string; data?: { publicKey?: string }; sig?: string };
    const party = String(act.actor);
    const newKey = decodeBase64(act.data?.publicKey ?? '');
    if (e.entry.stream !== `party-${party}` || !newKey || newKey.length !== 32 || (act.type !== 'party.registered' && act.type !== 'party.key_rotated')) {
      fail('ACTOR_KEY_UNKNOWN', `key entry is not a registration or key rotation of ${party}`, e.seq);
      continue;
    }
    const history = histories.get(party) ?? [];
    const signer = act.type === 'party.registered' ? newKey : history.at(-1)?.publicKey;
    if (act.type === 'party.registered' && history.length) fail('ACTOR_KEY_UNKNOWN', `${party} registered twice`, e.seq);
    if (!signer) {
      fail('ACTOR_KEY_UNKNOWN', `a key rotation of ${party} without its registration`, e.seq);
      continue;
    }
    if (!actSignatureValid(e.entry.act, signer, verify)) {
      fail('ACTOR_SIGNATURE', `the ${act.type} of ${party} is not signed by ${act.type === 'party.registered' ? 'the key it registers' : 'the key it retires'}`, e.seq);
      continue;
    }
    if (act.type === 'party.key_rotated' && !keyPossessionProved(e.entry.act, newKey, verify)) {
      fail('ACTOR_SIGNATURE', `the key rotation of ${party} does not prove possession of its new key`, e.seq);
      continue;
    }
    history.push({ publicKey: newKey, fromSeq: act.type === 'party.registered' ? e.seq : e.seq + 1 });
    histories.set(party, history);
  }
  return histories;
}

/** The new key's signature over keyPossessionBytes of the rotation (attacker-controlled input: any field may be missing). */
function keyPossessionProved(act: Record<string, unknown>, newKey: Uint8Array, verify: StrictVerify): boolean {
  const data = act.data as { publicKey?: unknown; proof?: unknown } | undefined;
  const proof = typeof data?.proof === 'string' ? decodeBase64(data.proof) : undefined;
  if (!proof || typeof data?.publicKey !== 'string') return false;
  return verify(newKey, keyPossessionBytes(String(act.actor), String(act.id), data.publicKey), proof);
}

function checkActorSignature(e: CheckedEntry, keys: Map<string, KeySpan[]>, verify: StrictVerify, fail: Fail): void {
  const actor = String(e.entry.act.actor);
  const key = [...(keys.get(actor) ?? [])].reverse().find((span) => span.fromSeq <= e.seq);
  if (!key) {
    fail('ACTOR_KEY_UNKNOWN', `no key of ${actor} valid at seq ${e.seq} is in the bundle`, e.seq);
    return;
  }
  if (!actSignatureValid(e.entry.act, key.publicKey, verify)) fail('ACTOR_SIGNATURE', `the act is not signed by the key of ${actor} valid at seq ${e.seq}`, e.seq);
}

function actSignatureValid(act: Record<string, unknown>, publicKey: Uint8Array, verify: StrictVerify): boolean {
  const sig = typeof act.sig === 'string' ? decodeBase64(act.sig) : undefined;
  if (!sig) return false;
  try {
    return verify(publicKey, canonicalAct(act).signingBytes, sig);
  } catch {
    return false;
  }
}

/** Entries in seq order, one stream, revisions 0..n-1 without a gap, each `prev` the leaf before it. */
function checkOrderAndChain(stream: string, entries: CheckedEntry[], fail: Fail): void {
  entries.forEach((e, i) => {
    if (e.entry.stream !== stream) fail('CHAIN_BREAK', `entry of ${e.entry.stream} among the entries of ${stream}`, e.seq);
    if (i > 0 && e.seq <= entries[i - 1].seq) fail('CHAIN_BREAK', `entries out of order: seq ${e.seq} after ${entries[i - 1].seq}`, e.seq);
    if (e.entry.revision !== i) fail('CHAIN_BREAK', `revision ${e.entry.revision} where ${i} was due: an entry is missing or moved`, e.seq);
    const expectedPrev = i === 0 ? null : toHex(entries[i - 1].leaf);
    if (e.entry.prev !== expectedPrev) fail('CHAIN_BREAK', `prev does not name the entry before it (${expectedPrev ?? 'none'})`, e.seq);
  });
}

export function checkTimeOrder(entries: CheckedEntry[], fail: Fail): void {
  const bySeq = [...entries].sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < bySeq.length; i++) {
    if (String(bySeq[i].entry.recordedAt) < String(bySeq[i - 1].entry.recordedAt)) {
      fail('TIME_ORDER', `recorded at ${bySeq[i].entry.recordedAt}, before seq ${bySeq[i - 1].seq} (${bySeq[i - 1].entry.recordedAt})`, bySeq[i].seq);
    }
  }
}

function checkStreamHead(head: StreamHead, entries: CheckedEntry[], checkpoint: Checkpoint | undefined, ledgerKey: VerifierKey, verify: StrictVerify, fail: Fail): void {
  const sig = decodeBase64(head.sig);
  if (!sig || !verify(ledgerKey.publicKey, streamHeadSigningBytes(head), sig)) fail('STREAM_HEAD', `the stream head of ${head.stream} is not signed by the pinned ledger key`);
  if (checkpoint && head.treeSize !== checkpoint.size) fail('STREAM_HEAD', `the stream head speaks of tree size ${head.treeSize}, the checkpoint of ${checkpoint.size}`);
  if (head.revisions !== entries.length) fail('STREAM_HEAD', `the ledger signed ${head.revisions} entries for ${head.stream}; the bundle holds ${entries.length}`);
  const last = entries.at(-1);
  if ((last ? toHex(last.leaf) : null) !== head.head) fail('STREAM_HEAD', 'the last entry is not the head the ledger signed', last?.seq);
}

/** v2: the ledger signed its judgement of this case, within this checkpoint's tree (whether it holds is re-judged elsewhere). */
function checkJudgementClaim(bundle: { streamHead: StreamHead; judgement?: CaseBundle['judgement'] }, checkpoint: Checkpoint | undefined, ledgerKey: VerifierKey, verify: StrictVerify, fail: Fail): void {
  const { sig, ...body } = bundle.judgement!;
  const signature = decodeBase64(sig);
  if (!signature || !verify(ledgerKey.publicKey, judgementSigningBytes(body), signature)) fail('JUDGEMENT_SIG', 'the judgement claim is not signed by the pinned ledger key');
  if (`case-${body.case}` !== bundle.streamHead.stream) fail('JUDGEMENT_SIG', `the judgement speaks of case ${body.case}, the bundle of ${bundle.streamHead.stream}`);
  if (checkpoint && body.treeSize !== checkpoint.size) fail('JUDGEMENT_SIG', `the judgement speaks of tree size ${body.treeSize}, the checkpoint of ${checkpoint.size}`);
}

function isKeyEntry(e: CheckedEntry): boolean {
  return e.entry.act.type === 'party.registered' || e.entry.act.type === 'party.key_rotated';
}

export function uniqueBySeq(entries: CheckedEntry[]): CheckedEntry[] {
  return [...new Map(entries.map((e) => [e.seq, e])).values()];
}

function checkDisclosures(bundle: CaseBundle, entries: CheckedEntry[], fail: Fail): void {
  for (const d of bundle.disclosed ?? []) {
    const entry = entries.find((e) => e.seq === d.seq);
    const commitment = entry && valueAtPath(entry.entry.act, d.path);
    if (typeof commitment !== 'string') fail('COMMITMENT', `no commitment at ${d.path} in the entry`, d.seq);
    else if (!opensCommitment(commitment, d.value, d.salt)) fail('COMMITMENT', `the disclosed ${d.path} does not open its commitment`, d.seq);
  }
}

function isEntryShape(e: unknown): e is Entry {
  const entry = e as Partial<Entry>;
  return (
    !!entry && typeof entry === 'object' && entry.v === 1 && Number.isSafeInteger(entry.seq) && typeof entry.recordedAt === 'string' &&
    typeof entry.stream === 'string' && Number.isSafeInteger(entry.revision) && (entry.prev === null || typeof entry.prev === 'string') &&
    !!entry.act && typeof entry.act === 'object'
  );
}
