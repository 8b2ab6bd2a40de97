import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { AwareBeforeRecorded, KnowledgeFieldsOnKnowledgeFindings } from '../../src/domain/case/rules.js';
import { initialCaseState } from '../../src/domain/case/state.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const C = 'c-k';
const ITEM = 'https://host.example/v/1';
const COMMIT = `sha256:${'ab'.repeat(32)}`;

const host = (pack: string, kind = 'hosting', timeZone?: string) =>
  partyAt(
    ['2001-01-01T00:00:00.000Z', act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: kind, packs: [pack], publicKey: KEY, ...(timeZone ? { timeZone } : {}) })],
    ['2001-01-02T00:00:00.000Z', act('provider.agent_designated', 'host', { registry: 'DMCA-1', designatedOn: '2025-01-02' })],
  );
const aware = (pack: string, data: Record<string, unknown> = {}) => act('awareness.recorded', 'host', { provider: 'host', pack, items: [{ locator: ITEM }], source: 'own_detection', ...data }, C);
const finding = (outcome: string, data: Record<string, unknown> = {}) => act('finding.recorded', 'court', { outcome, ...data }, C);
const measure = () => act('measure.taken', 'host', { measure: 'removed', items: [ITEM], basis: 'own_assessment' }, C);

function judge(pack: string, items: [string, Act][], asOf: string, kind = 'hosting') {
  return judgeCase({ caseId: C, recorded: timeline(...items), asOf, provider: host(pack, kind) })!;
}
const duty = (j: ReturnType<typeof judge>, key: string) => j.obligations.find((o) => o.key === key);

// Wednesday 19 November 2025, 10:00 in New York.
const NY = (date: string, hour = 10) => `${date}T${String(hour + 5).padStart(2, '0')}:00:00.000Z`;

