import type Database from 'better-sqlite3';
import { openDatabase } from './open-database.js';
import { originHash, type CosignedState, type WitnessStateStore } from '../../witness/witness.js';

/** A witness's latest cosigned checkpoint per log, in its own SQLite file; each write is checked against the size it replaces. */
export class SqliteWitnessState implements WitnessStateStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(location: string) {
    // synchronous FULL: a cosignature is answered only once its state is durable.
    this.db = openDatabase(location, ['journal_mode = WAL', 'synchronous = FULL']);
    this.db.exec('CREATE TABLE IF NOT EXISTS latest (origin TEXT PRIMARY KEY, origin_hash TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL) WITHOUT ROWID');
    this.statements = {
      latest: this.db.prepare('SELECT size, root, note FROM latest WHERE origin = ?'),
      byHash: this.db.prepare('SELECT size, root, note FROM latest WHERE origin_hash = ?'),
      insert: this.db.prepare('INSERT OR IGNORE INTO latest (origin, origin_hash, size, root, note) VALUES (?, ?, ?, ?, ?)'),
      update: this.db.prepare('UPDATE latest SET size = ?, root = ?, note = ? WHERE origin = ? AND size = ?'),
    };
  }

  latest(origin: string): CosignedState | undefined {
    return toState(this.statements.latest.get(origin));
  }

  byOriginHash(hash: string): CosignedState | undefined {
    return toState(this.statements.byHash.get(hash));
  }

  replace(origin: string, oldSize: number, next: CosignedState): boolean {
    const row = [next.size, Buffer.from(next.root), next.note] as const;
    if (this.latest(origin) === undefined) return oldSize === 0 && this.statements.insert.run(origin, originHash(origin), ...row).changes === 1;
    return this.statements.update.run(...row, origin, oldSize).changes === 1;
  }

  close(): void {
    this.db.close();
  }
}

function toState(row: unknown): CosignedState | undefined {
  if (!row) return undefined;
  const { size, root, note } = row as { size: number; root: Buffer; note: string };
  return { size, root: new Uint8Array(root), note };
}
