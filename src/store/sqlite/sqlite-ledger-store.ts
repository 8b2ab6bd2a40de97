import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  AppendConflictError,
  MissingNodeError,
  StoreUnavailableError,
  type CheckpointRow,
  type DisclosureRow,
  type LedgerStore,
  type MerkleNodeRow,
  type NewEntry,
  type StoredEntry,
} from '../../application/ports/ledger-store.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

interface EntryRow {
  seq: number;
  stream: string;
  revision: number;
  act_id: string;
  recorded_at: string;
  bytes: Buffer;
  leaf: Buffer;
}

/** The store named holds no ledger: nothing was created, nothing can be audited. */
export class NoLedgerError extends Error {
  constructor(path: string, why: string) {
    super(`no ledger found at ${path}: ${why}`);
    this.name = 'NoLedgerError';
  }
}

function createOrOpen(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted personal data is overwritten in the pages, not merely unlinked (erasure, README "Who may read what").
  db.pragma('secure_delete = ON');
  // A WAL left by a stop before an erasure's scrub finished holds old pages: fold it in and empty it.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec(SCHEMA_SQL);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  return db;
}

function openExistingLedger(path: string): Database.Database {
  if (!existsSync(path)) throw new NoLedgerError(path, 'the file does not exist');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('entries', 'merkle_nodes', 'checkpoints')").pluck().all();
  if (tables.length !== 3) {
    db.close();
    throw new NoLedgerError(path, 'the file is not a ledger (its tables are missing)');
  }
  return db;
}

