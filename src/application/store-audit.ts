import { openCheckpoint, parseCheckpointBody, type VerifierKey } from '../audit/checkpoint.js';
import { canonicalAct, keyPossessionBytes } from '../audit/act-signature.js';
import { decodeBase64, toHex } from '../audit/encoding.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { decodeEntry, encodeEntryWithCanonicalAct, type Entry } from '../audit/entry.js';
import { equalBytes, EMPTY_ROOT, hashLeaf } from '../audit/merkle-hash.js';
import { CompactRange, type StoredNode } from '../audit/merkle-tree.js';
import type { CheckpointRow, LedgerStore, StoredEntry } from './ports/ledger-store.js';

/** The checks, in the order a failure at one seq is reported: from the bytes up to the checkpoints. */
const CHECKS = [
  'SEQUENCE',
  'ENTRY_NOT_CANONICAL',
  'ENTRY_FIELDS',
  'LEAF',
  'ACTOR_KEY_UNKNOWN',
  'ACTOR_SIGNATURE',
  'CHAIN_BREAK',
  'TIME_ORDER',
  'MERKLE_NODE',
  'CHECKPOINT_SIG',
  'CHECKPOINT_ROOT',
] as const;
export type AuditCheck = (typeof CHECKS)[number];

export interface AuditFailure {
  check: AuditCheck;
  seq?: number;
  message: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** The first failures, in seq order (at most maxFailures). */
  failures: AuditFailure[];
  seconds: number;
}

export interface AuditOptions {
  /** Strict signature verification, possibly on other threads (WorkerCrypto) to use every core. */
  verify(publicKey: string, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** The ledger's verifier key: checkpoint notes are checked against it when given. */
  ledgerKey?: VerifierKey;
  pageSize?: number;
  maxFailures?: number;
  onProgress?(done: number, total: number): void;
}

/**
 * Replays the whole store (`harbor audit`): every entry canonical and consistent with its row, every
 * leaf and stored Merkle node recomputed, every act signature under the key valid at its seq, every
 * stream's chain, time order, and the root and signature of every stored checkpoint.
 */
export async function auditStore(store: LedgerStore, options: AuditOptions): Promise<AuditReport> {
  const started = performance.now();
  const pageSize = options.pageSize ?? 4096;
  const maxFailures = options.maxFailures ?? 100;
  const failures: AuditFailure[] = [];
  const fail = (check: AuditCheck, message: string, seq?: number) => {
    if (failures.length < maxFailures) failures.push({ check, message, ...(seq === undefined ? {} : { seq }) });
  };
  const total = await store.size();
  const checkpoints = await store.readCheckpoints();
  const state = new ReplayState(checkpoints, options.ledgerKey, fail);

  // Signatures of one page are checked on the workers while the next page is read and replayed here.
  let previousPage: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < total; from += pageSize) {
    const rows = await store.readAll(from, pageSize);
    const signatureChecks: Promise<void>[] = [];
    const nodes: StoredNode[] = [];
    for (const row of rows) {
      const leaf = hashLeaf(row.bytes);
      const read = state.checkRow(row, leaf);
      if (read) {
        for (const check of state.signatureChecks(read.entry, read.signingBytes, row.seq)) {
          signatureChecks.push(options.verify(check.publicKey, check.message, check.signature).then((ok) => (ok ? undefined : fail('ACTOR_SIGNATURE', check.failure, row.seq)), () => fail('ACTOR_SIGNATURE', 'the signature could not be checked', row.seq)));
        }
      }
      nodes.push(...state.appendLeaf(leaf, row.seq));
    }
    await checkStoredNodes(store, nodes, fail);
    await previousPage;
    previousPage = Promise.all(signatureChecks);
    options.onProgress?.(Math.min(from + rows.length, total), total);
    if (rows.length < Math.min(pageSize, total - from)) {
      fail('SEQUENCE', `the store reports ${total} entries but returned only ${from + rows.length}`);
      break;
    }
  }
  await previousPage;
  state.finish(total);
  failures.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER) || CHECKS.indexOf(a.check) - CHECKS.indexOf(b.check));
  return { ok: failures.length === 0, entries: total, checkpoints: checkpoints.length, failures, seconds: (performance.now() - started) / 1000 };
}

