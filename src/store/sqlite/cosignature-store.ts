import type Database from 'better-sqlite3';
import { openDatabase } from './open-database.js';
import type { CosignatureStore, StoredCosignature } from '../../application/witnesses.js';

/** The witnesses' cosignatures of the ledger's checkpoints, by checkpoint size and witness, in their own SQLite file. */
export class SqliteCosignatureStore implements CosignatureStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(location: string) {
    this.db = openDatabase(location, ['journal_mode = WAL']);
    this.db.exec('CREATE TABLE IF NOT EXISTS cosignatures (size INTEGER NOT NULL, witness TEXT NOT NULL, timestamp INTEGER NOT NULL, line TEXT NOT NULL, PRIMARY KEY (size, witness)) WITHOUT ROWID');
    this.statements = {
      put: this.db.prepare('INSERT OR REPLACE INTO cosignatures (size, witness, timestamp, line) VALUES (?, ?, ?, ?)'),
      of: this.db.prepare('SELECT witness, timestamp, line FROM cosignatures WHERE size = ? ORDER BY witness'),
    };
  }

  put(size: number, cosignature: StoredCosignature): void {
    this.statements.put.run(size, cosignature.witness, cosignature.timestamp, cosignature.line);
  }

  of(size: number): StoredCosignature[] {
    return this.statements.of.all(size) as StoredCosignature[];
  }

  close(): void {
    this.db.close();
  }
}
