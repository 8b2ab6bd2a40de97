import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../bench/ledger-generator.js';
import { ComplianceService } from '../../src/application/compliance-service.js';
import { casesOnWorkers } from '../../src/application/projections/parallel-rebuild.js';
import { Projector } from '../../src/application/projections/projector.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';
import { SqliteLedgerStore } from '../../src/store/sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from '../../src/store/sqlite/sqlite-projection-store.js';
import { referenceProjections } from '../support/reference-reports.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Every case as stored, and every provider's and notifier's reports now. */
async function everything(projections: SqliteProjectionStore, log: SqliteLedgerStore, generated: GeneratedLedger, ids: string[], now: string) {
  const service = new ComplianceService(projections, async () => projections.position(), log, { now: () => new Date(now) });
  const out: Record<string, unknown> = {};
  for (const id of ids) out[`case ${id}`] = projections.caseProjection(id);
  for (const p of generated.providers) {
    out[`compliance ${p}`] = JSON.parse(JSON.stringify((await service.providerCompliance(p)).value));
    out[`repeat ${p}`] = (await service.repeatInfringers(p)).value;
  }
  for (const n of generated.notifiers) out[`conduct ${n}`] = (await service.notifierConduct(n)).value;
  return out;
}

describe('a rebuild whose cases are judged on several threads', () => {
  const dir = makeTempDir();
  const log = new SqliteLedgerStore(join(dir.path, 'ledger.db'));
  let generated: GeneratedLedger;
  let ids: string[];
  let now: string;
  let single: Record<string, unknown>;

  beforeAll(async () => {
    generated = await generateLedger(log, { cases: 300, providers: 6, days: 60, start: '2026-03-02T15:00:00.000Z', group: 97, sanctionEvery: 5 });
    ids = [...(await referenceProjections(log)).keys()];
    now = new Date(Date.parse(generated.end) + 86_400_000).toISOString();
    const projections = new SqliteProjectionStore(join(dir.path, 'single.db'));
    await new Projector(log, projections, { batchSize: 50, rebuildWorkers: 1 }).catchUp();
    single = await everything(projections, log, generated, ids, now);
    projections.close();
  }, 120_000);
  afterAll(async () => {
    await log.close();
    dir.remove();
  });

  it('splits the case streams into runs of about as many streams, in name order', async () => {
    const end = await log.size();
    const names = await log.splitStreams('case-', 3, end);
    expect(names).toHaveLength(2);
    const cases = ids.map((id) => `case-${id}`).sort();
    expect(names).toEqual([cases[Math.floor(cases.length / 3)], cases[Math.floor((2 * cases.length) / 3)]]);
    expect(await log.splitStreams('case-', 1, end)).toEqual([]);
    expect(await log.splitStreams('nothing-', 3, end)).toEqual([]);
  });

  it.each([2, 3])('stores every case and answers every report as the rebuild on one thread does (%i threads)', async (workers) => {
    expect(ids.length).toBe(generated.cases);
    const projections = new SqliteProjectionStore(join(dir.path, `parallel-${workers}.db`));
    await new Projector(log, projections, { batchSize: 50, rebuildWorkers: workers, parallelFrom: 0 }).catchUp();
    expect(projections.position()).toBe(generated.entries);
    expect(projections.version()).toBeDefined();
    const parallel = await everything(projections, log, generated, ids, now);
    projections.close();
    expect(Object.keys(parallel).length).toBe(ids.length + 2 * generated.providers.length + generated.notifiers.length);
    for (const [key, value] of Object.entries(single)) expect(parallel[key], key).toEqual(value);
  }, 120_000);

  it('judges on worker threads only a SQLite log file into a projection file, with two workers or more', () => {
    const options = { workers: 2, from: 0, deploymentSlas: {}, batchSize: 50, partyCacheSize: 10 };
    const file = new SqliteProjectionStore(join(dir.path, 'where.db'));
    const inMemory = new SqliteProjectionStore(':memory:');
    expect(casesOnWorkers(log, file, options)).toBeTypeOf('function');
    expect(casesOnWorkers(log, file, { ...options, workers: 1 })).toBeUndefined();
    expect(casesOnWorkers(log, inMemory, options)).toBeUndefined();
    expect(casesOnWorkers(new MemoryLedgerStore(), file, options)).toBeUndefined();
    expect(casesOnWorkers(new SqliteLedgerStore(':memory:'), file, options)).toBeUndefined();
    file.close();
    inMemory.close();
  });

  it('stopped while the threads work, leaves a store that the next projector rebuilds whole', async () => {
    const file = join(dir.path, 'stopped.db');
    const projections = new SqliteProjectionStore(file);
    const projector = new Projector(log, projections, { batchSize: 50, rebuildWorkers: 2, parallelFrom: 0 });
    const running = projector.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await projector.stop();
    await running;
    expect(projections.version() === undefined || projections.position() === generated.entries).toBe(true);
    projections.close();
    const reopened = new SqliteProjectionStore(file);
    await new Projector(log, reopened, { batchSize: 50, rebuildWorkers: 2, parallelFrom: 0 }).catchUp();
    expect(reopened.position()).toBe(generated.entries);
    expect(await everything(reopened, log, generated, ids, now)).toEqual(single);
    reopened.close();
  }, 120_000);
});
