import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../bench/ledger-generator.js';
import { ComplianceService } from '../../src/application/compliance-service.js';
import type { LedgerStore, StoredEntry } from '../../src/application/ports/ledger-store.js';
import type { ProjectionStore } from '../../src/application/ports/projection-store.js';
import { Projector } from '../../src/application/projections/projector.js';
import { ReportCache } from '../../src/application/projections/report-cache.js';
import { CASE_PHASES } from '../../src/domain/case/phase.js';
import { OBLIGATION_STATUSES, statusOf } from '../../src/domain/jurisdictions/obligation.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';
import { SqliteProjectionStore } from '../../src/store/sqlite/sqlite-projection-store.js';
import { referenceProjections, referenceReports } from '../support/reference-reports.js';

/** The first `size` entries of a log: a ledger as it stood earlier. */
class LogPrefix implements Pick<LedgerStore, 'readAll' | 'readStream' | 'size'> {
  constructor(
    private readonly log: LedgerStore,
    public end: number,
  ) {}
  async readAll(from: number, limit: number): Promise<StoredEntry[]> {
    return (await this.log.readAll(from, Math.max(0, Math.min(limit, this.end - from)))).filter((e) => e.seq < this.end);
  }
  async readStream(stream: string): Promise<StoredEntry[]> {
    return (await this.log.readStream(stream)).filter((e) => e.seq < this.end);
  }
  async size(): Promise<number> {
    return Math.min(this.end, await this.log.size());
  }
}

const asLog = (view: LogPrefix) => view as unknown as LedgerStore;

/** A report as its reader receives it: JSON (a store may keep parts of it as JSON text, sent as is). */
const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Every report the projections answer, for every provider and notifier, at two times. */
async function everyReport(projections: ProjectionStore, log: LedgerStore, generated: GeneratedLedger, times: string[]) {
  const service = new ComplianceService(projections, async () => projections.position(), log, { now: () => new Date(times[0]) });
  const out: Record<string, unknown> = {};
  for (const asOf of times) {
    const at = new Date(asOf);
    for (const p of generated.providers) {
      out[`compliance ${p} ${asOf}`] = asSent((await service.providerCompliance(p, at)).value);
      out[`repeat ${p} ${asOf}`] = asSent((await service.repeatInfringers(p, at)).value);
    }
    for (const n of generated.notifiers) out[`conduct ${n} ${asOf}`] = asSent((await service.notifierConduct(n, at)).value);
  }
  const now = times[0];
  for (const phase of CASE_PHASES) out[`cases state=${phase}`] = projections.listCases({ phase }, now, 1000);
  for (const obligation of OBLIGATION_STATUSES) out[`cases obligation=${obligation}`] = projections.listCases({ provider: generated.bigProvider, obligation }, now, 1000);
  out['cases user'] = projections.listCases({ user: generated.users[1] }, now, 1000);
  return out;
}

