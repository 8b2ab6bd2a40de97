import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { startLedger, type Harness } from '../support/harness.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Cuts the SQLite log back to `size` entries behind the ledger's back, as a truncated file or an old restored copy would be. */
function truncateLog(dir: string, size: number): void {
  const db = new Database(join(dir, 'ledger.db'));
  db.exec('DROP TRIGGER entries_are_permanent; DROP TRIGGER merkle_nodes_are_permanent;');
  db.prepare('DELETE FROM disclosures WHERE seq >= ?').run(size);
  db.prepare('DELETE FROM entries WHERE seq >= ?').run(size);
  // A stored node (level, idx) covers leaves idx * 2^level .. (idx + 1) * 2^level - 1.
  db.prepare('DELETE FROM merkle_nodes WHERE (idx + 1) * (1 << level) > ?').run(size);
  db.close();
}

const metric = (text: string, name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1]);

describe('a log shorter than its last signed checkpoint halts the writer', () => {
  const dir = makeTempDir();
  let signedSize: number;
  let ledger: Harness;
  let recorded: RecordedCase;

  beforeAll(async () => {
    const first = await startLedger({ dataDir: dir.path });
    recorded = await recordDmcaCase(first, 'c-halt');
    expect((await first.http.get('/health/ready')).status).toBe(200);
    await first.app.close(); // signs a last checkpoint over every entry
    const db = new Database(join(dir.path, 'ledger.db'), { readonly: true });
    signedSize = (db.prepare('SELECT MAX(size) AS size FROM checkpoints').get() as { size: number }).size;
    db.close();
    truncateLog(dir.path, signedSize - 3);
    ledger = await startLedger({ dataDir: dir.path });
  });
  afterAll(async () => {
    await ledger.close();
    dir.remove();
  });

  it('starts, but reports itself not ready, with the reason', async () => {
    expect((await ledger.http.get('/health/live')).status).toBe(200);
    const ready = await ledger.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.fault).toContain(`fewer than the ${signedSize}`);
    expect((await ledger.http.get('/health')).body).toMatchObject({ status: 'halted', ready: false, size: signedSize - 3 });
  });

  it('refuses every act with 503 and appends nothing (regression: it signed receipts contradicting the checkpoint)', async () => {
    const res = await ledger.post(recorded.holder.caseAct('notice.withdrawn', 'c-halt', { reason: 'settled' }));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(res.body.error.message).toContain('integrity fault');
    expect(await ledger.size()).toBe(signedSize - 3);
  });

  it('shows the halt in the metrics', async () => {
    const text = (await ledger.http.get('/metrics')).text;
    expect(metric(text, 'harbor_integrity_halted')).toBe(1);
    expect(metric(text, 'harbor_checkpoint_refusals_total')).toBeGreaterThanOrEqual(1);
  });
});
