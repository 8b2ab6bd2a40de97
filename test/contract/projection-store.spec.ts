import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBLIGATION_STATUSES, settledStatus, statusOf, statusSpans, type ObligationSpec } from '../../src/domain/jurisdictions/obligation.js';
import { PACK_REGISTRY } from '../../src/domain/jurisdictions/registry.js';
import type { CaseJudgement } from '../../src/domain/jurisdictions/rule-pack.js';
import { initialPartyState } from '../../src/domain/party/state.js';
import { END_OF_TIME, type CaseProjection } from '../../src/domain/projections/case-projection.js';
import { join } from 'node:path';
import { OBLIGATION_STATUS_SQL } from '../../src/store/sqlite/projection-schema.js';
import { SqliteProjectionStore, UNPROTECTED_AS_OF_SQL } from '../../src/store/sqlite/sqlite-projection-store.js';
import { makeTempDir } from '../support/temp-dir.js';
import { SPAN_HOLDS, STATUS_IS } from '../../src/store/sqlite/case-list.js';

const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-03-01T00:00:00Z') }).map((ms) => new Date(ms).toISOString());

const spec: fc.Arbitrary<ObligationSpec> = fc.record(
  {
    window: fc.option(fc.record({ from: fc.option(instant, { nil: undefined }), by: instant }), { nil: undefined }),
    metAt: fc.option(instant, { nil: undefined }),
    notApplicable: fc.option(fc.constantFrom('withdrawn', 'litigation_pending'), { nil: undefined }),
    status: fc.option(fc.constantFrom(...OBLIGATION_STATUSES), { nil: undefined }),
    lapse: fc.option(fc.constantFrom('missed' as const, 'not_applicable' as const), { nil: undefined }),
  },
  { requiredKeys: [] },
).map((r) => ({ key: 'K', party: 'p', basis: 'statutory', source: 's', timeZone: 'UTC', ...r, window: r.window && { ...r.window, byLocalDate: r.window.by.slice(0, 10), timeZone: 'UTC' } }));

/** A table of obligation rows as SqliteProjectionStore.writeCase stores them, and how to add one. */
function obligationRows(): { db: Database.Database; add(s: ObligationSpec): number | bigint } {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE o (by_at TEXT, settled TEXT, lapse TEXT)');
  const insert = db.prepare('INSERT INTO o (by_at, settled, lapse) VALUES (?, ?, ?)');
  return { db, add: (s) => insert.run(s.window?.by ?? null, settledStatus(s, END_OF_TIME), s.lapse ?? null).lastInsertRowid };
}

