import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { recordDmcaCase } from '../support/case-fixture.js';
import { startLedger } from '../support/harness.js';
import { makeTempDir } from '../support/temp-dir.js';

async function harbor(args: string[]) {
  const out: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
  return { code, text: out.join('\n') };
}

/** Opens the ledger's SQLite file behind its back, with the immutability triggers dropped. */
function tamper(dir: string, sql: (db: Database.Database) => void): void {
  const db = new Database(join(dir, 'ledger.db'));
  db.exec('DROP TRIGGER entries_are_immutable; DROP TRIGGER entries_are_permanent;');
  sql(db);
  db.close();
}

describe('harbor audit', () => {
  const original = makeTempDir();
  let measureSeq: number;
  let size: number;

  beforeAll(async () => {
    const ledger = await startLedger({ dataDir: original.path });
    await recordDmcaCase(ledger, 'c-audit');
    const timeline = (await ledger.http.get('/v1/cases/c-audit')).body.timeline as { seq: number; type: string }[];
    measureSeq = timeline.find((t) => t.type === 'measure.taken')!.seq;
    size = (await ledger.http.get('/health')).body.size;
    await ledger.app.close(); // signs a last checkpoint
  });
  afterAll(() => original.remove());

  /** A copy of the untouched data folder for one test to damage. */
  function copyOfData(): { path: string; remove(): void } {
    const copy = makeTempDir();
    cpSync(original.path, copy.path, { recursive: true });
    return copy;
  }

  it('finds an untouched store clean', async () => {
    const { code, text } = await harbor(['audit', '--data-dir', original.path, '--no-progress']);
    expect(text).toContain('CLEAN');
    expect(text).toContain(`${size} entries`);
    expect(code).toBe(0);
  });

  it('names the seq of an entry edited in the SQLite file', async () => {
    const dir = copyOfData();
    try {
      tamper(dir.path, (db) => {
        const row = db.prepare('SELECT bytes FROM entries WHERE seq = ?').get(measureSeq) as { bytes: Buffer };
        const edited = Buffer.from(row.bytes.toString('utf8').replace('"disabled"', '"removed"'));
        db.prepare('UPDATE entries SET bytes = ? WHERE seq = ?').run(edited, measureSeq);
      });
      const { code, text } = await harbor(['audit', '--data-dir', dir.path, '--no-progress']);
      expect(code).toBe(1);
      expect(text).toContain(`first at seq ${measureSeq} (LEAF)`);
      expect(text).toMatch(new RegExp(`ACTOR_SIGNATURE\\s+seq ${measureSeq}:`));
    } finally {
      dir.remove();
    }
  });

  it('still names the seq when the forger also recomputes the leaf: signature, Merkle nodes and checkpoints give it away', async () => {
    const dir = copyOfData();
    try {
      tamper(dir.path, (db) => {
        const row = db.prepare('SELECT bytes FROM entries WHERE seq = ?').get(measureSeq) as { bytes: Buffer };
        const edited = Buffer.from(row.bytes.toString('utf8').replace('"disabled"', '"removed"'));
        const leaf = createHash('sha256').update(Buffer.from([0])).update(edited).digest();
        db.prepare('UPDATE entries SET bytes = ?, leaf = ? WHERE seq = ?').run(edited, leaf, measureSeq);
      });
      const report = JSON.parse((await harbor(['audit', '--data-dir', dir.path, '--no-progress', '--json'])).text.split('\nharbor:')[0]);
      expect(report.ok).toBe(false);
      const checks = report.failures.map((f: { check: string }) => f.check);
      expect(report.failures[0]).toMatchObject({ seq: measureSeq, check: 'ACTOR_SIGNATURE' });
      expect(checks).toContain('MERKLE_NODE');
      expect(checks).toContain('CHECKPOINT_ROOT');
    } finally {
      dir.remove();
    }
  });

  it('notices entries removed from the end after a checkpoint was signed', async () => {
    const dir = copyOfData();
    try {
      tamper(dir.path, (db) => db.prepare('DELETE FROM entries WHERE seq = ?').run(size - 1));
      const { code, text } = await harbor(['audit', '--data-dir', dir.path, '--no-progress']);
      expect(code).toBe(1);
      expect(text).toMatch(/CHECKPOINT_ROOT\s+checkpoint \d+ was signed for more entries than the store holds/);
    } finally {
      dir.remove();
    }
  });

  it('checks checkpoint signatures against the pinned key', async () => {
    const wrongKey = 'harbor-ledger.local/log+' + 'x';
    expect((await harbor(['audit', '--data-dir', original.path, '--no-progress', '--ledger-key', wrongKey])).code).toBe(2);
  });

  it('exits 2 "no ledger found" for a folder without a ledger, and creates nothing there (regression: it reported CLEAN)', async () => {
    const empty = makeTempDir();
    try {
      const { code, text } = await harbor(['audit', '--data-dir', join(empty.path, 'nowhere'), '--no-progress']);
      expect(code).toBe(2);
      expect(text).toContain('no ledger found');
      expect(text).not.toContain('CLEAN');
      expect(existsSync(join(empty.path, 'nowhere'))).toBe(false);
    } finally {
      empty.remove();
    }
  });

  it('exits 2 for a file that is not a ledger, leaving it untouched', async () => {
    const other = makeTempDir();
    try {
      const file = join(other.path, 'ledger.db');
      writeFileSync(file, '');
      const { code, text } = await harbor(['audit', '--store', `sqlite:${file}`, '--no-progress', '--ledger-key', 'unused+00000000+AQ==']);
      expect(code).toBe(2);
      expect(text).toContain('no ledger found');
      expect(readFileSync(file).length).toBe(0);
    } finally {
      other.remove();
    }
  });
});