describe('knowledge without a notice: the provider’s own awareness opens a case and obliges it to act', () => {
  it('US §512(c)(1)(A)(iii): two business days from awareness (Thu 20, Fri 21 November): met, or missed and the item lost', () => {
    const met = judge('us-dmca', [[NY('2025-11-19'), aware('us-dmca')], [NY('2025-11-21', 16), measure()]], NY('2025-12-01'));
    expect(duty(met, 'US.actOnAwareness')).toMatchObject({ basis: 'default_sla', source: '17 U.S.C. §512(c)(1)(A)(ii)-(iii)', byLocalDate: '2025-11-21', status: 'met', note: 'aware: own detection' });
    expect(met.assessment).toEqual({ status: 'not_a_notice', missing: [], elements: [] });
    // No notice: no takedown, no duties toward a notifier, nothing to forward.
    expect(met.obligations.map((o) => o.key)).toEqual(['US.actOnAwareness']);
    expect(met.protection.status).toBe('eligible');
    expect(met.knowledge).toEqual({ at: NY('2025-11-19'), from: 'awareness', seq: 100, note: 'aware: own detection' });

    const missed = judge('us-dmca', [[NY('2025-11-19'), aware('us-dmca')]], NY('2025-11-24'));
    expect(duty(missed, 'US.actOnAwareness')?.status).toBe('missed');
    expect(missed.protection).toEqual({
      status: 'lost_for_item',
      reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'US.actOnAwareness', source: '17 U.S.C. §512(c)(1)(A)(ii)-(iii)', basis: 'default' }],
    });
  });

  it('runs from the awareness the provider claims: aware Monday 17, recorded Wednesday 19: due Wednesday 19, removed Thursday 20 is late, and the late recording is said', () => {
    const j = judge('us-dmca', [[NY('2025-11-19'), aware('us-dmca', { awareAt: NY('2025-11-17') })], [NY('2025-11-20'), measure()]], NY('2025-12-01'));
    expect(duty(j, 'US.actOnAwareness')).toMatchObject({ byLocalDate: '2025-11-19', status: 'late' });
    expect(j.protection.reasons.map((r) => r.code)).toEqual(['OBLIGATION_LATE', 'RECEIPT_RECORDED_LATE']);
  });

  it('a search engine answers under §512(d)(1); a conduit has no such duty (§512(a))', () => {
    const search = judge('us-dmca', [[NY('2025-11-19'), aware('us-dmca')]], NY('2025-11-20'), 'search');
    expect(duty(search, 'US.actOnAwareness')?.source).toBe('17 U.S.C. §512(d)(1)(A)-(C)');
    const conduit = judge('us-dmca', [[NY('2025-11-19'), aware('us-dmca')]], NY('2025-12-01'), 'conduit');
    expect(duty(conduit, 'US.actOnAwareness')).toMatchObject({ status: 'not_applicable', note: 'conduit: §512(a) has no knowledge-based removal duty' });
  });

  it('DSA Art 6(1): three days from awareness in Brussels (Mon 2 June 2025 → Thu 5 June)', () => {
    const at = '2025-06-02T08:00:00.000Z';
    const late = judge('eu-dsa', [[at, aware('eu-dsa')], ['2025-06-06T08:00:00.000Z', measure()]], '2025-07-01T00:00:00.000Z', 'platform');
    expect(duty(late, 'EU.actOnAwareness')).toMatchObject({ source: 'DSA Art 6(1)(a)-(b)', byLocalDate: '2025-06-05', status: 'late' });
    expect(late.protection.status).toBe('at_risk');
    const missed = judge('eu-dsa', [[at, aware('eu-dsa')]], '2025-06-06T00:00:00.000Z', 'platform');
    expect(missed.protection).toMatchObject({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'EU.actOnAwareness' }] });
  });

  it('China: Civil Code Art 1197 (a day in Shanghai: Tue 7 → Wed 8 January 2025), E-Commerce Law Art 45 for platforms', () => {
    const at = '2025-01-07T02:00:00.000Z';
    const civil = judge('cn-civil', [[at, aware('cn-civil')]], '2025-01-09T00:00:00.000Z');
    expect(duty(civil, 'CN.actOnKnowledge')).toMatchObject({ source: 'Civil Code Art 1197', byLocalDate: '2025-01-08', status: 'missed' });
    expect(civil.protection.status).toBe('lost_for_item');
    const ecom = judge('cn-ecom', [[at, aware('cn-ecom')]], '2025-01-07T03:00:00.000Z', 'platform');
    expect(duty(ecom, 'CN.actOnKnowledge')).toMatchObject({ source: 'E-Commerce Law Art 45', status: 'pending' });
  });

  it('Japan Art 3(1): two days by default (Fri 14 → Sun 16 November 2025, no roll-forward)', () => {
    const j = judge('jp-plla', [['2025-11-14T01:00:00.000Z', aware('jp-plla')]], '2025-11-17T00:00:00.000Z', 'platform');
    expect(duty(j, 'JP.actOnKnowledge')).toMatchObject({ basis: 'default_sla', source: 'PLLA/IDPA Art 3(1)', byLocalDate: '2025-11-16', status: 'missed' });
    expect(j.protection.status).toBe('lost_for_item');
  });
});