async function checkStoredNodes(store: LedgerStore, nodes: StoredNode[], fail: (check: AuditCheck, message: string, seq?: number) => void): Promise<void> {
  if (!nodes.length) return;
  let stored: Uint8Array[];
  try {
    stored = await store.readNodes(nodes);
  } catch (error) {
    fail('MERKLE_NODE', (error as Error).message);
    return;
  }
  nodes.forEach((node, i) => {
    if (!equalBytes(node.hash, stored[i])) fail('MERKLE_NODE', `stored Merkle node ${node.level}/${node.index} differs from the one recomputed from the entries`, (node.index + 1) * 2 ** node.level - 1);
  });
}

interface SignatureCheck {
  publicKey: string;
  message: Uint8Array;
  signature: Uint8Array;
  failure: string;
}

/** What the replay carries from one entry to the next. */
class ReplayState {
  private expectedSeq = 0;
  private lastRecordedAt = '';
  private readonly streams = new Map<string, { revision: number; leaf: string }>();
  private readonly keys = new Map<string, string>();
  private readonly range = CompactRange.empty();
  private checkpointIndex = 0;

  constructor(
    private readonly checkpoints: CheckpointRow[],
    private readonly ledgerKey: VerifierKey | undefined,
    private readonly fail: (check: AuditCheck, message: string, seq?: number) => void,
  ) {
    this.checkCheckpointsAtSize(0);
  }

  /** Row-level checks; returns the decoded entry and its act's signing bytes when it can be read. */
  checkRow(row: StoredEntry, leaf: Uint8Array): { entry: Entry; signingBytes: Uint8Array } | undefined {
    const { seq } = row;
    if (seq !== this.expectedSeq) this.fail('SEQUENCE', `seq ${seq} where ${this.expectedSeq} was due`, seq);
    this.expectedSeq = seq + 1;
    if (!equalBytes(leaf, row.leaf)) this.fail('LEAF', 'the stored leaf is not the hash of the stored bytes', seq);
    let entry: Entry;
    let forms: ReturnType<typeof canonicalAct>;
    try {
      entry = decodeEntry(row.bytes);
      // One canonicalization of the act gives both the signing bytes and the entry's expected bytes.
      forms = canonicalAct(entry.act);
    } catch {
      this.fail('ENTRY_NOT_CANONICAL', 'the entry bytes are not a JSON entry', seq);
      return undefined;
    }
    const { act: _act, ...fields } = entry;
    if (!equalBytes(encodeEntryWithCanonicalAct(fields, forms.canonical), row.bytes)) this.fail('ENTRY_NOT_CANONICAL', 'the entry bytes are not their own canonical JSON', seq);
    if (entry.seq !== seq || entry.stream !== row.stream || entry.revision !== row.revision || entry.recordedAt !== row.recordedAt) {
      this.fail('ENTRY_FIELDS', 'the entry disagrees with its row (seq, stream, revision or recordedAt)', seq);
    }
    const previous = this.streams.get(entry.stream);
    if (entry.revision !== (previous ? previous.revision + 1 : 0) || entry.prev !== (previous?.leaf ?? null)) {
      this.fail('CHAIN_BREAK', `revision ${entry.revision} of ${entry.stream} does not follow ${previous ? `revision ${previous.revision}` : 'the start'}`, seq);
    }
    this.streams.set(entry.stream, { revision: entry.revision, leaf: toHex(leaf) });
    if (entry.recordedAt < this.lastRecordedAt) this.fail('TIME_ORDER', `recorded at ${entry.recordedAt}, before ${this.lastRecordedAt}`, seq);
    if (entry.recordedAt > this.lastRecordedAt) this.lastRecordedAt = entry.recordedAt;
    return { entry, signingBytes: forms.signingBytes };
  }

