import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CompactRange, rangeNodes } from '../../audit/merkle-tree.js';

/** What the index keeps of one entry. */
export interface IndexedEntry {
  seq: number;
  stream: string;
  actId: string;
  leaf: Uint8Array;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (seq INTEGER PRIMARY KEY, stream TEXT NOT NULL, act_id TEXT NOT NULL UNIQUE, leaf BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS entries_by_stream ON entries (stream, seq);
CREATE TABLE IF NOT EXISTS merkle_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID;
`;

/**
 * The esdb adapter's side index (README "EventStoreDB"): for each entry of the ledger stream its
 * stream, act id and leaf hash, every Merkle node the entries complete, and how far it has read, in
 * a local SQLite file. Derived from the ledger stream and checked against it (the adapter re-reads
 * the last entry it indexed), so a restart reads on from where it stopped instead of the whole
 * stream, and memory holds only the tree's right border. A file made for another ledger stream is
 * emptied.
 */
export class EsdbIndex {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly addAll;
  private range: CompactRange;

  constructor(location: string, ledger: string) {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    // Derived data: a crash loses at most the last pages, which the next catch-up reads again.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const meta = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    if (meta.get('ledger') !== undefined && meta.get('ledger') !== ledger) this.db.exec('DELETE FROM entries; DELETE FROM merkle_nodes; DELETE FROM meta;');
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('ledger', ?)").run(ledger);
    this.statements = {
      size: this.db.prepare('SELECT COALESCE(MAX(seq) + 1, 0) FROM entries').pluck(),
      insert: this.db.prepare('INSERT INTO entries (seq, stream, act_id, leaf) VALUES (?, ?, ?, ?)'),
      insertNode: this.db.prepare('INSERT OR REPLACE INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      leaf: this.db.prepare('SELECT leaf FROM entries WHERE seq = ?').pluck(),
      node: this.db.prepare('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck(),
      byActId: this.db.prepare('SELECT seq FROM entries WHERE act_id = ?').pluck(),
      seqsOf: this.db.prepare('SELECT seq FROM entries WHERE stream = ? ORDER BY seq').pluck(),
      streamLength: this.db.prepare('SELECT COUNT(*) FROM entries WHERE stream = ?').pluck(),
    };
    const size = this.statements.size.get() as number;
    this.range = CompactRange.fromNodes(size, rangeNodes(0, size).map(({ level, index }) => this.node(level, index)!));
    this.addAll = this.db.transaction((entries: readonly IndexedEntry[]) => {
      for (const e of entries) {
        this.statements.insert.run(e.seq, e.stream, e.actId, e.leaf);
        for (const node of this.range.append(e.leaf)) if (node.level > 0) this.statements.insertNode.run(node.level, node.index, node.hash);
      }
    });
  }

  /** Entries indexed: the next seq. */
  get size(): number {
    return this.range.size;
  }

  /** Indexes entries that continue the index (others are already in it); all or none. */
  add(entries: readonly IndexedEntry[]): void {
    const next = entries.filter((e) => e.seq >= this.size);
    if (next.length === 0) return;
    if (next[0].seq !== this.size) throw new RangeError(`the index is at ${this.size}, not ${next[0].seq}`);
    const before = this.range.clone();
    try {
      this.addAll(next);
    } catch (error) {
      this.range = before;
      throw error;
    }
  }

  leaf(seq: number): Uint8Array | undefined {
    return this.statements.leaf.get(seq) as Buffer | undefined;
  }

  /** A stored node: a leaf at level 0, else one the entries completed. */
  node(level: number, index: number): Uint8Array | undefined {
    return level === 0 ? this.leaf(index) : ((this.statements.node.get(level, index) as Buffer | undefined) ?? undefined);
  }

  seqOfAct(actId: string): number | undefined {
    return this.statements.byActId.get(actId) as number | undefined;
  }

  seqsOf(stream: string): number[] {
    return this.statements.seqsOf.all(stream) as number[];
  }

  streamLength(stream: string): number {
    return this.statements.streamLength.get(stream) as number;
  }

  close(): void {
    this.db.close();
  }
}
