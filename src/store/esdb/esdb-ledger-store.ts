import { createHash } from 'node:crypto';
import {
  AppendConflictError,
  AppendTooLargeError,
  MissingNodeError,
  StoreIntegrityError,
  StoreUnavailableError,
  type CheckpointRow,
  type DisclosureRow,
  type LedgerStore,
  type MerkleNodeRow,
  type NewEntry,
  type StoredEntry,
} from '../../application/ports/ledger-store.js';
import { checkAppendContinuity } from '../append-continuity.js';
import { fromHex, toHex } from '../../audit/encoding.js';
import { hashLeaf } from '../../audit/merkle-hash.js';
import { DisclosureKeys, type SealedDisclosure } from '../sqlite/disclosure-keys.js';
import { EsdbIndex, type IndexedEntry } from '../sqlite/esdb-index.js';
import type { EsdbClientPort, EsdbRecordedEvent } from './esdb-client.js';
import { WriterLease } from './writer-lease.js';
import {
  CHECKPOINT_EVENT_TYPE,
  DEFAULT_STREAMS,
  DISCLOSURES_EVENT_TYPE,
  ENTRY_EVENT_TYPE,
  encodeMetadata,
  entryEventId,
  eventIdFor,
  expectedRevisionFor,
  seqOfRevision,
  toStoredEntry,
  type EsdbStreamNames,
} from './esdb-mapping.js';

const PAGE = 4096;

export interface EsdbStoreOptions {
  names?: EsdbStreamNames;
  /**
   * How old the index may be for reads (default 0: every call reads on). A single writer indexes its
   * own appends at once, so only other writers' entries can be that late; appends always catch up
   * first, and the expected revision refuses any append decided on a stale view.
   */
  readFreshnessMs?: number;
  /** Bytes per append, below the server's limit (1 MiB on older servers; its protocol framing aside). */
  maxAppendBytes?: number;
  /**
   * The keys of disclosed personal data: a file path, or ':memory:' (the default: tests, read-only
   * uses), opened and closed with the store; or a key store shared with others, which the caller closes.
   */
  keys?: DisclosureKeys | string;
  /** The side index: a SQLite file, or ':memory:' (the default: tests, one-off uses, which read the whole stream). */
  index?: string;
  /** Claim the log for this process and stop writing once another claims it (the ledger's writer; see WriterLease). */
  writerLease?: boolean;
}
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The scale-out store (DESIGN.md §8): every entry is appended to one ordered EventStoreDB stream whose
 * revision is the seq — the atomic source of truth. Stream reads, the act-id index and the Merkle
 * nodes come from a side index (EsdbIndex, a local file) that a catch-up over that stream keeps,
 * run before every call: a restart reads on from where the index stopped, a dropped connection with
 * the next call; memory holds the tree's right border only. Checkpoints have their own stream;
 * disclosures one stream per act, sealed with keys whose deletion erases them.
 */
export class EsdbLedgerStore implements LedgerStore {
  readonly kind = 'esdb';
  private readonly index: EsdbIndex;
  private readonly lease: WriterLease | undefined;
  private catching: Promise<void> | undefined;
  private caughtUpAt = Number.NEGATIVE_INFINITY;
  /** Set by an integrity error: every later call fails with it. */
  private broken: StoreIntegrityError | undefined;

  private readonly names: EsdbStreamNames;
  private readonly readFreshnessMs: number;
  private readonly maxAppendBytes: number;
  private readonly keys: DisclosureKeys;
  private readonly ownsKeys: boolean;

  constructor(
    private readonly client: EsdbClientPort,
    options: EsdbStoreOptions = {},
  ) {
    this.names = options.names ?? DEFAULT_STREAMS;
    this.readFreshnessMs = options.readFreshnessMs ?? 0;
    this.maxAppendBytes = options.maxAppendBytes ?? 1024 * 1024 - 64 * 1024;
    const keys = options.keys ?? ':memory:';
    this.ownsKeys = typeof keys === 'string';
    this.keys = typeof keys === 'string' ? new DisclosureKeys(keys) : keys;
    this.index = new EsdbIndex(options.index ?? ':memory:', this.names.ledger);
    this.lease = options.writerLease ? new WriterLease(client, this.names.writer ?? `${this.names.ledger}-writer`) : undefined;
  }

  /** Entries indexed so far: the next seq. */
  private get count(): number {
    return this.index.size;
  }

