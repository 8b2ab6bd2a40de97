import { uncited } from '../support/uncited.js';
import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';
import { ReceivedBeforeRecorded } from '../../src/domain/case/rules.js';
import { initialCaseState } from '../../src/domain/case/state.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const C = 'c-us';
const ITEM = 'https://tube.example/v/1';
const COMMIT = `sha256:${'ab'.repeat(32)}`;

const registration = (kind = 'hosting') => act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: kind, packs: ['us-dmca'], publicKey: KEY });
const agent = (designatedOn = '2025-01-02', validUntil?: string) => act('provider.agent_designated', 'host', { registry: 'DMCA-1', designatedOn, ...(validUntil ? { validUntil } : {}) });
const hostWithAgent = (kind = 'hosting', extra: [string, Act][] = []) => partyAt(['2025-01-01T00:00:00.000Z', registration(kind)], ['2025-01-02T00:00:00.000Z', agent()], ...extra);

const fullNotice = (overrides: Record<string, unknown> = {}) =>
  act('notice.submitted', 'holder', {
    provider: 'host',
    pack: 'us-dmca',
    works: ['Harbor Lights'],
    items: [{ locator: ITEM }],
    claimant: { name: 'Acme', contact: COMMIT },
    statements: { goodFaith: true, accuracy: true, authorized: true },
    user: 'user',
    ...overrides,
  }, C);
const measure = () => act('measure.taken', 'host', { measure: 'disabled', items: [ITEM], basis: 'notice' }, C);
const counter = () => act('counter_notice.submitted', 'user', {}, C);
const lift = () => act('measure.lifted', 'host', { items: [ITEM], reason: 'counter_notice' }, C);

// Wednesday 2025-11-19 10:00 New York (the §0.6 example).
const T0 = '2025-11-19T15:00:00.000Z';

function judge(recorded: ReturnType<typeof timeline>, asOf: string, provider = hostWithAgent()) {
  return judgeCase({ caseId: C, recorded, asOf, provider })!;
}
const obligation = (j: ReturnType<typeof judge>, key: string) => j.obligations.find((o) => o.key === key);