/** The embedded default store: one SQLite file in WAL mode with synchronous=FULL, so a commit is durable when it returns. */
export class SqliteLedgerStore implements LedgerStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements;
  private readonly appendTransaction;

  get sqliteFile(): string | undefined {
    return this.path === ':memory:' ? undefined : this.path;
  }

  /**
   * Opens (and creates, with its folder) the ledger file; with `readOnly` (audits, migration sources)
   * it creates nothing and throws NoLedgerError unless the file exists and holds a ledger.
   */
  constructor(
    readonly path: string,
    options: { readOnly?: boolean } = {},
  ) {
    this.db = options.readOnly ? openExistingLedger(path) : createOrOpen(path);
    this.db.pragma('busy_timeout = 5000');
    this.statements = {
      insertEntry: this.db.prepare(
        'INSERT INTO entries (seq, stream, revision, act_id, recorded_at, bytes, leaf) VALUES (@seq, @stream, @revision, @actId, @recordedAt, @bytes, @leaf)',
      ),
      insertNode: this.db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      node: this.db.prepare('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck(),
      leaf: this.db.prepare('SELECT leaf FROM entries WHERE seq = ?').pluck(),
      insertCheckpoint: this.db.prepare('INSERT INTO checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)'),
      latestCheckpoint: this.db.prepare('SELECT * FROM checkpoints ORDER BY size DESC LIMIT 1'),
      checkpoints: this.db.prepare('SELECT * FROM checkpoints ORDER BY size'),
      checkpointsBefore: this.db.prepare('SELECT * FROM checkpoints WHERE size < ? ORDER BY size DESC LIMIT ?'),
      insertDisclosure: this.db.prepare('INSERT INTO disclosures (seq, path, value, salt) VALUES (?, ?, ?, ?)'),
      size: this.db.prepare('SELECT COALESCE(MAX(seq) + 1, 0) AS size FROM entries').pluck(),
      // Raw rows (arrays) in a fixed column order: the bulk read of catch-up readers makes no row objects twice.
      readAll: this.db.prepare('SELECT seq, stream, revision, act_id, recorded_at, bytes, leaf FROM entries WHERE seq >= ? ORDER BY seq LIMIT ?').raw(true),
      readStream: this.db.prepare('SELECT * FROM entries WHERE stream = ? ORDER BY revision'),
      // The (stream, revision) index gives the order; the entries' own rows are then read by seq.
      readStreamsInOrder: this.db
        .prepare('SELECT seq, stream, revision, act_id, recorded_at, bytes, leaf FROM entries WHERE (stream, revision) > (@stream, @revision) AND stream < @end AND seq < @below ORDER BY stream, revision LIMIT @limit')
        .raw(true),
      countStreams: this.db.prepare('SELECT COUNT(*) FROM entries WHERE stream >= @prefix AND stream < @end AND revision = 0 AND seq < @below').pluck(),
      streamAt: this.db.prepare('SELECT stream FROM entries WHERE stream >= @prefix AND stream < @end AND revision = 0 AND seq < @below ORDER BY stream LIMIT 1 OFFSET @offset').pluck(),
      byActId: this.db.prepare('SELECT * FROM entries WHERE act_id = ?'),
      disclosures: this.db.prepare('SELECT path, value, salt FROM disclosures WHERE seq = ? ORDER BY path'),
      eraseAll: this.db.prepare('DELETE FROM disclosures WHERE seq = ?'),
      eraseOne: this.db.prepare('DELETE FROM disclosures WHERE seq = ? AND path = ?'),
    };
    this.appendTransaction = this.db.transaction((entries: readonly NewEntry[], nodes: readonly MerkleNodeRow[]) => {
      for (const entry of entries) {
        this.statements.insertEntry.run({
          seq: entry.seq,
          stream: entry.stream,
          revision: entry.revision,
          actId: entry.actId,
          recordedAt: entry.recordedAt,
          bytes: entry.bytes,
          leaf: entry.leaf,
        });
        for (const d of entry.disclosures) this.statements.insertDisclosure.run(entry.seq, d.path, d.value, d.salt);
        for (const e of entry.erasures ?? []) this.statements.eraseOne.run(e.seq, e.path);
      }
      for (const node of nodes) this.statements.insertNode.run(node.level, node.index, node.hash);
    });
  }

  async append(entries: readonly NewEntry[], nodes: readonly MerkleNodeRow[] = []): Promise<void> {
    if (entries.length === 0 && nodes.length === 0) return;
    try {
      // IMMEDIATE takes the write lock up front, so a second connection waits instead of failing mid-transaction.
      this.appendTransaction.immediate(entries, nodes);
    } catch (error) {
      if (isConstraintError(error)) throw new AppendConflictError((error as Error).message);
      throw error;
    }
    // The acts are durable: scrubbing the files after an erasure never fails the append.
    if (entries.some((e) => e.erasures?.length)) await this.scrub().catch(() => this.scrubLater());
  }

  private scrubLater(): void {
    setTimeout(() => void this.scrub().catch(() => this.scrubLater()), 1000).unref();
  }

  /**
   * After an erasure, the value must leave the files too: secure_delete zeroed its cell in the
   * database pages; the WAL still holds earlier page images with it until a checkpoint copies the
   * pages back and truncates it. A reader holding an old snapshot delays that: retried for a second,
   * then every second in the background (and at the next start, which truncates the WAL).
   */
  private async scrub(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result.busy === 0 && result.log <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new StoreUnavailableError('the value is deleted, but the write-ahead log could not be truncated while readers held it; retried in the background');
  }

  async eraseDisclosures(seq: number, path?: string): Promise<number> {
    const result = path === undefined ? this.statements.eraseAll.run(seq) : this.statements.eraseOne.run(seq, path);
    if (result.changes > 0) await this.scrub();
    return result.changes;
  }

  async size(): Promise<number> {
    return this.statements.size.get() as number;
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEntry[]> {
    return (this.statements.readAll.all(fromSeq, limit) as RawEntryRow[]).map(([seq, stream, revision, actId, recordedAt, bytes, leaf]) => ({ seq, stream, revision, actId, recordedAt, bytes, leaf }));
  }

  async readStreamsInOrder(prefix: string, after: { stream: string; revision: number } | undefined, below: number, limit: number): Promise<StoredEntry[]> {
    const from = after ?? { stream: prefix, revision: -1 };
    const rows = this.statements.readStreamsInOrder.all({ ...from, end: prefixEnd(prefix), below, limit }) as RawEntryRow[];
    return rows.map(([seq, stream, revision, actId, recordedAt, bytes, leaf]) => ({ seq, stream, revision, actId, recordedAt, bytes, leaf }));
  }

  async splitStreams(prefix: string, parts: number, below: number): Promise<string[]> {
    // From the (stream, revision) index alone: a stream's first entry is its revision 0.
    const range = { prefix, end: prefixEnd(prefix), below };
    const count = this.statements.countStreams.get(range) as number;
    const names: string[] = [];
    for (let part = 1; part < parts; part++) {
      const name = this.statements.streamAt.get({ ...range, offset: Math.floor((part * count) / parts) }) as string | undefined;
      if (name !== undefined && name !== names[names.length - 1]) names.push(name);
    }
    return names;
  }

  async readStream(stream: string): Promise<StoredEntry[]> {
    return (this.statements.readStream.all(stream) as EntryRow[]).map(toEntry);
  }

  async findByActId(actId: string): Promise<StoredEntry | undefined> {
    const row = this.statements.byActId.get(actId) as EntryRow | undefined;
    return row && toEntry(row);
  }

  async readDisclosures(seq: number): Promise<DisclosureRow[]> {
    return this.statements.disclosures.all(seq) as DisclosureRow[];
  }

  async readNodes(ids: readonly { level: number; index: number }[]): Promise<Uint8Array[]> {
    return ids.map(({ level, index }) => {
      const hash = (level === 0 ? this.statements.leaf.get(index) : this.statements.node.get(level, index)) as Buffer | undefined;
      if (!hash) throw new MissingNodeError(level, index);
      return new Uint8Array(hash);
    });
  }

  async appendCheckpoint(checkpoint: CheckpointRow): Promise<void> {
    try {
      this.statements.insertCheckpoint.run(checkpoint.size, checkpoint.root, checkpoint.note, checkpoint.signedAt);
    } catch (error) {
      if (isConstraintError(error)) throw new AppendConflictError((error as Error).message);
      throw error;
    }
  }

  async latestCheckpoint(): Promise<CheckpointRow | undefined> {
    const row = this.statements.latestCheckpoint.get() as CheckpointDbRow | undefined;
    return row && toCheckpoint(row);
  }

  async checkpointsBefore(before: number | undefined, limit: number): Promise<CheckpointRow[]> {
    return (this.statements.checkpointsBefore.all(before ?? Number.MAX_SAFE_INTEGER, limit) as CheckpointDbRow[]).map(toCheckpoint);
  }

  async readCheckpoints(): Promise<CheckpointRow[]> {
    return (this.statements.checkpoints.all() as CheckpointDbRow[]).map(toCheckpoint);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

type RawEntryRow = [seq: number, stream: string, revision: number, actId: string, recordedAt: string, bytes: Buffer, leaf: Buffer];

interface CheckpointDbRow {
  size: number;
  root: Buffer;
  note: string;
  signed_at: string;
}

function toCheckpoint(row: CheckpointDbRow): CheckpointRow {
  return { size: row.size, root: new Uint8Array(row.root), note: row.note, signedAt: row.signed_at };
}

function toEntry(row: EntryRow): StoredEntry {
  return {
    seq: row.seq,
    stream: row.stream,
    revision: row.revision,
    actId: row.act_id,
    recordedAt: row.recorded_at,
    // better-sqlite3 returns a fresh Buffer (a Uint8Array) per row: no copy needed.
    bytes: row.bytes,
    leaf: row.leaf,
  };
}

function isConstraintError(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT');
}

/** The first name after every name that starts with `prefix` (its last character incremented). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