describe('the projection store computes statuses in SQL as the domain does', () => {
  it('gives statusOf() for any obligation and any time (settled status, or the window and its lapse)', () => {
    const { db, add } = obligationRows();
    const status = db.prepare(`SELECT ${OBLIGATION_STATUS_SQL} FROM o AS o WHERE rowid = ?`).pluck();
    fc.assert(
      fc.property(spec, instant, (s, asOf) => {
        expect(status.get({ asOf }, add(s))).toBe(statusOf(s, asOf));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the case list’s status predicates', () => {
  it('select exactly the obligations whose status is the one asked, at any time', () => {
    const { db, add } = obligationRows();
    const holds = Object.fromEntries(OBLIGATION_STATUSES.map((st) => [st, db.prepare(`SELECT COUNT(*) FROM o AS o WHERE rowid = @id AND ${STATUS_IS[st]}`).pluck()]));
    fc.assert(
      fc.property(spec, instant, (s, asOf) => {
        const id = add(s);
        for (const st of OBLIGATION_STATUSES) expect(holds[st].get({ id, asOf }), st).toBe(statusOf(s, asOf) === st ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the case list’s status spans', () => {
  it('hold exactly when one of the case’s obligations has the status asked, at any time', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE s (status TEXT, after TEXT, up_to TEXT)');
    const insert = db.prepare('INSERT INTO s (status, after, up_to) VALUES (?, ?, ?)');
    const has = db.prepare(`SELECT COUNT(*) FROM s AS s WHERE status = @status AND ${SPAN_HOLDS}`).pluck();
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 5 }), instant, (specs, asOf) => {
        db.exec('DELETE FROM s');
        for (const [status, span] of statusSpans(specs, END_OF_TIME)) insert.run(status, span.after, span.upTo);
        for (const st of OBLIGATION_STATUSES) expect(has.get({ status: st, asOf }), st).toBe(specs.some((x) => statusOf(x, asOf) === st) ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('every pack: only a missed, late or early obligation or a lacking prerequisite costs an item its protection', () => {
  // What a regulator may rely on when reading the lists: a case with no failing duty is not at risk.
  const packs = PACK_REGISTRY.map((e) => e.pack).map((pack) => [pack!.id, pack!] as const);
  it.each(packs)('%s', (_id, pack) => {
    const keys = ['US.takedown', 'EU.actOnKnowledge', 'CN.measure', 'JP.senderInquiryWait', 'X.other'];
    const harmless = fc.array(fc.record({ key: fc.constantFrom(...keys), status: fc.constantFrom('pending' as const, 'met' as const, 'not_applicable' as const) }), { maxLength: 8 });
    const judgement: CaseJudgement = { pack: `${pack.id}@${pack.version}`, assessment: { status: 'valid', missing: [], elements: [] }, obligations: [], lackingPrerequisites: [] };
    const context = { asOf: '2026-02-01T00:00:00.000Z', provider: initialPartyState('p'), slaDays: (_k: string, d: number) => d };
    fc.assert(
      fc.property(harmless, (outcomes) => {
        expect(pack.protection(outcomes, judgement, context)).toEqual({ status: 'eligible', reasons: [] });
      }),
    );
    expect(pack.protection([{ key: keys[0], status: 'missed' }, { key: keys[1], status: 'missed' }, { key: keys[2], status: 'missed' }, { key: keys[3], status: 'early' }], judgement, context).status).not.toBe('eligible');
  });
});

describe('a projection file written without fsync', () => {
  const open = (path: string) => new SqliteProjectionStore(path);
  const markBoot = (path: string, boot: string, closedCleanly: string) => {
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'boot'").run(boot);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'closed_cleanly'").run(closedCleanly);
    db.close();
  };

  it('is emptied when opened after another boot without a clean close (a machine crash may have torn it), kept otherwise', () => {
    const dir = makeTempDir();
    const path = join(dir.path, 'projections.db');
    try {
      const store = open(path);
      store.reset('v-1');
      store.commit({ position: 7, parties: [], sanctions: [], cases: [] });
      store.close();
      markBoot(path, 'another-boot', '1');
      expect(open(path).position()).toBe(7); // closed cleanly: kept (and left open, as a crash would)
      markBoot(path, 'another-boot', '0');
      const reopened = open(path);
      expect(reopened.position()).toBe(0);
      expect(reopened.version()).toBeUndefined();
      reopened.close();
    } finally {
      dir.remove();
    }
  });

  it('is kept after a process crash in the same boot', () => {
    const dir = makeTempDir();
    const path = join(dir.path, 'projections.db');
    try {
      const store = open(path);
      store.reset('v-1');
      store.commit({ position: 9, parties: [], sanctions: [], cases: [] }); // not closed: as after SIGKILL
      expect(open(path).position()).toBe(9);
    } finally {
      dir.remove();
    }
  });
});

describe('the counts the store keeps for reports', () => {
  const T1 = '2026-02-01T00:00:00.000Z';
  const T2 = '2026-02-10T00:00:00.000Z';
  const open = (by: string, lapse?: 'not_applicable'): ObligationSpec => ({ key: 'K', party: 'p', basis: 'statutory', source: 's', timeZone: 'UTC', window: { by, byLocalDate: by.slice(0, 10), timeZone: 'UTC' }, ...(lapse ? { lapse } : {}) });
  const met = (): ObligationSpec => ({ ...open(T1), metAt: '2026-01-15T00:00:00.000Z' });
  const caseOf = (id: string, obligations: ObligationSpec[], strikeUser?: string, calendarAssumed = false): CaseProjection => ({
    ...{ id, provider: 'p', notifier: 'n', pack: 'us-dmca', user: strikeUser ?? null, users: strikeUser ? [strikeUser] : [], openedAt: `2026-01-0${id.length}T00:00:00.000Z`, lastAt: '2026-01-20T00:00:00.000Z' },
    ...{ lastSeq: 1, revisions: 1, phase: 'measure_in_force', items: [], unprotected: [], conduct: null, calendarAssumed },
    judgement: { pack: 'us-dmca@1', assessment: { status: 'valid', missing: [], elements: [] }, obligations, lackingPrerequisites: [] },
    strike: strikeUser ? { issuedAt: '2026-01-10T00:00:00.000Z', disputed: false } : null,
  });
  const tallies = (store: SqliteProjectionStore, asOf: string) => {
    const sums: Record<string, number> = {};
    for (const t of store.complianceRows('p', asOf).tallies) sums[t.status] = (sums[t.status] ?? 0) + t.count;
    return sums;
  };

  it('tallies obligations as of any time, and follow a case judged again', () => {
    const store = new SqliteProjectionStore(':memory:');
    store.reset('v');
    store.commit({ position: 1, parties: [], sanctions: [], cases: [caseOf('a', [open(T1), met()]), caseOf('bb', [open(T2, 'not_applicable')])] });
    expect(tallies(store, '2026-01-20T00:00:00.000Z')).toEqual({ pending: 2, met: 1 });
    expect(tallies(store, T1)).toEqual({ pending: 2, met: 1 }); // the deadline's own instant is still in time
    expect(tallies(store, '2026-02-05T00:00:00.000Z')).toEqual({ pending: 1, missed: 1, met: 1 });
    expect(tallies(store, '2026-03-01T00:00:00.000Z')).toEqual({ missed: 1, not_applicable: 1, met: 1 });
    // Case a's duty is met after all: it is judged again, and counted once, as met.
    store.commit({ position: 2, parties: [], sanctions: [], cases: [caseOf('a', [met(), met()])] });
    expect(tallies(store, '2026-03-01T00:00:00.000Z')).toEqual({ not_applicable: 1, met: 2 });
  });

  it('keeps one document per case apart from its row, replaced when the case is judged again', () => {
    const store = new SqliteProjectionStore(':memory:');
    store.reset('v');
    store.commit({ position: 1, parties: [], sanctions: [], cases: [caseOf('a', [open(T1)]), caseOf('bb', [open(T2)])] });
    store.commit({ position: 2, parties: [], sanctions: [], cases: [{ ...caseOf('a', [met()]), phase: 'restored', revisions: 3 }] });
    expect(store.caseProjection('a')).toMatchObject({ id: 'a', phase: 'restored', revisions: 3, judgement: { obligations: [{ metAt: '2026-01-15T00:00:00.000Z' }] } });
    expect(store.caseProjection('bb')).toMatchObject({ id: 'bb', phase: 'measure_in_force', revisions: 1 });
    expect([...store.casesOf('p', 'provider', T2)].map((c) => [c.id, c.revisions])).toEqual([['a', 3], ['bb', 1]]);
    expect(store.caseProjection('ccc')).toBeUndefined();
  });

  it('counts the cases whose days were assumed where the calendar is missing, and follows a case judged again', () => {
    const store = new SqliteProjectionStore(':memory:');
    store.reset('v');
    store.commit({ position: 1, parties: [], sanctions: [], cases: [caseOf('a', [], undefined, true), caseOf('bb', []), caseOf('ccc', [], undefined, true)] });
    expect(store.complianceRows('p', T2).cases).toEqual([{ packVersion: 'us-dmca@1', count: 3, calendarAssumed: 2 }]);
    store.commit({ position: 2, parties: [], sanctions: [], cases: [caseOf('a', [])] });
    expect(store.complianceRows('p', T2).cases).toEqual([{ packVersion: 'us-dmca@1', count: 3, calendarAssumed: 1 }]);
  });

  /** The steps SQLite plans for `sql` on a projection file with the store's schema and indexes. */
  const planOf = (sql: string, params: unknown): string[] => {
    const dir = makeTempDir();
    try {
      const file = join(dir.path, 'projections.db');
      const store = new SqliteProjectionStore(file);
      store.reset('v');
      store.close();
      const db = new Database(file, { readonly: true });
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
      db.close();
      return plan.map((row) => row.detail);
    } finally {
      dir.remove();
    }
  };

  it('counts a provider’s cases by pack version from the index alone: no case document is read (regression: 1M-entry reports)', () => {
    const sql = 'SELECT pack_version, COUNT(*) AS n, SUM(calendar_assumed) AS assumed FROM cases WHERE provider = ? AND pack_version IS NOT NULL GROUP BY pack_version';
    expect(planOf(sql, ['p'])).toEqual(['SEARCH cases USING COVERING INDEX cases_by_pack_version (provider=? AND pack_version>?)']);
  });

  it('reads a provider’s unprotected items as of a time from the spans begun before it only (a range of the key)', () => {
    expect(planOf(UNPROTECTED_AS_OF_SQL, { provider: 'p', asOf: T2 })).toContain('SEARCH unprotected USING PRIMARY KEY (provider=? AND after<?)');
  });

  it('gives the users whose strikes reached a threshold, and follows cases that stop being strikes', () => {
    const store = new SqliteProjectionStore(':memory:');
    store.reset('v');
    store.commit({ position: 1, parties: [], sanctions: [], cases: [caseOf('a', [], 'u1'), caseOf('bb', [], 'u1'), caseOf('ccc', [], 'u1'), caseOf('dddd', [], 'u2')] });
    // Every strike of caseOf is issued on 10 January: a 90-day window holds them all on 20 January.
    const reached = (n: number) => store.thresholdCrossings('p', 'us-dmca', { threshold: n, windowMs: 90 * 86_400_000, countDisputed: false }, '2026-01-20T00:00:00.000Z').map((c) => `${c.user}:${c.activeStrikes}`);
    expect(reached(3)).toEqual(['u1:3']);
    expect(reached(1)).toEqual(['u1:3', 'u2:1']);
    expect(store.thresholdCrossings('p', 'eu-dsa', { threshold: 1, windowMs: 86_400_000, countDisputed: false }, '2026-01-20T00:00:00.000Z')).toEqual([]);
    store.commit({ position: 2, parties: [], sanctions: [], cases: [caseOf('bb', [])] });
    expect(reached(3)).toEqual([]);
    expect(reached(2)).toEqual(['u1:2']);
  });
});

describe('a rebuild in bulk cut short', () => {
  it('leaves a file that opens again, emptied, with every index and trigger back', () => {
    const dir = makeTempDir();
    const path = join(dir.path, 'projections.db');
    try {
      const store = new SqliteProjectionStore(path);
      store.beginRebuild();
      store.commit({ position: 0, parties: [], sanctions: [], cases: [], fresh: true }); // then the process dies: no finishRebuild
      const reopened = new SqliteProjectionStore(path);
      expect(reopened.version()).toBeUndefined();
      expect(reopened.position()).toBe(0);
      const db = new Database(path, { readonly: true });
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL").pluck().all();
      db.close();
      expect(names).toEqual(expect.arrayContaining(['strikes_by_user', 'obligation_counted', 'case_statuses_anywhere']));
      // A query that names the index (INDEXED BY) runs: it would fail without it.
      expect(reopened.thresholdCrossings('p', 'us-dmca', { threshold: 1, windowMs: 86_400_000, countDisputed: false }, '2026-01-20T00:00:00.000Z')).toEqual([]);
      reopened.close();
    } finally {
      dir.remove();
    }
  });
});
