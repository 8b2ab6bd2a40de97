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
  /** Clear values this entry (an erasure) removes, in the same transaction where the store allows it. */
  erasures?: { seq: number; path: string }[];
}

export type StoredEntry = Omit<NewEntry, 'disclosures' | 'erasures'>;

/** A complete Merkle subtree above the leaves: (level >= 1, index) and its hash (see audit/merkle-tree.ts). */
export interface MerkleNodeRow {
  level: number;
  index: number;
  hash: Uint8Array;
}

/** A signed checkpoint as the ledger keeps it: every one, forever. */
export interface CheckpointRow {
  size: number;
  root: Uint8Array;
  /** The C2SP signed note, verbatim. */
  note: string;
  signedAt: string;
}

export interface LedgerStore {
  /** `sqlite`, `memory`, `esdb`: shown by /health and the metrics. */
  readonly kind: string;
  /** The SQLite file holding the log, when it is one that other threads may open read-only (a projection rebuild's workers). */
  readonly sqliteFile?: string;
  /**
   * Appends the entries and the Merkle nodes they complete atomically, all or none, and resolves only
   * once they are durable. Each entry must continue the log (seq = current size, in order) and its
   * stream (revision = stream's next); otherwise rejects with AppendConflictError and writes nothing,
   * leaving no gap.
   */
  append(entries: readonly NewEntry[], nodes?: readonly MerkleNodeRow[]): Promise<void>;
  /** Hashes of the named nodes, in order: level 0 is an entry's leaf, higher levels stored nodes. Throws if one is missing. */
  readNodes(ids: readonly { level: number; index: number }[]): Promise<Uint8Array[]>;
  /** Keeps a signed checkpoint; sizes only grow. */
  appendCheckpoint(checkpoint: CheckpointRow): Promise<void>;
  latestCheckpoint(): Promise<CheckpointRow | undefined>;
  /** Every stored checkpoint, by size. */
  readCheckpoints(): Promise<CheckpointRow[]>;
  /** At most `limit` checkpoints smaller than `before` (all when undefined), newest first: a page of the log's history. */
  checkpointsBefore(before: number | undefined, limit: number): Promise<CheckpointRow[]>;
  /** Number of entries in the log: the next seq. */
  size(): Promise<number>;
  /** Entries with seq >= fromSeq in seq order, at most `limit`. */
  readAll(fromSeq: number, limit: number): Promise<StoredEntry[]>;
  /** A stream's entries in revision order (empty for an unknown stream). */
  readStream(stream: string): Promise<StoredEntry[]>;
  /**
   * Entries of the streams named `prefix…` with seq < `below`, stream after stream in name order and
   * each in revision order, from just after `after` (that order's position), at most `limit`. For
   * rebuilding projections stream by stream; a store without it has them rebuilt entry by entry.
   */
  readStreamsInOrder?(prefix: string, after: { stream: string; revision: number } | undefined, below: number, limit: number): Promise<StoredEntry[]>;
  /**
   * Names that split the streams named `prefix…` (those begun below seq `below`) into `parts` runs of
   * about as many streams each, in name order: the first name of each run after the first. For
   * rebuilding projections on several threads; fewer names when there are fewer streams.
   */
  splitStreams?(prefix: string, parts: number, below: number): Promise<string[]>;
  /** The entry holding the act with this id, if any. */
  findByActId(actId: string): Promise<StoredEntry | undefined>;
  readDisclosures(seq: number): Promise<DisclosureRow[]>;
  /** Erases clear personal data of one entry (all paths, or one); the log and its proofs are untouched. Returns rows erased. */
  eraseDisclosures(seq: number, path?: string): Promise<number>;
  close(): Promise<void>;
}

/** A node a proof needs is not stored (a store that lost data, or an id beyond the tree). */
export class MissingNodeError extends Error {
  constructor(level: number, index: number) {
    super(`Merkle node ${level}/${index} is not stored`);
    this.name = 'MissingNodeError';
  }
}

/** A store's refusal with a stable code; its name is its class's. */
abstract class StoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The store cannot be reached now (a server down, a deadline passed); the operation may be retried. */
export class StoreUnavailableError extends StoreError {
  readonly code = 'store_unavailable';
}

/**
 * The log holds what this ledger never writes where an entry must be (a foreign event, a gap, a
 * truncation, an entry at the wrong position): the store refuses to read on or append anything.
 */
export class StoreIntegrityError extends StoreError {
  readonly code = 'store_integrity';
}

/** One entry is larger than the store can take in one append: it cannot be recorded there. */
export class AppendTooLargeError extends StoreError {
  readonly code = 'append_too_large';
}

/** The append lost a race or broke continuity: nothing was written. */
export class AppendConflictError extends StoreError {
  readonly code = 'append_conflict';
}

export const LEDGER_STORE = Symbol('LedgerStore');
