import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import { initialPartyState, type PartyState } from '../../src/domain/party/state.js';
import type { CaseProjection } from '../../src/domain/projections/case-projection.js';
import { userRecord, type RepeatInfringerPolicy, type StrikeBasis } from '../../src/domain/projections/repeat-infringement.js';
import { SqliteProjectionStore } from '../../src/store/sqlite/sqlite-projection-store.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const eu = latestPack('eu-dsa')!;

interface StrikeRow {
  user: string;
  issuedMs: number;
  exclusion?: string;
  disputed: boolean;
}

/** A store holding one case per strike, each with its user, issue, exclusion and dispute. */
function storeWith(strikes: readonly StrikeRow[]): SqliteProjectionStore {
  const store = new SqliteProjectionStore(':memory:');
  store.reset('v');
  const cases = strikes.map((s, i): CaseProjection => ({
    ...{ id: `c${i}`, provider: 'p', notifier: 'n', pack: 'eu-dsa', user: s.user, users: [s.user], openedAt: at(s.issuedMs - 1000), lastAt: at(s.issuedMs) },
    ...{ lastSeq: i, revisions: 2, phase: 'measure_in_force', items: [], unprotected: [], conduct: null, calendarAssumed: false },
    judgement: { pack: 'eu-dsa@1', assessment: { status: 'valid', missing: [], elements: [] }, obligations: [], lackingPrerequisites: [] },
    strike: { issuedAt: at(s.issuedMs), exclusion: s.exclusion, disputed: s.disputed },
  }));
  store.commit({ position: 1, parties: [], sanctions: [], cases });
  return store;
}

const counting = (p: RepeatInfringerPolicy) => ({ threshold: p.strikes, windowMs: p.windowDays * DAY, countDisputed: p.countDisputed });

/**
 * The definition, pair by pair (JURISDICTIONS.md §0.4): a strike counts unless excluded, or disputed
 * under a policy that does not count disputed ones; the threshold is reached at the first counted
 * strike s with at least `strikes` counted strikes o issued at or before s and expiring after it.
 */
function byDefinition(strikes: readonly StrikeRow[], p: RepeatInfringerPolicy, asOfMs: number) {
  const window = p.windowDays * DAY;
  const result: { user: string; thresholdReachedAt: string; activeStrikes: number; nextExpiry?: string }[] = [];
  for (const user of [...new Set(strikes.map((s) => s.user))].sort()) {
    const counted = strikes.filter((s) => s.user === user && !s.exclusion && (!s.disputed || p.countDisputed)).map((s) => s.issuedMs);
    const reached = counted.filter((s) => counted.filter((o) => o <= s && s < o + window).length >= p.strikes);
    if (reached.length === 0) continue;
    const inForce = counted.filter((o) => o <= asOfMs && asOfMs < o + window);
    const later = counted.map((o) => o + window).filter((e) => e > asOfMs);
    result.push({ user, thresholdReachedAt: at(Math.min(...reached)), activeStrikes: inForce.length, ...(later.length ? { nextExpiry: at(Math.min(...later)) } : {}) });
  }
  return result;
}

const policy = (over: Partial<RepeatInfringerPolicy>): RepeatInfringerPolicy => ({ strikes: 3, windowDays: 10, action: 'suspend', actionWithinDays: 2, countDisputed: false, ...over });
const platform = (p: RepeatInfringerPolicy): PartyState => ({ ...initialPartyState('p'), registered: true, roles: ['provider'], packs: ['eu-dsa'], timeZone: 'Europe/Brussels', policy: { repeatInfringer: p, seq: 1, recordedAt: at(T0) } });

