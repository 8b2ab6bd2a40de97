import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessLog, AccessLogPage, Release } from '../../application/ports/access-log.js';
import { LedgerError } from '../../domain/errors.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS releases (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  reader TEXT NOT NULL,
  case_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  path TEXT NOT NULL,
  subject TEXT NOT NULL,
  rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS releases_by_subject ON releases (subject, id);
CREATE INDEX IF NOT EXISTS releases_by_case ON releases (case_id, id);
-- Append-only: a release once recorded is never changed or removed.
CREATE TRIGGER IF NOT EXISTS releases_no_update BEFORE UPDATE ON releases BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS releases_no_delete BEFORE DELETE ON releases BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`;

type Row = { id: number; at: string; reader: string; case_id: string; seq: number; path: string; subject: string; rule: string };

/** The access log in its own SQLite file (or `:memory:`), durable before a release is answered. */
export class SqliteAccessLog implements AccessLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(readonly location: string) {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare('INSERT INTO releases (at, reader, case_id, seq, path, subject, rule) VALUES (@at, @reader, @case, @seq, @path, @subject, @rule)');
  }

  record(releases: readonly Release[]): void {
    this.db.transaction(() => {
      for (const r of releases) this.insert.run(r);
    })();
  }

  list(filter: { subject?: string; case?: string }, limit: number, cursor?: string): AccessLogPage {
    const after = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isSafeInteger(after) || after < 0) throw new LedgerError('schema', 'cursor is not one this ledger gave', 'cursor');
    const rows = this.db
      .prepare(`SELECT * FROM releases WHERE id > @after${filter.subject !== undefined ? ' AND subject = @subject' : ''}${filter.case !== undefined ? ' AND case_id = @case' : ''} ORDER BY id LIMIT @limit`)
      .all({ after, limit: limit + 1, ...filter }) as Row[];
    const items = rows.slice(0, limit).map(({ case_id, ...r }) => ({ ...r, case: case_id }));
    return { items, ...(rows.length > limit ? { next: String(items.at(-1)!.id) } : {}) };
  }

  close(): void {
    this.db.close();
  }
}
