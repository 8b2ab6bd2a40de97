import { uncited } from '../support/uncited.js';
import { describe, expect, it } from 'vitest';
import type { CaseOutcomes } from '../../src/domain/projections/case-judgement.js';
import { providerCompliance, type JudgedCase } from '../../src/domain/projections/provider-compliance.js';
import { initialPartyState, type PartyState, type Sanction } from '../../src/domain/party/state.js';
import type { UserRecord } from '../../src/domain/projections/repeat-infringement.js';

const AGENT = { registry: 'DMCA-1', designatedOn: '2026-06-01', seq: 1, recordedAt: '2026-06-01T12:00:00.000Z' };
const POLICY = { repeatInfringer: { strikes: 3, windowDays: 90, action: 'terminate' as const, actionWithinDays: 2, countDisputed: false }, seq: 2, recordedAt: '2026-06-01T12:00:00.000Z' };

/** A US hosting provider with a valid agent and an adopted repeat-infringer policy: nothing at provider level is wrong. */
function soundUsHost(agent: PartyState['agent'] | null = AGENT): PartyState {
  return { ...initialPartyState('host'), registered: true, name: 'Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], agent: agent ?? undefined, agents: agent ? [agent] : [], policy: POLICY };
}

function judged(id: string, outcomes: Partial<CaseOutcomes>): JudgedCase {
  const judgement: CaseOutcomes = { pack: 'us-dmca@2026.2', assessment: { status: 'valid', missing: [], elements: [] }, obligations: [], protection: { status: 'eligible', reasons: [] }, ...outcomes };
  return { id, items: () => [`https://x.example/${id}`], judgement };
}

const AS_OF = '2026-12-01T00:00:00.000Z';

describe('provider compliance verdicts', () => {
  it('is eligible with no reasons when nothing is wrong', () => {
    const [us] = providerCompliance(soundUsHost(), [judged('c1', { obligations: [{ key: 'US.takedown', status: 'met' }] })], {}, AS_OF).packs;
    expect(us.safeHarbor).toEqual({ status: 'eligible', reasons: [] });
  });

  it('flags the cases of a pack the provider never declared, without holding them against it', () => {
    const declaredEuOnly = { ...soundUsHost(), packs: ['eu-dsa'] } as PartyState;
    const us = providerCompliance(declaredEuOnly, [judged('c1', { obligations: [{ key: 'US.takedown', status: 'met' }] }), judged('c2', {})], {}, AS_OF).packs.find((p) => p.pack.startsWith('us-dmca'))!;
    expect(uncited(us.safeHarbor.reasons)).toContainEqual({ code: 'PACK_NOT_DECLARED', count: 2 });
    const declared = providerCompliance(soundUsHost(), [judged('c1', {})], {}, AS_OF).packs[0];
    expect(declared.safeHarbor.reasons.map((r) => r.code)).not.toContain('PACK_NOT_DECLARED');
  });

  it('gives a reason for at_risk when an item is lost though no obligation is late or missed (regression: empty reasons)', () => {
    const lostEarly = judged('c1', { obligations: [{ key: 'US.takedown', status: 'met' }, { key: 'US.putback', status: 'early' }], protection: { status: 'lost_for_item', reasons: [{ code: 'PUTBACK_TOO_EARLY', obligation: 'US.putback' }] } });
    const [us] = providerCompliance(soundUsHost(), [lostEarly, judged('c2', {})], {}, AS_OF).packs;
    expect(uncited(us.safeHarbor)).toEqual({ status: 'at_risk', reasons: [{ code: 'ITEMS_LOST', count: 1 }] });
  });

  it('gives a reason for at_risk when items are only at risk', () => {
    const risky = judged('c1', { protection: { status: 'at_risk', reasons: [{ code: 'OBLIGATION_LATE', obligation: 'US.notifyUploader' }] } });
    const [us] = providerCompliance(soundUsHost(), [risky, risky], {}, AS_OF).packs;
    expect(uncited(us.safeHarbor)).toEqual({ status: 'at_risk', reasons: [{ code: 'ITEMS_AT_RISK', count: 2 }] });
  });

  it('reports the agent designation valid until 3 years after it was made when it names no end (regression: null)', () => {
    const [us] = providerCompliance(soundUsHost(), [], {}, AS_OF).packs;
    expect(us.prerequisites.designatedAgent).toEqual({ status: 'valid', registry: 'DMCA-1', designatedOn: '2026-06-01', validUntil: '2029-06-01' });
  });

  it('reports the designation’s own end when it comes before the 3-year lapse', () => {
    const [us] = providerCompliance(soundUsHost({ ...AGENT, validUntil: '2027-01-31' }), [], {}, AS_OF).packs;
    expect(us.prerequisites.designatedAgent).toMatchObject({ validUntil: '2027-01-31' });
  });

  it('loses the harbor for the period, with the reason, once the 3 years have passed without renewal', () => {
    const [us] = providerCompliance(soundUsHost(), [], {}, '2029-06-03T00:00:00.000Z').packs;
    expect(uncited(us.safeHarbor)).toEqual({ status: 'lost_for_period', reasons: [{ code: 'AGENT_DESIGNATION_EXPIRED' }] });
  });
});

describe('provider-level duties', () => {
  const user = (over: Partial<UserRecord>): UserRecord => ({ user: 'u1', strikes: [], activeStrikes: 3, threshold: 3, thresholdReachedAt: null, actionDueBy: null, actionTakenAt: null, status: 'below_threshold', ...over });
  // Threshold reached Wednesday 4 March 2026 in New York; 2 business days later: Friday 6 March, 23:59:59.999 EST = 7 March 04:59:59.999Z.
  const due = { thresholdReachedAt: '2026-03-04T15:00:00.000Z', actionDueBy: '2026-03-07T04:59:59.999Z' };

  it.each([
    ['met: terminated before the due date', { ...due, actionTakenAt: '2026-03-05T15:00:00.000Z', status: 'actioned' as const }, '2026-03-10T00:00:00.000Z', 'met'],
    ['late: terminated after it', { ...due, actionTakenAt: '2026-03-09T15:00:00.000Z', status: 'actioned' as const }, '2026-03-10T00:00:00.000Z', 'late'],
    ['missed: never terminated', { ...due, status: 'policy_breach' as const }, '2026-03-10T00:00:00.000Z', 'missed'],
    ['pending: not yet due', { ...due, status: 'action_due' as const }, '2026-03-05T00:00:00.000Z', 'pending'],
  ])('US.repeatInfringerAction is %s (§512(i)(1)(A))', (_n, record, asOf, status) => {
    const [us] = providerCompliance(soundUsHost(), [], { 'us-dmca': [user(record), user({ user: 'u2', activeStrikes: 1 })] }, asOf).packs;
    expect(us.providerObligations).toEqual([
      {
        key: 'US.repeatInfringerAction',
        party: 'host',
        basis: 'default_sla',
        source: '17 U.S.C. §512(i)(1)(A)',
        timeZone: 'America/New_York',
        metAt: (record as Partial<UserRecord>).actionTakenAt ?? null,
        status,
        note: 'user u1: 3 active strike(s), threshold 3',
        by: '2026-03-07T04:59:59.999Z',
        byLocalDate: '2026-03-06',
      },
    ]);
    expect(us.obligations['US.repeatInfringerAction'][status as 'met']).toBe(1);
  });

  it('counts users over the threshold, actioned, due and in breach, and loses the US harbor for a breach', () => {
    const users = [user({ ...due, status: 'policy_breach' }), user({ user: 'u2', ...due, status: 'action_due' }), user({ user: 'u3', ...due, actionTakenAt: '2026-03-05T15:00:00.000Z', status: 'actioned' }), user({ user: 'u4' })];
    const [us] = providerCompliance(soundUsHost({ ...AGENT, designatedOn: '2026-01-05' }), [], { 'us-dmca': users }, '2026-03-05T16:00:00.000Z').packs;
    expect(us.prerequisites.repeatInfringerEnforcement).toEqual({ usersOverThreshold: 3, actioned: 1, actionDue: 1, breaches: 1 });
    expect(uncited(us.safeHarbor)).toEqual({ status: 'lost_for_period', reasons: [{ code: 'REPEAT_INFRINGER_NOT_ACTIONED', user: 'u1' }] });
  });

  it('loses the US harbor without a repeat-infringer policy, and says it is the pack default', () => {
    const [us] = providerCompliance({ ...soundUsHost(), policy: undefined }, [], {}, AS_OF).packs;
    expect(uncited(us.safeHarbor)).toEqual({ status: 'lost_for_period', reasons: [{ code: 'NO_REPEAT_INFRINGER_POLICY' }] });
    expect(us.prerequisites.repeatInfringerPolicy).toMatchObject({ adopted: false, published: null, note: 'pack default of us-dmca@2026.2' });
  });

  it('loses the US harbor without a designated agent, and a conduit needs none', () => {
    const [us] = providerCompliance(soundUsHost(null), [], {}, AS_OF).packs;
    expect(uncited(us.safeHarbor)).toEqual({ status: 'lost_for_period', reasons: [{ code: 'NO_DESIGNATED_AGENT' }] });
    expect(us.prerequisites.designatedAgent).toEqual({ status: 'none' });
    const [conduit] = providerCompliance({ ...soundUsHost(null), providerKind: 'conduit' }, [], {}, AS_OF).packs;
    expect(conduit.safeHarbor).toEqual({ status: 'eligible', reasons: [] });
    expect(conduit.prerequisites.designatedAgent).toBeUndefined();
  });

  it('lists late and missed obligations by key as reasons, with their counts', () => {
    const cases = [
      judged('c1', { obligations: [{ key: 'US.takedown', status: 'missed' }, { key: 'US.notifyUploader', status: 'late' }] }),
      judged('c2', { obligations: [{ key: 'US.takedown', status: 'missed' }, { key: 'US.notifyUploader', status: 'met' }] }),
    ];
    const [us] = providerCompliance(soundUsHost(), cases, {}, AS_OF).packs;
    expect(us.obligations['US.takedown']).toEqual({ pending: 0, met: 0, late: 0, missed: 2, early: 0, not_applicable: 0 });
    expect(uncited(us.safeHarbor)).toEqual({
      status: 'at_risk',
      reasons: [
        { code: 'OBLIGATION_LATE', obligation: 'US.notifyUploader', count: 1 },
        { code: 'OBLIGATION_MISSED', obligation: 'US.takedown', count: 2 },
      ],
    });
  });

  describe('EU: a prior warning before each suspension (DSA Art 23), reported as due diligence', () => {
    const euPlatform = (sanctions: Partial<Sanction>[]): PartyState => ({
      ...initialPartyState('plat'),
      registered: true,
      name: 'Plat',
      roles: ['provider'],
      providerKind: 'platform',
      packs: ['eu-dsa'],
      timeZone: 'Europe/Dublin',
      sanctions: sanctions.map((s, i) => ({ type: 'user.suspended', target: 'u1', seq: i, recordedAt: '2026-03-10T12:00:00.000Z', cases: [], ...s }) as Sanction),
    });

    it('is met when the same party was warned before, and missed when not, per Art 23(1) for users and 23(2) for notifiers', () => {
      const plat = euPlatform([
        { type: 'user.warned', target: 'u1', recordedAt: '2026-03-01T12:00:00.000Z' },
        { type: 'user.suspended', target: 'u1' },
        { type: 'notifier.warned', target: 'u2', recordedAt: '2026-03-01T12:00:00.000Z' },
        { type: 'notifier.suspended', target: 'n1' },
      ]);
      const [eu] = providerCompliance(plat, [], {}, '2026-03-20T00:00:00.000Z').packs;
      expect(eu.providerObligations.map((o) => [o.key, o.source, o.status, o.note, o.metAt])).toEqual([
        ['EU.priorWarning', 'DSA Art 23(1)', 'met', 'user.suspended of u1', '2026-03-01T12:00:00.000Z'],
        ['EU.priorWarning', 'DSA Art 23(2)', 'missed', 'notifier.suspended of n1', null],
      ]);
      expect(eu.dueDiligence?.['EU.priorWarning']).toMatchObject({ met: 1, missed: 1 });
      expect(eu.obligations['EU.priorWarning']).toBeUndefined();
      // Due diligence never removes the Art 6 exemption.
      expect(eu.safeHarbor).toEqual({ status: 'eligible', reasons: [] });
    });

    it('ignores suspensions after asOf and warnings after the suspension', () => {
      const plat = euPlatform([{ type: 'user.suspended', target: 'u1' }, { type: 'user.warned', target: 'u1', recordedAt: '2026-03-11T12:00:00.000Z' }, { type: 'user.suspended', target: 'u9', recordedAt: '2026-04-01T00:00:00.000Z' }]);
      const [eu] = providerCompliance(plat, [], {}, '2026-03-20T00:00:00.000Z').packs;
      expect(eu.providerObligations.map((o) => o.status)).toEqual(['missed']);
    });
  });

  it('reports only the pack asked for, and the packs of judged cases beyond those registered', () => {
    const euCase = judged('e1', { pack: 'eu-dsa@2026.2' });
    expect(providerCompliance(soundUsHost(), [euCase], {}, AS_OF).packs.map((p) => p.pack)).toEqual(['eu-dsa@2026.2', 'us-dmca@2026.2']);
    expect(providerCompliance(soundUsHost(), [euCase], {}, AS_OF, 'eu-dsa').packs.map((p) => [p.pack, p.cases])).toEqual([['eu-dsa@2026.2', 1]]);
  });
});
