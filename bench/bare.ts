import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalize } from '../src/audit/canonical-json.js';
import { actSigningBytes } from '../src/audit/act-signature.js';
import { decodeBase64 } from '../src/audit/encoding.js';
import { StrictEd25519Verifier } from '../src/backends/node-crypto.js';
import { holder } from './acts.js';

/**
 * The machine's limit for the same work with no framework: parse, canonicalize, verify, hash, and a
 * batched durable insert (WAL, synchronous=FULL, 1,000 rows a transaction), one act at a time.
 */
export function measureBare(acts: string[], dir: string): { actsPerSecond: number } {
  const db = new Database(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE entries (seq INTEGER PRIMARY KEY, stream TEXT, act_id TEXT UNIQUE, bytes BLOB, leaf BLOB)');
  const insert = db.prepare('INSERT INTO entries VALUES (?, ?, ?, ?, ?)');
  const commit = db.transaction((rows: unknown[][]) => rows.forEach((row) => insert.run(...row)));
  const verifier = new StrictEd25519Verifier(decodeBase64(holder.publicKey)!);
  const started = performance.now();
  let rows: unknown[][] = [];
  acts.forEach((text, seq) => {
    const act = JSON.parse(text) as Record<string, unknown>;
    if (!verifier.verify(actSigningBytes(act), decodeBase64(act.sig as string)!)) throw new Error('bad signature in bench data');
    const bytes = Buffer.from(canonicalize({ v: 1, seq, recordedAt: new Date().toISOString(), stream: `case-${act.case}`, revision: 0, prev: null, act }));
    const leaf = createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest();
    rows.push([seq, `case-${act.case}`, act.id, bytes, leaf]);
    if (rows.length === 1000) {
      commit(rows);
      rows = [];
    }
  });
  if (rows.length) commit(rows);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { actsPerSecond: Math.round(acts.length / seconds) };
}