describe('findings on knowledge: knew, should have known, no knowledge', () => {
  const notice = () =>
    act('notice.submitted', 'holder', { provider: 'host', pack: 'us-dmca', works: ['W'], items: [{ locator: ITEM }], claimant: { contact: COMMIT }, statements: { goodFaith: true, accuracy: true, authorized: true } }, C);

  it('a red flag found to predate the notice: the duty ran from Monday 3 November (due Wednesday 5), so removing on the notice is late', () => {
    const j = judge(
      'us-dmca',
      [
        [NY('2025-11-19'), notice()],
        [NY('2025-11-20'), measure()],
        [NY('2025-12-01'), finding('should_have_known', { knowledgeAt: NY('2025-11-03'), grounds: ['red_flag'] })],
      ],
      NY('2025-12-02'),
    );
    expect(duty(j, 'US.takedown')?.status).toBe('met');
    expect(duty(j, 'US.actOnAwareness')).toMatchObject({ byLocalDate: '2025-11-05', status: 'late', note: 'found: should have known (red flag)' });
    expect(j.protection.status).toBe('at_risk');
  });

  it('a finding resting on the absence of monitoring alone is set aside under §512(m), and said', () => {
    const j = judge('us-dmca', [[NY('2025-11-19'), notice()], [NY('2025-12-01'), finding('knew', { grounds: ['absence_of_monitoring'] })]], NY('2025-12-02'));
    expect(duty(j, 'US.actOnAwareness')).toBeUndefined();
    expect(j.flags).toEqual(['FINDING_CONTRARY_TO_NO_MONITORING']);
    expect(j.setAside).toEqual([{ seq: 101, code: 'FINDING_CONTRARY_TO_NO_MONITORING', source: '17 U.S.C. §512(m)(1)', basis: 'statutory' }]);
    // With another ground beside it the finding stands.
    const both = judge('us-dmca', [[NY('2025-11-19'), notice()], [NY('2025-12-01'), finding('knew', { grounds: ['absence_of_monitoring', 'prior_notices'] })]], NY('2025-12-02'));
    expect(duty(both, 'US.actOnAwareness')?.note).toBe('found: knew (absence of monitoring, prior notices)');
  });

  it.each([
    ['eu-dsa', 'DSA Art 8'],
    ['cn-civil', 'SPC Provisions on network dissemination disputes (2012) Art 8 ¶2'],
  ])('%s sets such a finding aside too (%s)', (pack, source) => {
    const j = judge(pack, [['2025-06-02T08:00:00.000Z', aware(pack, { source: 'third_party' })], ['2025-06-03T08:00:00.000Z', finding('should_have_known', { grounds: ['absence_of_monitoring'] })]], '2025-06-04T00:00:00.000Z', 'platform');
    expect(j.setAside?.map((s) => s.source)).toEqual([source]);
  });

  it('Japan has no such rule: the finding stands', () => {
    const j = judge('jp-plla', [['2025-11-14T01:00:00.000Z', aware('jp-plla', { source: 'third_party' })], ['2025-11-17T01:00:00.000Z', finding('knew', { grounds: ['absence_of_monitoring'] })]], '2025-11-18T00:00:00.000Z', 'platform');
    expect(j.setAside).toBeUndefined();
    expect(duty(j, 'JP.actOnKnowledge')?.note).toBe('aware: third party');
  });

  it('no knowledge found: awareness others reported creates no duty; the provider’s own detection still does', () => {
    const reported = judge('us-dmca', [[NY('2025-11-19'), aware('us-dmca', { source: 'third_party' })], [NY('2025-11-20'), finding('no_knowledge')]], NY('2025-12-01'));
    expect(reported.obligations).toEqual([]);
    const own = judge('us-dmca', [[NY('2025-11-19'), aware('us-dmca')], [NY('2025-11-20'), finding('no_knowledge')]], NY('2025-12-01'));
    expect(duty(own, 'US.actOnAwareness')?.status).toBe('missed');
  });
});

describe('the acts’ own rules', () => {
  const state = initialCaseState(C);
  it('awareness is never claimed later than its recording', () => {
    expect(AwareBeforeRecorded.check(state, { ...aware('us-dmca', { awareAt: '2026-03-02T00:00:00.000Z' }), at: '2026-03-01T00:00:00.000Z' })).toMatch(/awareAt .* is after the act's own time/);
    expect(AwareBeforeRecorded.check(state, { ...aware('us-dmca', { awareAt: '2026-02-28T00:00:00.000Z' }), at: '2026-03-01T00:00:00.000Z' })).toBeUndefined();
  });
  it('knowledgeAt and grounds belong to findings on knowledge; no knowledge has no knowledgeAt', () => {
    expect(KnowledgeFieldsOnKnowledgeFindings.check(state, finding('infringing', { grounds: ['red_flag'] }))).toMatch(/belong to findings on knowledge/);
    expect(KnowledgeFieldsOnKnowledgeFindings.check(state, finding('no_knowledge', { knowledgeAt: '2026-01-01T00:00:00.000Z' }))).toMatch(/no knowledgeAt/);
    expect(KnowledgeFieldsOnKnowledgeFindings.check(state, finding('knew', { knowledgeAt: '2026-01-01T00:00:00.000Z', grounds: ['red_flag'] }))).toBeUndefined();
  });
});
