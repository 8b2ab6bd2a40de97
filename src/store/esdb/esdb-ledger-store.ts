import {
  AppendConflictError,
  MissingNodeError,
  type CheckpointRow,
  type DisclosureRow,
  type LedgerStore,
  type MerkleNodeRow,
  type NewEntry,
  type StoredEntry,
} from '../../application/ports/ledger-store.js';
import { checkAppendContinuity } from '../append-continuity.js';
import { fromHex, toHex } from '../../audit/encoding.js';
import { hashChildren, hashLeaf } from '../../audit/merkle-hash.js';
import { CompactRange } from '../../audit/merkle-tree.js';
import type { EsdbClientPort } from './esdb-client.js';
import {
  CHECKPOINT_EVENT_TYPE,
  DEFAULT_STREAMS,
  DISCLOSURES_EVENT_TYPE,
  ENTRY_EVENT_TYPE,
  encodeMetadata,
  eventIdFor,
  expectedRevisionFor,
  seqOfRevision,
  toStoredEntry,
  type EsdbStreamNames,
} from './esdb-mapping.js';

const PAGE = 4096;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The scale-out store (DESIGN.md §8): every entry is appended to one ordered EventStoreDB stream whose
 * revision is the seq — the atomic source of truth. Stream reads, the act-id index and the Merkle
 * nodes come from a catch-up over that stream, run before every call, so the adapter resumes after a
 * restart (it replays from the start) and after a dropped connection (the next call reads on);
 * Merkle nodes are cached and rebuilt from the leaves when missing. Checkpoints have their own stream;
 * disclosures one stream per entry, deleted to erase them.
 */
