import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import type { Sanction } from '../../src/domain/party/state.js';
import { userRecord, usersByPack, type StrikeBasis } from '../../src/domain/projections/repeat-infringement.js';
import { at, byDefinition, DAY, strikePlatform, strikePolicies, strikePolicy, strikeRows, T0, type StrikeRow } from '../support/strike-definition.js';

const eu = latestPack('eu-dsa')!;

/** A user's cases with their strike bases, in the order given (userRecord sorts them by issue itself). */
const casesOf = (rows: readonly StrikeRow[], user: string) =>
  rows.flatMap((r, i) => (r.user === user ? [{ id: `c${i}`, basis: { issuedAt: at(r.issuedMs), exclusion: r.exclusion, disputed: r.disputed } as StrikeBasis }] : []));

describe('a user’s repeat-infringement record against the definition', () => {
  it('reaches the threshold when, and has as many strikes in force as, the definition says (any strikes, in any order)', () => {
    fc.assert(
      fc.property(strikeRows, strikePolicies, fc.integer({ min: 0, max: 30 }), (rows, p, asOfDay) => {
        const asOf = at(T0 + asOfDay * DAY);
        const expected = byDefinition(rows, p, T0 + asOfDay * DAY);
        for (const user of new Set(rows.map((r) => r.user))) {
          const record = userRecord({ user, cases: casesOf([...rows].reverse(), user) }, strikePlatform(p), eu, asOf);
          const crossing = expected.find((c) => c.user === user);
          expect(record.thresholdReachedAt).toBe(crossing?.thresholdReachedAt ?? null);
          if (crossing) expect(record.activeStrikes).toBe(crossing.activeStrikes);
          expect(record.strikes.map((s) => s.issuedAt)).toEqual(casesOf(rows, user).map((c) => c.basis.issuedAt).sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  // Three strikes on 1, 2 and 3 January (window 10 days): threshold on 3 January; 2 days later in
  // Brussels (UTC+1) the action is due by 5 January 23:59:59.999 local = 22:59:59.999Z.
  const rows: StrikeRow[] = [0, 1, 2].map((d) => ({ user: 'u', issuedMs: T0 + d * DAY, disputed: false }));
  const DUE = '2026-01-05T22:59:59.999Z';
  const sanction = (type: Sanction['type'], recordedAt: string): Sanction => ({ type, target: 'u', seq: 9, recordedAt, cases: [] });
  const record = (action: 'terminate' | 'suspend' | 'warn', sanctions: Sanction[], asOf: string) =>
    userRecord({ user: 'u', cases: casesOf(rows, 'u') }, { ...strikePlatform(strikePolicy({ action })), sanctions }, eu, asOf);

  it('is due until the end of the due day and in breach one millisecond after it', () => {
    expect(record('suspend', [], DUE)).toMatchObject({ thresholdReachedAt: '2026-01-03T00:00:00.000Z', actionDueBy: DUE, status: 'action_due' });
    expect(record('suspend', [], '2026-01-05T23:00:00.000Z').status).toBe('policy_breach');
  });

  it('counts an action recorded at the very instant asked, and not one a millisecond later', () => {
    const at = '2026-01-04T12:00:00.000Z';
    expect(record('suspend', [sanction('user.suspended', at)], at)).toMatchObject({ status: 'actioned', actionTakenAt: at });
    expect(record('suspend', [sanction('user.suspended', '2026-01-04T12:00:00.001Z')], at).status).toBe('action_due');
  });

  it('takes only the actions the policy names: a suspension is not a termination, a warning is not a suspension', () => {
    const asOf = '2026-01-10T00:00:00.000Z';
    expect(record('terminate', [sanction('user.suspended', '2026-01-04T00:00:00.000Z')], asOf).status).toBe('policy_breach');
    expect(record('terminate', [sanction('user.terminated', '2026-01-04T00:00:00.000Z')], asOf).status).toBe('actioned');
    expect(record('suspend', [sanction('user.warned', '2026-01-04T00:00:00.000Z')], asOf).status).toBe('policy_breach');
    expect(record('suspend', [sanction('user.terminated', '2026-01-04T00:00:00.000Z')], asOf).status).toBe('actioned');
    expect(record('warn', [sanction('user.warned', '2026-01-04T00:00:00.000Z')], asOf).status).toBe('actioned');
  });

  it('counts an action recorded at the very instant the threshold was reached', () => {
    expect(record('suspend', [sanction('user.suspended', '2026-01-03T00:00:00.000Z')], '2026-01-10T00:00:00.000Z').status).toBe('actioned');
  });

  it('under a warning policy, counts a warning, a suspension or a termination', () => {
    const asOf = '2026-01-10T00:00:00.000Z';
    for (const type of ['user.warned', 'user.suspended', 'user.terminated'] as const) expect(record('warn', [sanction(type, '2026-01-04T00:00:00.000Z')], asOf).status, type).toBe('actioned');
  });

  it('has a strike expire at the instant its window ends: expired then, no longer in force', () => {
    const end = at(T0 + 10 * DAY); // the first strike's window: 1 January 00:00 + 10 days
    const r = record('suspend', [], end);
    expect(r.strikes.map((s) => s.status)).toEqual(['expired', 'active', 'active']);
    expect(r.activeStrikes).toBe(2);
    expect(record('suspend', [], at(T0 + 10 * DAY - 1)).activeStrikes).toBe(3);
  });
});

describe('users by pack', () => {
  const p = strikePlatform(strikePolicy({ strikes: 2 }));
  const basis = (day: number): StrikeBasis => ({ issuedAt: at(T0 + day * DAY), disputed: false });
  it('groups strikes by pack and user, leaves out cases without a user or a strike, and lists the most active first, then by name', () => {
    const users = usersByPack(
      p,
      [
        { id: 'c0', pack: 'eu-dsa', user: 'bea', basis: basis(2) },
        { id: 'c2', pack: 'eu-dsa', user: 'amy', basis: basis(2) },
        { id: 'c1', pack: 'eu-dsa', user: 'zoe', basis: basis(1) },
        { id: 'c3', pack: 'eu-dsa', user: 'zoe', basis: basis(3) },
        { id: 'c4', pack: 'eu-dsa', user: null, basis: basis(3) },
        { id: 'c5', pack: 'eu-dsa', user: 'bob', basis: null },
        { id: 'c6', pack: 'us-dmca', user: 'amy', basis: basis(4) },
      ],
      at(T0 + 5 * DAY),
    );
    expect(Object.keys(users).sort()).toEqual(['eu-dsa', 'us-dmca']);
    expect(users['eu-dsa']!.map((u) => [u.user, u.strikes.map((s) => s.case), u.status])).toEqual([
      ['zoe', ['c1', 'c3'], 'action_due'],
      ['amy', ['c2'], 'below_threshold'],
      ['bea', ['c0'], 'below_threshold'],
    ]);
    expect(users['us-dmca']!.map((u) => [u.user, u.activeStrikes])).toEqual([['amy', 1]]);
  });
});