  private catchUp(force = false): Promise<void> {
    if (!force && !this.catching && performance.now() - this.caughtUpAt < this.readFreshnessMs) return Promise.resolve();
    this.catching ??= this.readForward()
      .then(() => this.finishErasures().catch(() => undefined))
      .finally(() => {
      this.catching = undefined;
    });
    return this.catching;
  }

  /**
   * Reads the ledger stream on from the last entry indexed, which must still be there with the same
   * bytes (a truncated, deleted or rewritten stream fails here), and fails closed on anything that
   * is not the next entry: nothing is indexed, and so nothing appended, past an integrity error.
   */
  private async readForward(): Promise<void> {
    if (this.broken) throw this.broken;
    const started = performance.now();
    try {
      let from = Math.max(0, this.count - 1);
      for (;;) {
        const events = await this.client.read(this.names.ledger, BigInt(from), PAGE, 'forwards');
        if (from < this.count) this.checkLastIndexed(events[0]);
        this.index.add(this.entriesOf(events.slice(from < this.count ? 1 : 0)));
        if (events.length < PAGE) break;
        from = this.count;
      }
      this.caughtUpAt = started;
    } catch (error) {
      if (error instanceof StoreIntegrityError) this.broken = error;
      throw error;
    }
  }

  private checkLastIndexed(event: EsdbRecordedEvent | undefined): void {
    const seq = this.count - 1;
    const leaf = this.index.leaf(seq);
    if (!event || event.revision !== BigInt(seq) || !leaf || !sameBytes(hashLeaf(event.data), leaf)) {
      throw new StoreIntegrityError(`${this.names.ledger} no longer holds entry ${seq} as it was indexed: the stream was truncated, deleted or rewritten`);
    }
  }

  /** The page's events as entries that continue the index: anything else fails closed. */
  private entriesOf(events: readonly EsdbRecordedEvent[]): IndexedEntry[] {
    return events.map((event, i) => this.entryAt(event, this.count + i));
  }

  /** The event as the entry at `seq`, or an integrity error: a foreign event, a gap, metadata that is not an entry's. */
  private entryAt(event: EsdbRecordedEvent, seq: number): StoredEntry {
    const where = `${this.names.ledger} at revision ${event.revision}`;
    if (event.type !== ENTRY_EVENT_TYPE) throw new StoreIntegrityError(`${where} holds a ${event.type} event; only ledger entries belong there`);
    if (event.revision !== BigInt(seq)) throw new StoreIntegrityError(`${where}: entry ${seq} was expected (a gap)`);
    try {
      return toStoredEntry(event.revision, event.data, event.metadata);
    } catch (error) {
      throw new StoreIntegrityError(`${where}: the entry's metadata cannot be read (${(error as Error).message})`);
    }
  }