export class EsdbLedgerStore implements LedgerStore {
  readonly kind = 'esdb';
  private count = 0;
  private readonly leaves: Uint8Array[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly byActId = new Map<string, number>();
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly range = CompactRange.empty();
  private catching: Promise<void> | undefined;
  private caughtUpAt = Number.NEGATIVE_INFINITY;

  /**
   * `readFreshnessMs`: how old the index may be for reads (default 0: every call reads on). A single
   * writer indexes its own appends at once, so only other writers' entries can be that late; appends
   * always catch up first, and the expected revision refuses any append decided on a stale view.
   */
  constructor(
    private readonly client: EsdbClientPort,
    private readonly names: EsdbStreamNames = DEFAULT_STREAMS,
    private readonly readFreshnessMs = 0,
  ) {}

  private catchUp(force = false): Promise<void> {
    if (!force && !this.catching && performance.now() - this.caughtUpAt < this.readFreshnessMs) return Promise.resolve();
    this.catching ??= this.readForward().finally(() => {
      this.catching = undefined;
    });
    return this.catching;
  }

  private async readForward(): Promise<void> {
    const started = performance.now();
    for (;;) {
      const events = await this.client.read(this.names.ledger, BigInt(this.count), PAGE, 'forwards');
      for (const event of events) {
        if (event.type !== ENTRY_EVENT_TYPE) continue;
        const entry = toStoredEntry(event.revision, event.data, event.metadata);
        this.index(entry.seq, entry.stream, entry.actId, entry.leaf);
      }
      if (events.length < PAGE) {
        this.caughtUpAt = started;
        return;
      }
    }
  }

  /** Indexes the entry at the current end; a catch-up and an append may both offer the same entry, once is enough. */
  private index(seq: number, stream: string, actId: string, leaf: Uint8Array): void {
    if (seq !== this.count) return;
    this.count = seq + 1;
    this.leaves.push(leaf);
    const seqs = this.streams.get(stream) ?? [];
    seqs.push(seq);
    this.streams.set(stream, seqs);
    this.byActId.set(actId, seq);
    for (const node of this.range.append(leaf)) if (node.level > 0) this.nodes.set(`${node.level}/${node.index}`, node.hash);
  }

  async append(entries: readonly NewEntry[], _nodes: readonly MerkleNodeRow[] = []): Promise<void> {
    if (entries.length === 0) return;
    await this.catchUp(true);
    checkAppendContinuity(entries, { size: this.count, streamLength: (stream) => this.streams.get(stream)?.length ?? 0, hasActId: (id) => this.byActId.has(id) });
    // One append to one stream, guarded by the expected revision: all entries or none, no gap.
    await this.client.append(
      this.names.ledger,
      entries.map((e) => ({ id: eventIdFor(e.actId), type: ENTRY_EVENT_TYPE, data: e.bytes, metadata: encodeMetadata(e) })),
      expectedRevisionFor(entries[0].seq),
    );
    for (const e of entries) this.index(e.seq, e.stream, e.actId, hashLeaf(e.bytes));
    for (const e of entries) {
      if (e.disclosures.length) {
        await this.client.append(`${this.names.disclosures}${e.seq}`, [{ id: eventIdFor(`${e.actId}/disclosures`), type: DISCLOSURES_EVENT_TYPE, data: encoder.encode(JSON.stringify(e.disclosures)), metadata: encoder.encode('{}') }], 'any');
      }
    }
  }

  async size(): Promise<number> {
    await this.catchUp();
    return this.count;
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEntry[]> {
    const events = await this.client.read(this.names.ledger, BigInt(fromSeq), limit, 'forwards');
    return events.filter((e) => e.type === ENTRY_EVENT_TYPE).map((e) => toStoredEntry(e.revision, e.data, e.metadata));
  }

  async readStream(stream: string): Promise<StoredEntry[]> {
    await this.catchUp();
    return Promise.all((this.streams.get(stream) ?? []).map((seq) => this.readOne(seq)));
  }

  async findByActId(actId: string): Promise<StoredEntry | undefined> {
    await this.catchUp();
    const seq = this.byActId.get(actId);
    return seq === undefined ? undefined : this.readOne(seq);
  }

  private async readOne(seq: number): Promise<StoredEntry> {
    const [event] = await this.client.read(this.names.ledger, BigInt(seq), 1, 'forwards');
    if (!event || seqOfRevision(event.revision) !== seq) throw new Error(`entry ${seq} is missing from ${this.names.ledger}`);
    return toStoredEntry(event.revision, event.data, event.metadata);
  }

  async readNodes(ids: readonly { level: number; index: number }[]): Promise<Uint8Array[]> {
    await this.catchUp();
    return ids.map(({ level, index }) => this.node(level, index));
  }

  /** A stored node, or one rebuilt from the leaves below it when the cache lost it. */
  private node(level: number, index: number): Uint8Array {
    if (level === 0) {
      const leaf = this.leaves[index];
      if (!leaf) throw new MissingNodeError(level, index);
      return leaf;
    }
    if ((index + 1) * 2 ** level > this.count) throw new MissingNodeError(level, index);
    const key = `${level}/${index}`;
    let hash = this.nodes.get(key);
    if (!hash) {
      hash = hashChildren(this.node(level - 1, index * 2), this.node(level - 1, index * 2 + 1));
      this.nodes.set(key, hash);
    }
    return hash;
  }

  /** Forgets cached Merkle nodes (tests, memory pressure): they are rebuilt from the leaves on demand. */
  dropNodeCache(): void {
    this.nodes.clear();
  }

  async appendCheckpoint(checkpoint: CheckpointRow): Promise<void> {
    const [last] = await this.client.read(this.names.checkpoints, 'end', 1, 'backwards');
    const lastSize = last ? (JSON.parse(decoder.decode(last.data)) as { size: number }).size : -1;
    if (checkpoint.size <= lastSize) throw new AppendConflictError(`checkpoint size ${checkpoint.size} does not grow past ${lastSize}`);
    const data = encoder.encode(JSON.stringify({ size: checkpoint.size, root: toHex(checkpoint.root), note: checkpoint.note, signedAt: checkpoint.signedAt }));
    await this.client.append(this.names.checkpoints, [{ id: eventIdFor(`checkpoint/${checkpoint.size}`), type: CHECKPOINT_EVENT_TYPE, data, metadata: encoder.encode('{}') }], last ? last.revision : 'no_stream');
  }

  async latestCheckpoint(): Promise<CheckpointRow | undefined> {
    const [last] = await this.client.read(this.names.checkpoints, 'end', 1, 'backwards');
    return last && toCheckpoint(last.data);
  }

  async readCheckpoints(): Promise<CheckpointRow[]> {
    const all: CheckpointRow[] = [];
    for (let from = 0n; ; from += BigInt(PAGE)) {
      const events = await this.client.read(this.names.checkpoints, from, PAGE, 'forwards');
      all.push(...events.map((e) => toCheckpoint(e.data)));
      if (events.length < PAGE) return all;
    }
  }

  async readDisclosures(seq: number): Promise<DisclosureRow[]> {
    const [last] = await this.client.read(`${this.names.disclosures}${seq}`, 'end', 1, 'backwards');
    return last ? (JSON.parse(decoder.decode(last.data)) as DisclosureRow[]) : [];
  }

  /**
   * Deletes the entry's disclosure stream (and writes back what is kept, when one path is erased). The
   * server removes deleted events physically at its next scavenge; the log is untouched.
   */
  async eraseDisclosures(seq: number, path?: string): Promise<number> {
    const rows = await this.readDisclosures(seq);
    const kept = path === undefined ? [] : rows.filter((row) => row.path !== path);
    if (kept.length === rows.length) return 0;
    const stream = `${this.names.disclosures}${seq}`;
    await this.client.delete(stream);
    if (kept.length) await this.client.append(stream, [{ id: eventIdFor(`${stream}/kept/${Date.now()}`), type: DISCLOSURES_EVENT_TYPE, data: encoder.encode(JSON.stringify(kept)), metadata: encoder.encode('{}') }], 'any');
    return rows.length - kept.length;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toCheckpoint(data: Uint8Array): CheckpointRow {
  const row = JSON.parse(decoder.decode(data)) as { size: number; root: string; note: string; signedAt: string };
  return { size: row.size, root: fromHex(row.root), note: row.note, signedAt: row.signedAt };
}