  /**
   * The signatures to check for this entry: its act's, with the key valid at its seq, and for a key
   * rotation the new key's proof of possession. Key history advances here.
   */
  signatureChecks(entry: Entry, signingBytes: Uint8Array, seq: number): SignatureCheck[] {
    const check = this.signatureCheck(entry, signingBytes, seq);
    const act = entry.act as { type?: string; actor?: string; id?: string; data?: { publicKey?: string; proof?: string } };
    if (act.type !== 'party.key_rotated') return check ? [check] : [];
    const proof = decodeBase64(act.data?.proof ?? '');
    if (!proof || !act.data?.publicKey) {
      this.fail('ACTOR_SIGNATURE', 'the key rotation carries no proof of possession of its new key', seq);
      return check ? [check] : [];
    }
    const possession = { publicKey: act.data.publicKey, message: keyPossessionBytes(String(act.actor), String(act.id), act.data.publicKey), signature: proof, failure: `the new key of ${String(act.actor)} does not prove possession` };
    return check ? [check, possession] : [possession];
  }

  private signatureCheck(entry: Entry, signingBytes: Uint8Array, seq: number): SignatureCheck | undefined {
    const act = entry.act as { type?: string; actor?: string; sig?: string; data?: { publicKey?: string } };
    const actor = String(act.actor);
    const signer = act.type === 'party.registered' ? act.data?.publicKey : this.keys.get(actor);
    if (act.type === 'party.registered' || act.type === 'party.key_rotated') {
      if (act.data?.publicKey) this.keys.set(actor, act.data.publicKey);
    }
    if (!signer) {
      this.fail('ACTOR_KEY_UNKNOWN', `no key of ${actor} is registered before seq ${seq}`, seq);
      return undefined;
    }
    const signature = decodeBase64(act.sig ?? '');
    if (!signature) {
      this.fail('ACTOR_SIGNATURE', 'the act carries no readable signature', seq);
      return undefined;
    }
    return { publicKey: signer, message: signingBytes, signature, failure: `the act is not signed by the key of ${actor} valid at seq ${seq}` };
  }

  /** Extends the recomputed tree; returns the completed nodes above the leaves, to compare with the stored ones. */
  appendLeaf(leaf: Uint8Array, seq: number): StoredNode[] {
    const completed = this.range.append(leaf).filter((node) => node.level > 0);
    this.checkCheckpointsAtSize(seq + 1);
    return completed;
  }

  private checkCheckpointsAtSize(size: number): void {
    while (this.checkpointIndex < this.checkpoints.length && this.checkpoints[this.checkpointIndex].size === size) {
      const checkpoint = this.checkpoints[this.checkpointIndex++];
      const root = size === 0 ? EMPTY_ROOT : this.range.root();
      const at = size === 0 ? undefined : size - 1;
      if (!equalBytes(root, checkpoint.root)) this.fail('CHECKPOINT_ROOT', `checkpoint ${size} signed root ${toHex(checkpoint.root)}; the entries give ${toHex(root)}`, at);
      const body = parseCheckpointBody(checkpoint.note.slice(0, checkpoint.note.lastIndexOf('\n\n') + 1));
      if (!body || body.size !== size || !equalBytes(body.root, checkpoint.root)) this.fail('CHECKPOINT_ROOT', `the note of checkpoint ${size} does not state its size and root`, at);
      if (this.ledgerKey && !openCheckpoint(checkpoint.note, this.ledgerKey, verifyStrictNode).ok) this.fail('CHECKPOINT_SIG', `checkpoint ${size} is not signed by the ledger key`, at);
    }
  }

  finish(total: number): void {
    for (const checkpoint of this.checkpoints.slice(this.checkpointIndex)) {
      this.fail('CHECKPOINT_ROOT', `checkpoint ${checkpoint.size} was signed for more entries than the store holds (${total}): entries were removed`);
    }
  }
}
