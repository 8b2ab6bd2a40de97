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

/** An in-process store for unit tests and throwaway runs: same contract as the durable stores, no durability. */
export class MemoryLedgerStore implements LedgerStore {
  readonly kind = 'memory';
  private readonly entries: StoredEntry[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly byActId = new Map<string, number>();
  private readonly disclosures = new Map<number, DisclosureRow[]>();
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly checkpoints: CheckpointRow[] = [];

  async append(batch: readonly NewEntry[], nodes: readonly MerkleNodeRow[] = []): Promise<void> {
    checkAppendContinuity(batch, { size: this.entries.length, streamLength: (stream) => this.streams.get(stream)?.length ?? 0, hasActId: (id) => this.byActId.has(id) });
    for (const node of nodes) this.nodes.set(`${node.level}/${node.index}`, Uint8Array.from(node.hash));
    for (const { disclosures, erasures, ...entry } of batch) {
      for (const { seq, path } of erasures ?? []) await this.eraseDisclosures(seq, path);
      const stored = { ...entry, bytes: Uint8Array.from(entry.bytes), leaf: Uint8Array.from(entry.leaf) };
      this.entries.push(stored);
      const seqs = this.streams.get(entry.stream) ?? [];
      seqs.push(entry.seq);
      this.streams.set(entry.stream, seqs);
      this.byActId.set(entry.actId, entry.seq);
      if (disclosures.length) this.disclosures.set(entry.seq, disclosures.map((d) => ({ ...d })));
    }
  }

  async size(): Promise<number> {
    return this.entries.length;
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEntry[]> {
    return this.entries.slice(fromSeq, fromSeq + limit);
  }

  async readStreamsInOrder(prefix: string, after: { stream: string; revision: number } | undefined, below: number, limit: number): Promise<StoredEntry[]> {
    const names = [...this.streams.keys()].filter((name) => name.startsWith(prefix) && (!after || name >= after.stream)).sort();
    const out: StoredEntry[] = [];
    for (const name of names) {
      for (const seq of this.streams.get(name)!) {
        const entry = this.entries[seq];
        if (entry.seq >= below || (after && name === after.stream && entry.revision <= after.revision)) continue;
        out.push(entry);
        if (out.length === limit) return out;
      }
    }
    return out;
  }

  async readStream(stream: string): Promise<StoredEntry[]> {
    return (this.streams.get(stream) ?? []).map((seq) => this.entries[seq]);
  }

  async findByActId(actId: string): Promise<StoredEntry | undefined> {
    const seq = this.byActId.get(actId);
    return seq === undefined ? undefined : this.entries[seq];
  }

  async readDisclosures(seq: number): Promise<DisclosureRow[]> {
    return (this.disclosures.get(seq) ?? []).map((d) => ({ ...d }));
  }

  async eraseDisclosures(seq: number, path?: string): Promise<number> {
    const rows = this.disclosures.get(seq) ?? [];
    const kept = path === undefined ? [] : rows.filter((row) => row.path !== path);
    this.disclosures.set(seq, kept);
    return rows.length - kept.length;
  }

  async readNodes(ids: readonly { level: number; index: number }[]): Promise<Uint8Array[]> {
    return ids.map(({ level, index }) => {
      const hash = level === 0 ? this.entries[index]?.leaf : this.nodes.get(`${level}/${index}`);
      if (!hash) throw new MissingNodeError(level, index);
      return hash;
    });
  }

  async appendCheckpoint(checkpoint: CheckpointRow): Promise<void> {
    const last = this.checkpoints.at(-1);
    if (last && checkpoint.size <= last.size) throw new AppendConflictError(`checkpoint size ${checkpoint.size} does not grow past ${last.size}`);
    this.checkpoints.push({ ...checkpoint, root: Uint8Array.from(checkpoint.root) });
  }

  async latestCheckpoint(): Promise<CheckpointRow | undefined> {
    return this.checkpoints.at(-1);
  }

  async checkpointsBefore(before: number | undefined, limit: number): Promise<CheckpointRow[]> {
    return this.checkpoints.filter((c) => before === undefined || c.size < before).slice(-limit).reverse();
  }

  async readCheckpoints(): Promise<CheckpointRow[]> {
    return [...this.checkpoints];
  }

  async close(): Promise<void> {}
}
