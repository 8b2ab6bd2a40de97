/**
 * The store port (DESIGN.md §8). Adapters: sqlite (default), memory (tests), esdb (scale-out).
 * Every adapter passes test/contract/ledger-store.contract.ts.
 */

export interface DisclosureRow {
  path: string;
  value: string;
  salt: string;
}

export interface NewEntry {
  seq: number;
  stream: string;
  revision: number;
  actId: string;
  recordedAt: string;
  /** The exact canonical bytes of the entry: what is hashed, proved and returned forever. */
  bytes: Uint8Array;
  leaf: Uint8Array;
  /** Clear values of committed fields, kept beside the log in an erasable table. */
  disclosures: DisclosureRow[];
}

export type StoredEntry = Omit<NewEntry, 'disclosures'>;

export interface LedgerStore {
  /** `sqlite`, `memory`, `esdb`: shown by /health and the metrics. */
  readonly kind: string;
  /**
   * Appends the entries atomically, all or none, and resolves only once they are durable. Each entry
   * must continue the log (seq = current size, in order) and its stream (revision = stream's next);
   * otherwise rejects with AppendConflictError and writes nothing, leaving no gap.
   */
  append(entries: readonly NewEntry[]): Promise<void>;
  /** Number of entries in the log: the next seq. */
  size(): Promise<number>;
  /** Entries with seq >= fromSeq in seq order, at most `limit`. */
  readAll(fromSeq: number, limit: number): Promise<StoredEntry[]>;
  /** A stream's entries in revision order (empty for an unknown stream). */
  readStream(stream: string): Promise<StoredEntry[]>;
  /** The entry holding the act with this id, if any. */
  findByActId(actId: string): Promise<StoredEntry | undefined>;
  readDisclosures(seq: number): Promise<DisclosureRow[]>;
  /** Erases clear personal data of one entry (all paths, or one); the log and its proofs are untouched. Returns rows erased. */
  eraseDisclosures(seq: number, path?: string): Promise<number>;
  close(): Promise<void>;
}

/** The append lost a race or broke continuity: nothing was written. */
export class AppendConflictError extends Error {
  readonly code = 'append_conflict';
  constructor(message: string) {
    super(message);
    this.name = 'AppendConflictError';
  }
}

export const LEDGER_STORE = Symbol('LedgerStore');