describe('projections: built from scratch, resumed from a mid-log position, or caught up warm, they answer alike', () => {
  const log = new MemoryLedgerStore();
  let generated: GeneratedLedger;
  let fresh: Record<string, unknown>;
  let times: string[];

  beforeAll(async () => {
    generated = await generateLedger(log, { cases: 400, providers: 7, days: 60, start: '2026-03-02T15:00:00.000Z', group: 97, sanctionEvery: 5 });
    // The end of the log, and a time in the middle: the historical path judges cases again from their entries.
    times = [new Date(Date.parse(generated.end) + 86_400_000).toISOString(), '2026-03-31T12:00:00.000Z'];
    const projections = new SqliteProjectionStore(':memory:');
    await new Projector(log, projections, { batchSize: 50 }).catchUp();
    expect(projections.position()).toBe(generated.entries);
    fresh = await everyReport(projections, log, generated, times);
  }, 120_000);
  afterAll(() => log.close());

  it('answers as the reports computed plainly from the entries alone (the oracle), at the end and mid-log', async () => {
    for (const asOf of times) {
      const reference = await referenceReports(log, asOf, generated.providers, generated.notifiers);
      expect(Object.keys(reference).length).toBe(generated.providers.length + generated.notifiers.length);
      for (const [key, value] of Object.entries(reference)) expect(fresh[key], key).toEqual(value);
    }
  }, 120_000);

  it.each([
    ['rebuilt stream by stream', true],
    ['built entry by entry', false],
  ])('stores for every case what its entries and its parties’ latest states give (no judgement left stale by a party’s change), %s', async (_how, byStreams) => {
    const projections = new SqliteProjectionStore(':memory:');
    await new Projector(log, projections, { batchSize: 50, byStreams }).catchUp();
    expect(projections.position()).toBe(generated.entries);
    const reference = await referenceProjections(log);
    expect(reference.size).toBe(generated.cases);
    for (const [id, expected] of reference) expect(projections.caseProjection(id), id).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('lists the cases with an obligation of each status, now or due before a time, as their judgements say (statusOf of each duty)', async () => {
    const projections = new SqliteProjectionStore(':memory:');
    await new Projector(log, projections, { batchSize: 50 }).catchUp();
    const reference = [...(await referenceProjections(log)).values()].sort((a, b) => (a.openedAt < b.openedAt || (a.openedAt === b.openedAt && a.id < b.id) ? -1 : 1));
    const [now] = times;
    const dueBefore = new Date(Date.parse(now) - 20 * 86_400_000).toISOString();
    const listed = (filter: Parameters<ProjectionStore['listCases']>[0]) => projections.listCases(filter, now, 5000);
    let compared = 0;
    for (const obligation of OBLIGATION_STATUSES) {
      const has = (c: (typeof reference)[number], due?: string) => (c.judgement?.obligations ?? []).some((o) => statusOf(o, now) === obligation && (!due || (o.window !== undefined && o.window.by < due)));
      const expected = reference.filter((c) => c.provider === generated.bigProvider && has(c)).map((c) => c.id);
      const notifier = generated.notifiers[0];
      const cases = [
        [listed({ provider: generated.bigProvider, obligation }), expected],
        [listed({ provider: generated.bigProvider, notifier, obligation }), reference.filter((c) => c.provider === generated.bigProvider && c.notifier === notifier && has(c)).map((c) => c.id)],
        [listed({ obligation }), reference.filter((c) => has(c)).map((c) => c.id)],
        [listed({ obligation, dueBefore }), reference.filter((c) => has(c, dueBefore)).map((c) => c.id)],
      ] as const;
      for (const [page, ids] of cases) {
        expect(page.items.map((c) => c.id), obligation).toEqual(ids);
        expect(page.total, obligation).toBe(ids.length);
        compared += ids.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('has something to compare: missed obligations, strikes, misuse, every phase but litigation', () => {
    const big = fresh[`compliance ${generated.bigProvider} ${times[0]}`] as { packs: { cases: number; obligations: Record<string, { missed: number }> }[] };
    expect(big.packs[0].cases).toBeGreaterThan(50);
    expect(Object.values(big.packs[0].obligations).some((t) => t.missed > 0)).toBe(true);
    expect((fresh['cases obligation=missed'] as { total: number }).total).toBeGreaterThan(0);
    const repeat = fresh[`repeat ${generated.bigProvider} ${times[0]}`] as { packs: { users: unknown[] }[] };
    expect(repeat.packs[0].users.length).toBeGreaterThan(0);
    for (const phase of ['open', 'measure_in_force', 'restored', 'withdrawn', 'disputed']) expect((fresh[`cases state=${phase}`] as { total: number }).total, phase).toBeGreaterThan(0);
    // Sanctions that count: suspensions judged for a prior warning (EU Art 23(1)).
    expect(JSON.stringify(fresh)).toContain('"key":"EU.priorWarning"');
  });

  it('resumes from a stored position with a new projector (a restart) and answers as a fresh build', async () => {
    const projections = new SqliteProjectionStore(':memory:');
    const prefix = new LogPrefix(log, Math.floor(generated.entries / 2) + 13);
    await new Projector(asLog(prefix), projections, { batchSize: 64 }).catchUp();
    expect(projections.position()).toBe(prefix.end);
    await new Projector(log, projections, { batchSize: 1000 }).catchUp();
    expect(await everyReport(projections, log, generated, times)).toEqual(fresh);
  }, 120_000);

  it.each([
    ['entry by entry', false],
    ['stream by stream', true],
  ])('stops %s once the batch in progress is written, and a new projector finishes the work', async (_how, byStreams) => {
    const projections = new SqliteProjectionStore(':memory:');
    const projector = new Projector(log, projections, { batchSize: 50, byStreams });
    const running = projector.catchUp();
    await projector.stop();
    await running;
    expect(projections.position()).toBeLessThan(generated.entries);
    expect(await projector.catchUp()).toBe(projections.position()); // stopped: no more catch-ups
    await new Projector(log, projections, { batchSize: 1000 }).catchUp();
    expect(projections.position()).toBe(generated.entries);
    expect(await everyReport(projections, log, generated, times)).toEqual(fresh);
  }, 120_000);

  it('answers warm after new acts exactly as a fresh build (nothing stale survives)', async () => {
    const projections = new SqliteProjectionStore(':memory:');
    const prefix = new LogPrefix(log, Math.floor(generated.entries / 3));
    const projector = new Projector(asLog(prefix), projections, { batchSize: 100 });
    await projector.catchUp();
    const early = await everyReport(projections, asLog(prefix), generated, times);
    prefix.end = generated.entries;
    await projector.catchUp();
    const warm = await everyReport(projections, log, generated, times);
    expect(warm).not.toEqual(early);
    expect(warm).toEqual(fresh);
  }, 120_000);
});

describe('cached reports', () => {
  it('answer at any later time, and after new acts, exactly as reports computed afresh', async () => {
    const log = new MemoryLedgerStore();
    const generated = await generateLedger(log, { cases: 300, providers: 5, days: 40, start: '2026-03-02T15:00:00.000Z' });
    const projections = new SqliteProjectionStore(':memory:');
    const prefix = new LogPrefix(log, Math.floor(generated.entries * 0.8));
    const projector = new Projector(asLog(prefix), projections);
    const catchUp = () => projector.catchUp();
    const cache = new ReportCache();
    const cached = new ComplianceService(projections, catchUp, asLog(prefix), { now: () => new Date() }, {}, cache);
    const fresh = new ComplianceService(projections, catchUp, asLog(prefix), { now: () => new Date() }, {}, new ReportCache(0));
    await catchUp();
    // From the last act on, in steps of 7 minutes to 3 days (deadlines pass, days turn), and a minute
    // before and after strikes expire (inside one quarter hour, so that only the expiry can tell).
    const expiries = new Set<string>();
    for (const p of generated.providers) for (const pack of (await fresh.repeatInfringers(p, new Date(projections.lastAt()))).value.packs) for (const u of pack.users) for (const st of u.strikes) expiries.add(st.expiresAt);
    const around = [...expiries].filter((e) => e > projections.lastAt()).sort().filter((e) => Math.floor((Date.parse(e) - 60_000) / 900_000) === Math.floor((Date.parse(e) + 60_000) / 900_000)).slice(0, 30);
    expect(around.length).toBeGreaterThan(10);
    const times: number[] = [];
    let t = Date.parse(projections.lastAt());
    for (let i = 0; i < 60; i++) times.push((t += [7 * 60_000, 3_600_000, 86_400_000, 3 * 86_400_000][i % 4]));
    for (const e of around) times.push(Date.parse(e) - 60_000, Date.parse(e) + 60_000);
    times.sort((a, b) => a - b);
    let steps = 0;
    for (const [i, time] of times.entries()) {
      if (i === 40) {
        prefix.end = generated.entries; // new acts arrive
        await catchUp();
      }
      const at = new Date(Math.max(time, Date.parse(projections.lastAt())));
      for (const p of generated.providers) {
        expect((await cached.providerCompliance(p, at)).value, `${p} ${at.toISOString()}`).toEqual((await fresh.providerCompliance(p, at)).value);
        expect((await cached.repeatInfringers(p, at)).value).toEqual((await fresh.repeatInfringers(p, at)).value);
        steps++;
      }
    }
    expect(steps).toBe(times.length * generated.providers.length);
    expect(cache.hits).toBeGreaterThan(100);
  }, 120_000);
});

describe('projection versions', () => {
  it('rebuilds from the log when the projector version changed, forgetting what the old one stored', async () => {
    const log = new MemoryLedgerStore();
    const generated = await generateLedger(log, { cases: 30, providers: 3, days: 10 });
    const projections = new SqliteProjectionStore(':memory:');
    const v1 = new Projector(log, projections, { version: 'test-1' });
    await v1.catchUp();
    const orphan = { ...projections.caseProjection('k-0')!, id: 'left-by-v1' };
    projections.commit({ position: generated.entries, parties: [], sanctions: [], cases: [orphan] });
    expect(projections.caseProjection('left-by-v1')).toBeDefined();
    expect(new Projector(log, projections, { version: 'test-1' }).outdated).toBe(false);

    const v2 = new Projector(log, projections, { version: 'test-2', batchSize: 20 });
    expect(v2.outdated).toBe(true);
    const positions: number[] = [];
    await v2.catchUp((p) => positions.push(p));
    expect(projections.version()).toBe('test-2');
    expect(projections.caseProjection('left-by-v1')).toBeUndefined();
    expect(projections.caseProjection('k-0')?.id).toBe('k-0');
    expect(projections.listCases({}, generated.end, 1000).total).toBe(30);
    expect(positions[0]).toBeLessThan(generated.entries);
    expect(positions.at(-1)).toBe(generated.entries);
  });
});
