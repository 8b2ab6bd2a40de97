import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openDatabase } from './open-database.js';
import type { DisclosureRow } from '../../application/ports/ledger-store.js';

/** A disclosure as the event store keeps it: sealed with a key of its own (AES-256-GCM). */
export interface SealedDisclosure {
  path: string;
  nonce: string;
  sealed: string;
}

/** An erasure act's target: the act at `seq`, all its disclosures or one path's. */
export interface PendingErasure {
  erasureActId: string;
  seq: number;
  path?: string;
}

/**
 * The keys of disclosed personal data kept in the event store, one per act and path, in a local
 * SQLite file where deletion is real: rollback journal (no WAL holding old pages) and secure_delete
 * (freed pages are overwritten). Erasing a key makes its disclosure unreadable on every node and in
 * every backup of the event store, which keep only the sealed bytes.
 */
export class DisclosureKeys {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(readonly location: string) {
    this.db = openDatabase(location, ['journal_mode = DELETE', 'synchronous = FULL', 'secure_delete = ON']);
    this.db.exec('CREATE TABLE IF NOT EXISTS disclosure_keys (act_id TEXT NOT NULL, path TEXT NOT NULL, key BLOB NOT NULL, PRIMARY KEY (act_id, path)) WITHOUT ROWID');
    // Erasures asked but not yet carried out: written before the erasure act is appended, done once it is in the log.
    this.db.exec("CREATE TABLE IF NOT EXISTS pending_erasures (erasure_act_id TEXT NOT NULL, seq INTEGER NOT NULL, path TEXT NOT NULL, PRIMARY KEY (erasure_act_id, seq, path)) WITHOUT ROWID");
    this.statements = {
      // A retried act keeps the key it was first given: its sealed disclosures stay readable.
      insert: this.db.prepare('INSERT OR IGNORE INTO disclosure_keys (act_id, path, key) VALUES (?, ?, ?)'),
      key: this.db.prepare('SELECT key FROM disclosure_keys WHERE act_id = ? AND path = ?').pluck(),
      eraseAll: this.db.prepare('DELETE FROM disclosure_keys WHERE act_id = ?'),
      eraseOne: this.db.prepare('DELETE FROM disclosure_keys WHERE act_id = ? AND path = ?'),
      remaining: this.db.prepare('SELECT count(*) FROM disclosure_keys WHERE act_id = ?').pluck(),
      intend: this.db.prepare('INSERT OR IGNORE INTO pending_erasures (erasure_act_id, seq, path) VALUES (?, ?, ?)'),
      pending: this.db.prepare('SELECT erasure_act_id AS erasureActId, seq, path FROM pending_erasures ORDER BY seq LIMIT 1000'),
      done: this.db.prepare('DELETE FROM pending_erasures WHERE erasure_act_id = ? AND seq = ? AND path = ?'),
    };
  }

  /** Seals each disclosure with its own key, kept here (durably) before the sealed bytes go anywhere. */
  seal(actId: string, rows: readonly DisclosureRow[]): SealedDisclosure[] {
    const keys = this.db.transaction(() =>
      rows.map((row) => {
        this.statements.insert.run(actId, row.path, randomBytes(32));
        return this.statements.key.get(actId, row.path) as Buffer;
      }),
    )();
    return rows.map((row, i) => {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys[i], nonce);
      cipher.setAAD(additionalData(actId, row.path));
      const sealed = Buffer.concat([cipher.update(JSON.stringify({ value: row.value, salt: row.salt }), 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return { path: row.path, nonce: nonce.toString('base64'), sealed: sealed.toString('base64') };
    });
  }

  /** The disclosures whose keys remain (an erased one is left out); a sealed value that does not open is an error. */
  open(actId: string, sealed: readonly SealedDisclosure[]): DisclosureRow[] {
    const rows: DisclosureRow[] = [];
    for (const { path, nonce, sealed: bytes } of sealed) {
      const key = this.statements.key.get(actId, path) as Buffer | undefined;
      if (!key) continue;
      const data = Buffer.from(bytes, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
      decipher.setAAD(additionalData(actId, path));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const { value, salt } = JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')) as { value: string; salt: string };
      rows.push({ path, value, salt });
    }
    return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Deletes the keys of one act's disclosures (all, or one path); returns how many were deleted. */
  erase(actId: string, path?: string): number {
    return (path === undefined ? this.statements.eraseAll.run(actId) : this.statements.eraseOne.run(actId, path)).changes;
  }

  /** How many of the act's disclosures can still be opened. */
  remaining(actId: string): number {
    return this.statements.remaining.get(actId) as number;
  }

  /**
   * Records erasures about to be appended, durably, before their act goes to the log: a crash between
   * the append and the keys' deletion leaves them here, to be carried out once the act is found.
   */
  intendErasures(erasures: readonly PendingErasure[]): void {
    this.db.transaction(() => {
      for (const e of erasures) this.statements.intend.run(e.erasureActId, e.seq, e.path ?? '');
    })();
  }

  pendingErasures(): PendingErasure[] {
    return (this.statements.pending.all() as { erasureActId: string; seq: number; path: string }[]).map((row) => ({ ...row, path: row.path || undefined }));
  }

  /** Carries out a pending erasure: the keys of the target act (its id read from the log) and the pending row go together. */
  completeErasure(erasure: PendingErasure, targetActId: string): number {
    return this.db.transaction(() => {
      const erased = this.erase(targetActId, erasure.path);
      this.statements.done.run(erasure.erasureActId, erasure.seq, erasure.path ?? '');
      return erased;
    })();
  }

  close(): void {
    this.db.close();
  }
}

/** Binds a sealed value to its act and path: moved elsewhere, it does not open. */
function additionalData(actId: string, path: string): Buffer {
  return Buffer.from(`harbor-ledger/disclosure\n${actId}\n${path}`, 'utf8');
}
