import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBLIGATION_STATUSES, statusChangesAt, statusOf, type ObligationSpec } from '../../src/domain/jurisdictions/obligation.js';
import { RULE_PACKS } from '../../src/domain/jurisdictions/packs.js';
import type { CaseJudgement } from '../../src/domain/jurisdictions/rule-pack.js';
import { initialPartyState } from '../../src/domain/party/state.js';
import { END_OF_TIME } from '../../src/domain/projections/case-projection.js';
import { join } from 'node:path';
import { OBLIGATION_STATUS_SQL } from '../../src/store/sqlite/projection-schema.js';
import { SqliteProjectionStore } from '../../src/store/sqlite/sqlite-projection-store.js';
import { makeTempDir } from '../support/temp-dir.js';
import { STATUS_IS } from '../../src/store/sqlite/case-list.js';

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

describe('the projection store computes statuses in SQL as the domain does', () => {
  it('gives statusOf() for any obligation and any time (settled status, or the window and its lapse)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE o (by_at TEXT, settled TEXT, lapse TEXT)');
    const insert = db.prepare('INSERT INTO o (by_at, settled, lapse) VALUES (?, ?, ?)');
    const status = db.prepare(`SELECT ${OBLIGATION_STATUS_SQL} FROM o AS o WHERE rowid = ?`).pluck();
    fc.assert(
      fc.property(spec, instant, (s, asOf) => {
        // As SqliteProjectionStore.writeCase stores it.
        const settled = statusChangesAt(s) === undefined ? statusOf(s, END_OF_TIME) : null;
        const { lastInsertRowid } = insert.run(s.window?.by ?? null, settled, s.lapse ?? null);
        expect(status.get({ asOf }, lastInsertRowid)).toBe(statusOf(s, asOf));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the case list’s status predicates', () => {
  it('select exactly the obligations whose status is the one asked, at any time', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE o (by_at TEXT, settled TEXT, lapse TEXT)');
    const insert = db.prepare('INSERT INTO o (by_at, settled, lapse) VALUES (?, ?, ?)');
    const holds = Object.fromEntries(OBLIGATION_STATUSES.map((st) => [st, db.prepare(`SELECT COUNT(*) FROM o AS o WHERE rowid = @id AND ${STATUS_IS[st]}`).pluck()]));
    fc.assert(
      fc.property(spec, instant, (s, asOf) => {
        const settled = statusChangesAt(s) === undefined ? statusOf(s, END_OF_TIME) : null;
        const { lastInsertRowid } = insert.run(s.window?.by ?? null, settled, s.lapse ?? null);
        for (const st of OBLIGATION_STATUSES) expect(holds[st].get({ id: lastInsertRowid, asOf }), st).toBe(statusOf(s, asOf) === st ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('every pack: only a missed, late or early obligation or a lacking prerequisite costs an item its protection', () => {
  // What a regulator may rely on when reading the lists: a case with no failing duty is not at risk.
  const packs = Object.values(RULE_PACKS).map((pack) => [pack!.id, pack!] as const);
  it.each(packs)('%s', (_id, pack) => {
    const keys = ['US.takedown', 'EU.actOnKnowledge', 'CN.measure', 'JP.senderInquiryWait', 'X.other'];
    const harmless = fc.array(fc.record({ key: fc.constantFrom(...keys), status: fc.constantFrom('pending' as const, 'met' as const, 'not_applicable' as const) }), { maxLength: 8 });
    const judgement: CaseJudgement = { pack: `${pack.id}@${pack.version}`, assessment: { status: 'valid', missing: [] }, obligations: [], lackingPrerequisites: [] };
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