  /**
   * Disclosures first (keyed by act id: an entry never stands without its own), then the entries in
   * appends under the server's size limit, each guarded by the expected revision. After an append
   * whose outcome is unknown, the stream is read again at those revisions: entries found there with
   * the same bytes were committed; anything else is not ours to answer for.
   */
  async append(entries: readonly NewEntry[], _nodes: readonly MerkleNodeRow[] = []): Promise<void> {
    if (entries.length === 0) return;
    await this.catchUp(true);
    checkAppendContinuity(entries, { size: this.count, streamLength: (stream) => this.index.streamLength(stream), hasActId: (id) => this.index.seqOfAct(id) !== undefined });
    await this.lease?.check();
    this.keys.intendErasures(entries.flatMap((e) => (e.erasures ?? []).map(({ seq, path }) => ({ erasureActId: e.actId, seq, path }))));
    for (const e of entries) if (e.disclosures.length) await this.writeDisclosures(e.actId, e.disclosures);
    for (const part of appendsUnder(entries, this.maxAppendBytes)) {
      const events = part.map((e) => ({ id: entryEventId(e.seq, e.leaf), type: ENTRY_EVENT_TYPE, data: e.bytes, metadata: encodeMetadata(e) }));
      const last = BigInt(part[part.length - 1].seq);
      try {
        const revision = await this.client.append(this.names.ledger, events, expectedRevisionFor(part[0].seq));
        if (revision !== last) throw new StoreIntegrityError(`${this.names.ledger} answered revision ${revision} after entries up to ${last}`);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || !(await this.landed(part, events))) throw error;
      }
      this.index.add(part.map((e) => ({ seq: e.seq, stream: e.stream, actId: e.actId, leaf: hashLeaf(e.bytes) })));
    }
    // The erasure acts are durable; their keys go next (a failure here is retried at the next catch-up).
    await this.finishErasures().catch(() => undefined);
  }

  /**
   * Carries out the erasures whose acts are in the log: those just appended, and those a crash or an
   * unknown outcome left pending (an act that never landed stays pending, its value kept: no erasure
   * was recorded). Uses the index as it stands; never starts a catch-up.
   */
  private async finishErasures(): Promise<void> {
    for (const erasure of this.keys.pendingErasures()) {
      if (this.index.seqOfAct(erasure.erasureActId) === undefined || erasure.seq >= this.count) continue;
      const { actId } = await this.readOne(erasure.seq);
      this.keys.completeErasure(erasure, actId);
      await this.deleteIfSealedForNobody(actId);
    }
  }

  /** The disclosure stream goes once none of its keys remain (its sealed bytes open for nobody then anyway). */
  private async deleteIfSealedForNobody(actId: string): Promise<void> {
    if (this.keys.remaining(actId) === 0) await this.client.delete(this.disclosureStream(actId));
  }

  /** Whether entries whose append had no answer are in the stream with their bytes (read from the leader). */
  private async landed(part: readonly NewEntry[], events: readonly { id: string }[]): Promise<boolean> {
    let found: EsdbRecordedEvent[];
    try {
      found = await this.client.read(this.names.ledger, BigInt(part[0].seq), part.length, 'forwards');
    } catch {
      return false; // still unknown: the caller's error stands, and the next append reads the end again
    }
    if (found.length === 0 || found[0].revision !== BigInt(part[0].seq)) return false;
    if (found.length === part.length && found.every((event, i) => event.id === events[i].id && sameBytes(event.data, part[i].bytes))) return true;
    throw new AppendConflictError(`${this.names.ledger} holds other entries at ${part[0].seq}: the append was decided on a view another write has changed`);
  }

  private async writeDisclosures(actId: string, disclosures: readonly DisclosureRow[]): Promise<void> {
    const data = encoder.encode(JSON.stringify(this.keys.seal(actId, disclosures)));
    await this.client.append(this.disclosureStream(actId), [{ id: eventIdFor(`disclosures/${actId}/${sha256Hex(data)}`), type: DISCLOSURES_EVENT_TYPE, data, metadata: encoder.encode('{}') }], 'any');
  }

  private disclosureStream(actId: string): string {
    return `${this.names.disclosures}${actId}`;
  }

  async size(): Promise<number> {
    await this.catchUp();
    return this.count;
  }

  /** Entries from `fromSeq` on; anything on the ledger stream that is not the next entry fails closed, as in a catch-up. */
  async readAll(fromSeq: number, limit: number): Promise<StoredEntry[]> {
    const events = await this.client.read(this.names.ledger, BigInt(fromSeq), limit, 'forwards');
    return events.map((event, i) => this.entryAt(event, fromSeq + i));
  }

  /** A stream's entries, read from the ledger stream in runs of consecutive seqs (one call per run). */
  async readStream(stream: string): Promise<StoredEntry[]> {
    await this.catchUp();
    const out: StoredEntry[] = [];
    for (const [first, length] of runsOf(this.index.seqsOf(stream))) {
      const entries = await this.readAll(first, length);
      if (entries.length !== length || entries[0].seq !== first) throw new StoreIntegrityError(`${this.names.ledger} no longer holds entries ${first} to ${first + length - 1}`);
      out.push(...entries);
    }
    return out;
  }

  async findByActId(actId: string): Promise<StoredEntry | undefined> {
    await this.catchUp();
    const seq = this.index.seqOfAct(actId);
    return seq === undefined ? undefined : this.readOne(seq);
  }

  private async readOne(seq: number): Promise<StoredEntry> {
    const [event] = await this.client.read(this.names.ledger, BigInt(seq), 1, 'forwards');
    if (!event || seqOfRevision(event.revision) !== seq) throw new Error(`entry ${seq} is missing from ${this.names.ledger}`);
    return toStoredEntry(event.revision, event.data, event.metadata);
  }

  async readNodes(ids: readonly { level: number; index: number }[]): Promise<Uint8Array[]> {
    await this.catchUp();
    return ids.map(({ level, index }) => {
      const hash = (index + 1) * 2 ** level <= this.count ? this.index.node(level, index) : undefined;
      if (!hash) throw new MissingNodeError(level, index);
      return hash;
    });
  }

  async appendCheckpoint(checkpoint: CheckpointRow): Promise<void> {
    const [last] = await this.client.read(this.names.checkpoints, 'end', 1, 'backwards');
    const lastSize = last ? (JSON.parse(decoder.decode(last.data)) as { size: number }).size : -1;
    if (checkpoint.size <= lastSize) throw new AppendConflictError(`checkpoint size ${checkpoint.size} does not grow past ${lastSize}`);
    const data = encoder.encode(JSON.stringify({ size: checkpoint.size, root: toHex(checkpoint.root), note: checkpoint.note, signedAt: checkpoint.signedAt }));
    await this.client.append(this.names.checkpoints, [{ id: eventIdFor(`checkpoint/${checkpoint.size}/${sha256Hex(data)}`), type: CHECKPOINT_EVENT_TYPE, data, metadata: encoder.encode('{}') }], last ? last.revision : 'no_stream');
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

  /**
   * Checkpoints' sizes grow with their revisions on their stream, so the newest one smaller than
   * `before` is found by a binary search over revisions (one read each), then read backwards from.
   */
  async checkpointsBefore(before: number | undefined, limit: number): Promise<CheckpointRow[]> {
    const [last] = await this.client.read(this.names.checkpoints, 'end', 1, 'backwards');
    if (!last || limit <= 0) return [];
    let below = -1n; // the highest revision known to be under `before`
    if (before === undefined || toCheckpoint(last.data).size < before) below = last.revision;
    else {
      let [low, high] = [0n, last.revision - 1n];
      while (low <= high) {
        const middle = (low + high) / 2n;
        const [event] = await this.client.read(this.names.checkpoints, middle, 1, 'forwards');
        if (toCheckpoint(event.data).size < before) [below, low] = [middle, middle + 1n];
        else high = middle - 1n;
      }
    }
    if (below < 0n) return [];
    return (await this.client.read(this.names.checkpoints, below, limit, 'backwards')).map((e) => toCheckpoint(e.data));
  }

  async readDisclosures(seq: number): Promise<DisclosureRow[]> {
    await this.catchUp();
    if (seq >= this.count) return [];
    const { actId } = await this.readOne(seq);
    const [last] = await this.client.read(this.disclosureStream(actId), 'end', 1, 'backwards');
    return last ? this.keys.open(actId, JSON.parse(decoder.decode(last.data)) as SealedDisclosure[]) : [];
  }

  /**
   * Erases by deleting the keys the disclosures were sealed with (all, or one path's): the sealed
   * bytes left on the server's nodes and in its backups can no longer be opened. When every key of
   * the act is gone, its disclosure stream is deleted too.
   */
  async eraseDisclosures(seq: number, path?: string): Promise<number> {
    await this.catchUp();
    if (seq >= this.count) return 0;
    const { actId } = await this.readOne(seq);
    const erased = this.keys.erase(actId, path);
    if (erased > 0) await this.deleteIfSealedForNobody(actId);
    return erased;
  }


  async close(): Promise<void> {
    await this.client.dispose();
    if (this.ownsKeys) this.keys.close();
    this.index.close();
  }
}

function toCheckpoint(data: Uint8Array): CheckpointRow {
  const row = JSON.parse(decoder.decode(data)) as { size: number; root: string; note: string; signedAt: string };
  return { size: row.size, root: fromHex(row.root), note: row.note, signedAt: row.signedAt };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Consecutive runs of entries whose bytes and metadata stay under `maxBytes` per append; one entry over it cannot be stored. */
export function appendsUnder(entries: readonly NewEntry[], maxBytes: number): NewEntry[][] {
  const parts: NewEntry[][] = [];
  let part: NewEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    const bytes = entry.bytes.length + encodeMetadata(entry).length + 64; // the event's id, type and framing
    if (bytes > maxBytes) throw new AppendTooLargeError(`entry ${entry.seq} takes ${bytes} bytes; this store takes at most ${maxBytes} in one append`);
    if (size + bytes > maxBytes && part.length) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(entry);
    size += bytes;
  }
  if (part.length) parts.push(part);
  return parts;
}

/** Runs of consecutive seqs, as [first, length]. */
function runsOf(seqs: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const seq of seqs) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === seq) last[1]++;
    else runs.push([seq, 1]);
  }
  return runs;
}