describe('us-dmca: notice assessment (§512(c)(3)(A))', () => {
  it.each([
    ['all six elements', {}, 'valid', []],
    ['no good-faith statement: (ii), (iii), (iv) present, so curable', { statements: { accuracy: true, authorized: true } }, 'deficient_curable', ['good_faith']],
    ['no perjury statement', { statements: { goodFaith: true } }, 'deficient_curable', ['accuracy_authority']],
    ['no contact', { claimant: { name: 'Acme' } }, 'not_a_notice', ['contact']],
    ['no work', { works: [] }, 'not_a_notice', ['work']],
    ['no material', { items: [] }, 'not_a_notice', ['material']],
  ])('%s', (_name, overrides, status, missing) => {
    const j = judge(timeline([T0, fullNotice(overrides)]), T0);
    expect(j.assessment).toMatchObject({ status, missing });
    expect(j.pack).toBe('us-dmca@2026.2');
  });

  it('a notice received by mail needs its own signature', () => {
    const received = act('notice.received', 'host', { provider: 'host', notifier: 'holder', pack: 'us-dmca', works: ['W'], items: [{ locator: ITEM }], claimant: { contact: COMMIT }, statements: { goodFaith: true, accuracy: true, authorized: true }, signed: false }, C);
    expect(judge(timeline([T0, received]), T0).assessment).toMatchObject({ status: 'deficient_curable', missing: ['signature'] });
  });

  describe('a notice received by mail: its clock starts at the receipt the provider claims', () => {
    const received = (receivedAt: string) =>
      act('notice.received', 'host', { provider: 'host', notifier: 'holder', pack: 'us-dmca', works: ['W'], items: [{ locator: ITEM }], claimant: { contact: COMMIT }, statements: { goodFaith: true, accuracy: true, authorized: true }, signed: true, receivedAt }, C);
    const takedownAt = ['2025-11-19T16:00:00.000Z', measure()] as [string, Act];

    it('received Friday 14 November, recorded Wednesday 19th: takedown due Tuesday 18th, late, and the late recording a reason', () => {
      const j = judge(timeline([T0, received('2025-11-14T15:00:00.000Z')], takedownAt), '2025-11-25T00:00:00.000Z');
      expect(obligation(j, 'US.takedown')).toMatchObject({ byLocalDate: '2025-11-18', status: 'late' });
      expect(uncited(j.protection.reasons)).toContainEqual({ code: 'RECEIPT_RECORDED_LATE' });
      expect(j.protection.status).not.toBe('eligible');
    });

    it('received the same morning: due Friday 21st, met, no reason', () => {
      const j = judge(timeline([T0, received('2025-11-19T09:00:00.000Z')], takedownAt), '2025-11-25T00:00:00.000Z');
      expect(obligation(j, 'US.takedown')).toMatchObject({ byLocalDate: '2025-11-21', status: 'met' });
      expect(j.protection.reasons.map((r) => r.code)).not.toContain('RECEIPT_RECORDED_LATE');
    });

    it('refuses a receipt after the act recording it', () => {
      const future = { ...received('2025-11-20T15:00:00.000Z'), at: '2025-11-19T15:00:00.000Z' };
      expect(ReceivedBeforeRecorded.check(initialCaseState(C), future)).toMatch(/data.receivedAt .* is after the act's own time/);
      expect(ReceivedBeforeRecorded.check(initialCaseState(C), { ...future, at: '2025-11-21T00:00:00.000Z' })).toBeUndefined();
    });
  });

  it('a notice the provider rejects as manifestly unfounded is assessed so', () => {
    const j = judge(timeline([T0, fullNotice()], ['2025-11-20T15:00:00.000Z', act('notice.rejected', 'host', { reason: 'manifestly_unfounded' }, C)]), '2025-11-21T00:00:00.000Z');
    expect(j.assessment.status).toBe('manifestly_unfounded');
  });
});

describe('us-dmca: takedown (2 business days by default)', () => {
  it.each([
    ['met the next business day', '2025-11-20T15:00:00.000Z', '2025-11-25T00:00:00.000Z', 'met', 'eligible'],
    ['late on business day 3 (Thanksgiving skipped)', '2025-11-24T15:00:00.000Z', '2025-11-25T00:00:00.000Z', 'late', 'at_risk'],
    ['pending before the deadline', undefined, '2025-11-21T12:00:00.000Z', 'pending', 'eligible'],
    ['missed once the deadline passed', undefined, '2025-11-22T05:00:00.000Z', 'missed', 'lost_for_item'],
  ])('%s', (_name, measuredAt, asOf, status, protection) => {
    const items: [string, Act][] = [[T0, fullNotice()]];
    if (measuredAt) items.push([measuredAt, measure()]);
    const j = judge(timeline(...items), asOf);
    expect(obligation(j, 'US.takedown')).toMatchObject({ status, basis: 'default_sla', byLocalDate: '2025-11-21', timeZone: 'America/New_York', source: '17 U.S.C. §512(c)(1)(C)' });
    expect(j.protection.status).toBe(protection);
  });

  it('does not apply to a conduit', () => {
    const j = judge(timeline([T0, fullNotice()]), '2025-12-30T00:00:00.000Z', hostWithAgent('conduit'));
    expect(obligation(j, 'US.takedown')).toMatchObject({ status: 'not_applicable', note: expect.stringContaining('conduit') });
    expect(j.protection.status).toBe('eligible');
  });

  it('falls away when the notice is withdrawn first', () => {
    const j = judge(timeline([T0, fullNotice()], ['2025-11-20T12:00:00.000Z', act('notice.withdrawn', 'holder', {}, C)]), '2025-12-30T00:00:00.000Z');
    expect(obligation(j, 'US.takedown')).toMatchObject({ status: 'not_applicable', note: 'withdrawn' });
  });

  it('follows the provider’s own SLA from its policy', () => {
    const provider = hostWithAgent('hosting', [['2025-01-03T00:00:00.000Z', act('provider.policy_adopted', 'host', { slas: { 'US.takedown': 5 } })]]);
    expect(obligation(judge(timeline([T0, fullNotice()]), T0, provider), 'US.takedown')?.byLocalDate).toBe('2025-11-26');
  });

  it('is not due for a notice that is not a notice', () => {
    expect(obligation(judge(timeline([T0, fullNotice({ works: [] })]), '2025-12-30T00:00:00.000Z'), 'US.takedown')).toBeUndefined();
  });
});

describe('us-dmca: deficiency contact, notifying the uploader, forwarding the counter-notice', () => {
  it('asks for contact with the sender of a curable notice within 2 business days', () => {
    const notice = fullNotice({ statements: {} });
    const met = judge(timeline([T0, notice], ['2025-11-21T15:00:00.000Z', act('notice.deficiency_contacted', 'host', { missing: ['good_faith', 'accuracy_authority'] }, C)]), '2025-12-01T00:00:00.000Z');
    expect(obligation(met, 'US.deficiencyContact')).toMatchObject({ status: 'met', byLocalDate: '2025-11-21' });
    const missed = judge(timeline([T0, notice]), '2025-12-01T00:00:00.000Z');
    expect(obligation(missed, 'US.deficiencyContact')?.status).toBe('missed');
    expect(uncited(missed.protection)).toEqual({ status: 'at_risk', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'US.deficiencyContact' }] });
  });

  it('tells the uploader after the takedown', () => {
    const j = judge(timeline([T0, fullNotice()], ['2025-11-20T15:00:00.000Z', measure()], ['2025-11-21T15:00:00.000Z', act('notice.forwarded', 'host', { user: 'user' }, C)]), '2025-12-01T00:00:00.000Z');
    expect(obligation(j, 'US.notifyUploader')).toMatchObject({ status: 'met', byLocalDate: '2025-11-24' });
  });

  it('forwards the counter-notice within 2 business days', () => {
    const j = judge(timeline([T0, fullNotice()], ['2025-11-19T16:00:00.000Z', measure()], ['2025-11-19T17:00:00.000Z', counter()], ['2025-11-25T15:00:00.000Z', act('counter_notice.forwarded', 'host', {}, C)]), '2025-12-01T00:00:00.000Z');
    expect(obligation(j, 'US.forwardCounter')).toMatchObject({ status: 'late', byLocalDate: '2025-11-21' });
  });
});

