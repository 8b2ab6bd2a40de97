import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import type { CaseProjection } from '../../src/domain/projections/case-projection.js';
import { userRecord, type RepeatInfringerPolicy } from '../../src/domain/projections/repeat-infringement.js';
import { SqliteProjectionStore } from '../../src/store/sqlite/sqlite-projection-store.js';
import { at, byDefinition, DAY, strikePlatform, strikePolicies, strikePolicy, strikeRows, T0, type StrikeRow } from '../support/strike-definition.js';

const eu = latestPack('eu-dsa')!;

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

const policy = strikePolicy;
const platform = strikePlatform;

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

  it('equals the definition for any strikes, policy and time (userRecord: test/unit/repeat-threshold.spec.ts)', () => {
    fc.assert(
      fc.property(strikeRows, strikePolicies, fc.integer({ min: 0, max: 30 }), (rows, p, asOfDay) => {
        const asOfMs = T0 + asOfDay * DAY;
        expect(storeWith(rows).thresholdCrossings('p', 'eu-dsa', counting(p), at(asOfMs))).toEqual(byDefinition(rows, p, asOfMs));
      }),
      { numRuns: 300 },
    );
  });
});
