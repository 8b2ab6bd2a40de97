import { describe, expect, it } from 'vitest';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import { initialPartyState, type PartyState, type Sanction } from '../../src/domain/party/state.js';
import { strikeOf, userRecord, type RepeatInfringerPolicy, type StrikeBasis } from '../../src/domain/projections/repeat-infringement.js';
import type { Act } from '../../src/domain/acts/envelope.js';
import { timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';
import { fullUsNotice } from '../support/parties.js';

const eu = latestPack('eu-dsa')!;
const policy = (over: Partial<RepeatInfringerPolicy> = {}): RepeatInfringerPolicy => ({ strikes: 3, windowDays: 90, action: 'suspend', actionWithinDays: 2, countDisputed: false, ...over });

/** An EU platform in Brussels with a policy and the sanctions it recorded. */
function platform(p: RepeatInfringerPolicy, sanctions: Partial<Sanction>[] = []): PartyState {
  return {
    ...initialPartyState('plat'),
    registered: true,
    roles: ['provider'],
    providerKind: 'platform',
    packs: ['eu-dsa'],
    timeZone: 'Europe/Brussels',
    policy: { repeatInfringer: p, seq: 1, recordedAt: '2026-01-01T00:00:00.000Z' },
    sanctions: sanctions.map((s, i) => ({ type: 'user.suspended', target: 'u1', seq: 10 + i, recordedAt: '2026-03-05T09:00:00.000Z', cases: [], ...s }) as Sanction),
  };
}

const basis = (issuedAt: string, extra: Partial<StrikeBasis> = {}): StrikeBasis => ({ issuedAt, disputed: false, ...extra });
const threeStrikes = (third: Partial<StrikeBasis> = {}) => ({
  user: 'u1',
  cases: [
    { id: 'c1', basis: basis('2026-03-02T10:00:00.000Z') },
    { id: 'c2', basis: basis('2026-03-03T10:00:00.000Z') },
    { id: 'c3', basis: basis('2026-03-04T10:00:00.000Z', third) },
  ],
});
// Threshold on 4 March (Brussels, UTC+1 before 29 March); 2 calendar days later: 6 March, end of day local = 22:59:59.999Z.
const DUE = '2026-03-06T22:59:59.999Z';

describe('repeat infringement: the threshold and the action it calls for', () => {
  it('is action_due from the third strike until the due date, computed by hand', () => {
    const record = userRecord(threeStrikes(), platform(policy()), eu, '2026-03-05T00:00:00.000Z');
    expect(record).toMatchObject({ activeStrikes: 3, thresholdReachedAt: '2026-03-04T10:00:00.000Z', actionDueBy: DUE, actionTakenAt: null, status: 'action_due' });
  });

  it('is a policy_breach once the due date passes without the action', () => {
    expect(userRecord(threeStrikes(), platform(policy()), eu, '2026-03-07T00:00:00.000Z').status).toBe('policy_breach');
  });

  it('is actioned by the policy’s action taken after the threshold, with its time', () => {
    const record = userRecord(threeStrikes(), platform(policy(), [{ type: 'user.suspended' }]), eu, '2026-03-10T00:00:00.000Z');
    expect(record).toMatchObject({ status: 'actioned', actionTakenAt: '2026-03-05T09:00:00.000Z' });
  });

  it('counts a stronger sanction as the action (a termination when the policy says suspend)', () => {
    expect(userRecord(threeStrikes(), platform(policy(), [{ type: 'user.terminated' }]), eu, '2026-03-10T00:00:00.000Z').status).toBe('actioned');
  });

  it('does not count a weaker sanction (a warning when the policy says suspend)', () => {
    expect(userRecord(threeStrikes(), platform(policy(), [{ type: 'user.warned' }]), eu, '2026-03-10T00:00:00.000Z').status).toBe('policy_breach');
  });

  it('counts a warning when the policy’s action is to warn', () => {
    expect(userRecord(threeStrikes(), platform(policy({ action: 'warn' }), [{ type: 'user.warned' }]), eu, '2026-03-10T00:00:00.000Z').status).toBe('actioned');
  });

  it('does not count a sanction taken before the threshold, nor one against another user', () => {
    const early = platform(policy(), [{ type: 'user.suspended', recordedAt: '2026-03-03T12:00:00.000Z' }, { type: 'user.suspended', target: 'u2' }]);
    expect(userRecord(threeStrikes(), early, eu, '2026-03-10T00:00:00.000Z').status).toBe('policy_breach');
  });

  it('does not count a sanction recorded after asOf', () => {
    expect(userRecord(threeStrikes(), platform(policy(), [{ type: 'user.suspended' }]), eu, '2026-03-05T08:00:00.000Z').status).toBe('action_due');
  });

  it('leaves a disputed strike out unless the policy counts disputed strikes', () => {
    const disputed = threeStrikes({ disputed: true });
    expect(userRecord(disputed, platform(policy()), eu, '2026-03-05T00:00:00.000Z')).toMatchObject({ activeStrikes: 2, thresholdReachedAt: null, status: 'below_threshold' });
    expect(userRecord(disputed, platform(policy({ countDisputed: true })), eu, '2026-03-05T00:00:00.000Z')).toMatchObject({ activeStrikes: 3, thresholdReachedAt: '2026-03-04T10:00:00.000Z', status: 'action_due' });
  });

  it('never counts an excluded strike', () => {
    const excluded = threeStrikes({ exclusion: 'withdrawn' });
    const record = userRecord(excluded, platform(policy({ countDisputed: true })), eu, '2026-03-05T00:00:00.000Z');
    expect(record.strikes.map((s) => s.status)).toEqual(['active', 'active', 'excluded']);
    expect(record.status).toBe('below_threshold');
  });

  it('lets strikes expire after the window: three strikes spread wider than it never reach the threshold', () => {
    const spread = { user: 'u1', cases: [{ id: 'c1', basis: basis('2026-01-01T10:00:00.000Z') }, { id: 'c2', basis: basis('2026-03-01T10:00:00.000Z') }, { id: 'c3', basis: basis('2026-04-15T10:00:00.000Z') }] };
    // 90 days after 1 January 10:00Z is 1 April 10:00Z: the first strike has expired when the third comes.
    const record = userRecord(spread, platform(policy()), eu, '2026-04-16T00:00:00.000Z');
    expect(record.strikes.map((s) => s.status)).toEqual(['expired', 'active', 'active']);
    expect(record).toMatchObject({ activeStrikes: 2, thresholdReachedAt: null, status: 'below_threshold' });
  });
});

describe('strikes from case histories (§0.4)', () => {
  const us = latestPack('us-dmca')!;
  const usPolicy = policy({ windowDays: 90 });
  const ITEM = 'https://tube.example/v/1';
  const notice = act('notice.submitted', 'holder', { ...fullUsNotice('host', 'u1') }, 'c');
  const measure = (measure = 'disabled') => act('measure.taken', 'host', { measure, items: [ITEM], basis: 'notice' }, 'c');
  const T = (day: number) => new Date(Date.UTC(2026, 2, day, 15)).toISOString();
  const strike = (...items: [number, Act][]) => strikeOf('c', timeline(...items.map(([d, a]) => [T(d), a] as [string, Act])), T(30), us, usPolicy);

  it('is a strike issued when the measure was taken, for 90 days', () => {
    expect(strike([1, notice], [2, measure()])).toEqual({ case: 'c', issuedAt: T(2), expiresAt: new Date(Date.parse(T(2)) + 90 * 86_400_000).toISOString(), status: 'active' });
  });

  it.each([
    ['no measure', [[1, notice]] as [number, Act][]],
    ['only forwarding', [[1, notice], [2, measure('forward_only')]] as [number, Act][]],
    ['a notice that is not valid', [[1, act('notice.submitted', 'holder', { provider: 'host', pack: 'us-dmca', user: 'u1' }, 'c')], [2, measure()]] as [number, Act][]],
  ])('is no strike with %s', (_n, items) => {
    expect(strike(...items)).toBeUndefined();
  });

  it.each([
    ['withdrawn', act('notice.withdrawn', 'holder', { reason: 'settled' }, 'c')],
    ['restored_after_counter_notice', act('measure.lifted', 'host', { items: [ITEM], reason: 'counter_notice' }, 'c')],
    ['reversed_on_complaint', act('complaint.decided', 'host', { outcome: 'reversed', humanReviewed: true, reasons: 'r' }, 'c')],
    ['finding_not_infringing', act('finding.recorded', 'court', { outcome: 'not_infringing', reference: 'r' }, 'c')],
  ])('is excluded when %s', (reason, later) => {
    expect(strike([1, notice], [2, measure()], [5, later])).toMatchObject({ status: 'excluded', reason });
  });

  it('stays a strike when the measure is lifted for another reason, the complaint is upheld, or a finding is of infringement', () => {
    expect(strike([1, notice], [2, measure()], [5, act('measure.lifted', 'host', { items: [ITEM], reason: 'other' }, 'c')])?.status).toBe('active');
    expect(strike([1, notice], [2, measure()], [5, act('complaint.decided', 'host', { outcome: 'upheld', humanReviewed: true, reasons: 'r' }, 'c')])?.status).toBe('active');
    expect(strike([1, notice], [2, measure()], [5, act('finding.recorded', 'court', { outcome: 'infringing', reference: 'r' }, 'c')])?.status).toBe('active');
  });

  it('is disputed while a counter-notice awaits its outcome, and restored ones are excluded unless an action was filed', () => {
    const counter = act('counter_notice.submitted', 'u1', {}, 'c');
    expect(strike([1, notice], [2, measure()], [3, counter])).toMatchObject({ status: 'disputed', reason: 'counter_notice' });
    const lifted = act('measure.lifted', 'host', { items: [ITEM], reason: 'counter_notice' }, 'c');
    const action = act('action.filed', 'holder', { forum: 'court', reference: '1:26-cv-1' }, 'c');
    expect(strike([1, notice], [2, measure()], [3, counter], [4, action], [20, lifted])).toMatchObject({ status: 'disputed' });
  });

  it('has expired once its window has passed', () => {
    expect(strikeOf('c', timeline([T(1), notice], [T(2), measure()]), '2026-07-01T00:00:00.000Z', us, usPolicy)?.status).toBe('expired');
  });

  it('reads a user record from case histories as from known bases', () => {
    const host = platform(policy());
    const fromHistories = userRecord({ user: 'u1', cases: [{ id: 'c', recorded: timeline([T(1), notice], [T(2), measure()]) }] }, host, us, T(30));
    expect(fromHistories).toMatchObject({ activeStrikes: 1, strikes: [{ case: 'c', status: 'active' }], status: 'below_threshold', actionDueBy: null });
  });
});