describe('us-dmca: put-back (§0.6 example 1)', () => {
  const base = (): [string, Act][] => [
    ['2025-11-10T15:00:00.000Z', fullNotice()],
    ['2025-11-10T16:00:00.000Z', measure()],
    ['2025-11-10T17:00:00.000Z', act('notice.forwarded', 'host', { user: 'user' }, C)],
    [T0, counter()],
    ['2025-11-19T16:00:00.000Z', act('counter_notice.forwarded', 'host', {}, C)],
  ];
  const asOf = '2025-12-20T00:00:00.000Z';

  it.each([
    ['restoring on 12-03 is early', '2025-12-03T15:00:00.000Z', 'early', 'lost_for_item'],
    ['restoring on 12-08 is met', '2025-12-08T15:00:00.000Z', 'met', 'eligible'],
    ['restoring on 12-11 is late', '2025-12-11T15:00:00.000Z', 'late', 'at_risk'],
  ])('%s', (_name, restoredAt, status, protection) => {
    const j = judge(timeline(...base(), [restoredAt, lift()]), asOf);
    expect(obligation(j, 'US.putback')).toMatchObject({ status, basis: 'statutory', fromLocalDate: '2025-12-04', byLocalDate: '2025-12-10', from: '2025-12-04T05:00:00.000Z', by: '2025-12-11T04:59:59.999Z' });
    expect(j.protection.status).toBe(protection);
  });

  it('an action filed on 12-05 before any restoration makes it not applicable', () => {
    const j = judge(timeline(...base(), ['2025-12-05T15:00:00.000Z', act('action.filed', 'holder', { forum: 'court' }, C)]), asOf);
    expect(obligation(j, 'US.putback')).toMatchObject({ status: 'not_applicable', note: 'litigation_pending' });
  });

  it('no restoration by the end of 12-10 is missed; before it, pending', () => {
    expect(obligation(judge(timeline(...base()), asOf), 'US.putback')?.status).toBe('missed');
    expect(obligation(judge(timeline(...base()), '2025-12-09T00:00:00.000Z'), 'US.putback')?.status).toBe('pending');
  });
});

describe('us-dmca: §512(h) subpoena and the designated agent', () => {
  it('discloses by the return date', () => {
    const request = act('disclosure.requested', 'holder', { route: 'us_512h_subpoena', about: 'user', returnDate: '2025-12-01' }, C);
    const granted = act('disclosure.granted', 'host', { disclosed: COMMIT }, C);
    expect(obligation(judge(timeline([T0, fullNotice()], ['2025-11-20T15:00:00.000Z', request], ['2025-11-28T15:00:00.000Z', granted]), '2025-12-05T00:00:00.000Z'), 'US.subpoena')).toMatchObject({ status: 'met', byLocalDate: '2025-12-01' });
    expect(obligation(judge(timeline([T0, fullNotice()], ['2025-11-20T15:00:00.000Z', request]), '2025-12-05T00:00:00.000Z'), 'US.subpoena')?.status).toBe('missed');
  });

  it('owes nothing on a subpoena resting on a notice that does not comply with §512(c)(3)(A)', () => {
    const request = act('disclosure.requested', 'holder', { route: 'us_512h_subpoena', about: 'user', returnDate: '2025-12-01' }, C);
    const duty = obligation(judge(timeline([T0, fullNotice({ statements: {} })], ['2025-11-20T15:00:00.000Z', request]), '2025-12-05T00:00:00.000Z'), 'US.subpoena');
    expect(duty).toMatchObject({ status: 'not_applicable', note: expect.stringContaining('notice_not_compliant') });
  });

  it('loses the harbor for the item without a designated agent, or with a lapsed designation', () => {
    const none = partyAt(['2025-01-01T00:00:00.000Z', registration()]);
    expect(uncited(judge(timeline([T0, fullNotice()]), T0, none).protection.reasons)).toContainEqual({ code: 'NO_DESIGNATED_AGENT' });
    const lapsed = partyAt(['2021-01-01T00:00:00.000Z', registration()], ['2021-01-02T00:00:00.000Z', agent('2021-01-02')]);
    expect(judge(timeline([T0, fullNotice()]), T0, lapsed).protection).toMatchObject({ status: 'lost_for_item', reasons: [{ code: 'AGENT_DESIGNATION_EXPIRED' }] });
  });
});