describe('the projection store counts repeat infringers’ strikes as the definition does', () => {
  // Window 10 days, 3 strikes. Dates worked out by hand.
  const strikes: StrikeRow[] = [
    // u1: 1, 5 and 11 January: the first expires on 11 January 00:00, the instant the third is issued — never three at once.
    { user: 'u1', issuedMs: T0, disputed: false },
    { user: 'u1', issuedMs: T0 + 4 * DAY, disputed: false },
    { user: 'u1', issuedMs: T0 + 10 * DAY, disputed: false },
    // u2: the same a millisecond earlier: three at once on 10 January 23:59:59.999.
    { user: 'u2', issuedMs: T0, disputed: false },
    { user: 'u2', issuedMs: T0 + 4 * DAY, disputed: false },
    { user: 'u2', issuedMs: T0 + 10 * DAY - 1, disputed: false },
    // u3: one excluded and one disputed among four: three only when disputed strikes count (on 4 January).
    { user: 'u3', issuedMs: T0, disputed: false },
    { user: 'u3', issuedMs: T0 + DAY, exclusion: 'withdrawn', disputed: false },
    { user: 'u3', issuedMs: T0 + 2 * DAY, disputed: false },
    { user: 'u3', issuedMs: T0 + 3 * DAY, disputed: true },
    // u4: three at the same instant.
    { user: 'u4', issuedMs: T0 + 5 * DAY, disputed: false },
    { user: 'u4', issuedMs: T0 + 5 * DAY, disputed: false },
    { user: 'u4', issuedMs: T0 + 5 * DAY, disputed: false },
  ];

  it('finds who reached the threshold and when, how many strikes are in force, and the next expiry (hand-computed)', () => {
    const store = storeWith(strikes);
    const asOf = at(T0 + 12 * DAY); // 13 January: u2's strikes of 5 and 10 January in force, u4's three of 6 January
    expect(store.thresholdCrossings('p', 'eu-dsa', counting(policy({})), asOf)).toEqual([
      { user: 'u2', thresholdReachedAt: '2026-01-10T23:59:59.999Z', activeStrikes: 2, nextExpiry: '2026-01-15T00:00:00.000Z' },
      { user: 'u4', thresholdReachedAt: '2026-01-06T00:00:00.000Z', activeStrikes: 3, nextExpiry: '2026-01-16T00:00:00.000Z' },
    ]);
    const withDisputed = store.thresholdCrossings('p', 'eu-dsa', counting(policy({ countDisputed: true })), asOf);
    // u3 with its disputed strike: 1, 3 and 4 January; on 13 January 00:00 the strike of the 3rd has just expired.
    expect(withDisputed.find((c) => c.user === 'u3')).toEqual({ user: 'u3', thresholdReachedAt: '2026-01-04T00:00:00.000Z', activeStrikes: 1, nextExpiry: '2026-01-14T00:00:00.000Z' });
    expect(store.thresholdCrossings('p', 'us-dmca', counting(policy({})), asOf)).toEqual([]);
    // The domain's userRecord (reports as of a past time) gives the same.
    const record = (user: string) => {
      const cases = strikes.flatMap((s, i) => (s.user === user ? [{ id: `c${i}`, basis: { issuedAt: at(s.issuedMs), exclusion: s.exclusion, disputed: s.disputed } }] : []));
      const r = userRecord({ user, cases }, platform(policy({})), eu, asOf);
      return [r.thresholdReachedAt, r.activeStrikes];
    };
    expect(['u1', 'u2', 'u3', 'u4'].map(record)).toEqual([[null, 2], ['2026-01-10T23:59:59.999Z', 2], [null, 0], ['2026-01-06T00:00:00.000Z', 3]]);
    expect(store.thresholdCrossings('p', 'eu-dsa', counting(policy({ strikes: 4 })), asOf)).toEqual([]);
  });

  // Whole days and short windows, a millisecond off now and then: strikes that expire exactly when another is issued are common.
  const issued = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom(0, 0, 0, -1)).map(([days, off]) => T0 + days * DAY + off);
  const row = fc.record({ user: fc.constantFrom('a', 'b', 'c'), issuedMs: issued, exclusion: fc.option(fc.constant('withdrawn'), { nil: undefined, freq: 5 }), disputed: fc.boolean() });
  const policies = fc.record({ strikes: fc.integer({ min: 1, max: 4 }), windowDays: fc.integer({ min: 1, max: 6 }), countDisputed: fc.boolean() }).map(policy);

  it('equals the definition for any strikes, policy and time (and so does userRecord)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), policies, fc.integer({ min: 0, max: 30 }), (rows, p, asOfDay) => {
        const asOfMs = T0 + asOfDay * DAY;
        const expected = byDefinition(rows, p, asOfMs);
        const store = storeWith(rows);
        expect(store.thresholdCrossings('p', 'eu-dsa', counting(p), at(asOfMs))).toEqual(expected);
        for (const user of new Set(rows.map((r) => r.user))) {
          const cases = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.user === user).map(({ r, i }) => ({ id: `c${i}`, basis: { issuedAt: at(r.issuedMs), exclusion: r.exclusion, disputed: r.disputed } as StrikeBasis }));
          const record = userRecord({ user, cases }, platform(p), eu, at(asOfMs));
          const crossing = expected.find((c) => c.user === user);
          expect({ reached: record.thresholdReachedAt, active: record.activeStrikes }).toEqual({ reached: crossing?.thresholdReachedAt ?? null, active: crossing?.activeStrikes ?? record.activeStrikes });
        }
      }),
      { numRuns: 300 },
    );
  });
});
