import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LEDGER_STORE, type LedgerStore } from '../../src/application/ports/ledger-store.js';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { startLedger, type Harness } from '../support/harness.js';

const metric = (text: string, name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? 0);

/**
 * A full disk, as better-sqlite3 reports it: every write of the store throws its SqliteError
 * SQLITE_FULL. Checkpoints are signed only on demand here (a 1-hour timer), so the test decides when.
 */
describe('when the disk is full', () => {
  let ledger: Harness;
  let store: LedgerStore;
  const diskFull = () => Promise.reject(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'));
  let recorded: RecordedCase;
  let sizeBefore: number;

  beforeAll(async () => {
    ledger = await startLedger({ env: { HARBOR_CHECKPOINT_INTERVAL_MS: '3600000' } });
    recorded = await recordDmcaCase(ledger, 'c-full');
    store = ledger.app.get(LEDGER_STORE);
    vi.spyOn(store, 'append').mockImplementation(diskFull);
    vi.spyOn(store, 'appendCheckpoint').mockImplementation(diskFull);
    sizeBefore = await ledger.size();
  });
  afterAll(async () => ledger.close());

  it('refuses new acts with 503 unavailable and appends nothing', async () => {
    const res = await ledger.post(recorded.holder.caseAct('action.filed', 'c-full', { forum: 'court', reference: '1:26-cv-00041' }));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(await ledger.size()).toBe(sizeBefore);
  });

  it('answers a bundle that needs a fresh checkpoint with 503, not 500 (regression), and counts the failed checkpoint', async () => {
    const res = await ledger.http.get('/v1/cases/c-full/bundle');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(metric((await ledger.http.get('/metrics')).text, 'harbor_checkpoint_failures_total')).toBeGreaterThanOrEqual(1);
  });

  it('recovers once there is room again: the act is accepted and the bundle verifies against a new checkpoint', async () => {
    vi.restoreAllMocks();
    const res = await ledger.post(recorded.holder.caseAct('action.filed', 'c-full', { forum: 'court', reference: '1:26-cv-00042' }));
    expect(res.status).toBe(201);
    const bundle = await ledger.http.get('/v1/cases/c-full/bundle');
    expect(bundle.status).toBe(200);
    expect(bundle.body.streamHead.treeSize).toBe(sizeBefore + 1);
  });
});
