import { uncited } from '../support/uncited.js';
import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const C = 'c-cn';
const ITEM = 'https://shop.example/item/1';
const COMMIT = `sha256:${'ab'.repeat(32)}`;
const EVIDENCE = 'cd'.repeat(32);

const provider = (kind = 'platform', pack = 'cn-ecom', options: Record<string, boolean> = {}) =>
  partyAt(
    ['2024-12-01T00:00:00.000Z', act('party.registered', 'shop', { name: 'Shop', roles: ['provider'], providerKind: kind, packs: [pack], publicKey: KEY })],
    ...(Object.keys(options).length ? [['2024-12-02T00:00:00.000Z', act('provider.policy_adopted', 'shop', { packOptions: options })] as [string, Act]] : []),
  );
const notice = (pack = 'cn-ecom', overrides: Record<string, unknown> = {}) =>
  act('notice.submitted', 'brand', { provider: 'shop', pack, works: ['Trademark 123'], items: [{ locator: ITEM }], claimant: { name: 'Brand Co', contact: COMMIT, address: COMMIT }, evidence: [EVIDENCE], user: 'merchant', ...overrides }, C);
const measure = (m = 'removed') => act('measure.taken', 'shop', { measure: m, items: [ITEM], basis: 'notice' }, C);
const forward = () => act('notice.forwarded', 'shop', { user: 'merchant' }, C);
const declaration = () => act('counter_notice.submitted', 'merchant', { evidence: [EVIDENCE] }, C);
const declForwarded = () => act('counter_notice.forwarded', 'shop', {}, C);
const lift = () => act('measure.lifted', 'shop', { items: [ITEM], reason: 'counter_notice' }, C);

// Tuesday 2025-01-07 10:00 in Shanghai.
const T0 = '2025-01-07T02:00:00.000Z';
const sh = (date: string, hour = 10) => `${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;

function judge(items: [string, Act][], asOf: string, p = provider()) {
  return judgeCase({ caseId: C, recorded: timeline(...items), asOf, provider: p })!;
}
const ob = (j: ReturnType<typeof judge>, key: string) => j.obligations.filter((o) => o.key === key);

describe('China: a year without the State Council schedule is said, not assumed silently', () => {
  it('says so when a window runs into 2027 (no schedule shipped), and not in 2026', () => {
    // A declaration forwarded on 23 December 2026: the 15-day wait (E-Commerce Law Art 43) ends in January 2027.
    const late = judge([[sh('2026-12-20'), notice()], [sh('2026-12-21'), measure()], [sh('2026-12-21', 11), forward()], [sh('2026-12-22'), declaration()], [sh('2026-12-23'), declForwarded()]], sh('2027-01-20'));
    expect(late.calendar).toEqual({ coverage: 'assumed', years: [2027], note: 'no official working-day calendar for 2027 in this build: weekends alone were counted as rest days there' });
    expect(uncited(late.protection.reasons)).toContainEqual({ code: 'CALENDAR_ASSUMED' });
    const covered = judge([[sh('2026-06-10'), notice()]], sh('2026-07-01'));
    expect(covered.calendar).toBeUndefined();
    expect(covered.protection.reasons.map((r) => r.code)).not.toContain('CALENDAR_ASSUMED');
  });
});

describe('China: notice assessment', () => {
  it.each([
    ['cn-ecom', {}, 'valid', []],
    ['cn-ecom', { evidence: [] }, 'deficient_curable', ['evidence']],
    ['cn-civil', { claimant: { name: 'Brand Co' } }, 'deficient_curable', ['identity']],
    ['cn-rndi', { claimant: { name: 'Brand Co', contact: COMMIT } }, 'deficient_curable', ['identity']],
    ['cn-rndi', { works: [] }, 'deficient_curable', ['title_and_address']],
  ])('%s with %o is %s', (pack, overrides, status, missing) => {
    expect(judge([[T0, notice(pack, overrides)]], T0, provider('platform', pack)).assessment).toMatchObject({ status, missing });
  });
});

describe('China: forward, measures, publication, deficiency contact (1 calendar day by default)', () => {
  it('forwards and takes the measure within a day', () => {
    const j = judge([[T0, notice()], [sh('2025-01-07', 15), measure()], [sh('2025-01-08'), forward()]], sh('2025-01-20'));
    expect(ob(j, 'CN.measure')[0]).toMatchObject({ status: 'met', byLocalDate: '2025-01-08', timeZone: 'Asia/Shanghai' });
    expect(ob(j, 'CN.forward')[0].status).toBe('met');
  });

  it('a measure two days later is late; none at all is missed and costs the item its protection', () => {
    expect(ob(judge([[T0, notice()], [sh('2025-01-09'), measure()]], sh('2025-01-20')), 'CN.measure')[0].status).toBe('late');
    const missed = judge([[T0, notice()]], sh('2025-01-20'));
    expect(ob(missed, 'CN.measure')[0].status).toBe('missed');
    expect(missed.protection.status).toBe('lost_for_item');
  });

  it('a one-day deadline falling on a Saturday moves to Monday (Art 203, weekends by default)', () => {
    expect(ob(judge([[sh('2025-01-10'), notice()]], sh('2025-01-10')), 'CN.measure')[0].byLocalDate).toBe('2025-01-13');
  });

  it('a deadline falling on the Spring Festival moves past it (Art 203)', () => {
    expect(ob(judge([[sh('2025-01-27'), notice()]], sh('2025-01-27')), 'CN.measure')[0].byLocalDate).toBe('2025-02-05');
  });

  it('publishes the notice when the user cannot be reached', () => {
    const j = judge([[T0, notice('cn-rndi', { user: undefined })], [sh('2025-01-07', 12), act('notice.forwarded', 'shop', { published: true }, C)]], sh('2025-01-20'), provider('hosting', 'cn-rndi'));
    expect(ob(j, 'CN.publish')[0].status).toBe('met');
    expect(ob(j, 'CN.forward')[0]).toMatchObject({ status: 'not_applicable', note: expect.stringContaining('user_unreachable') });
  });

  it('for a basic network service forwarding is the necessary measure', () => {
    const j = judge([[T0, notice('cn-civil')], [sh('2025-01-07', 12), forward()]], sh('2025-01-20'), provider('basic_network', 'cn-civil'));
    expect(ob(j, 'CN.measure')[0]).toMatchObject({ status: 'met', note: expect.stringContaining('basic network') });
  });

  it('asks for missing materials within a day', () => {
    const j = judge([[T0, notice('cn-ecom', { evidence: [] })], [sh('2025-01-09'), act('notice.deficiency_contacted', 'shop', { missing: ['evidence'] }, C)]], sh('2025-01-20'));
    expect(ob(j, 'CN.deficiencyContact')[0].status).toBe('late');
  });

  it('cn-rndi does not bind an access provider', () => {
    const j = judge([[T0, notice('cn-rndi')]], sh('2025-01-20'), provider('conduit', 'cn-rndi'));
    expect(j.obligations.length).toBeGreaterThan(0); // an empty list would pass the check below
    expect(j.obligations.every((o) => o.status === 'not_applicable')).toBe(true);
  });
});

describe('China: the declaration of non-infringement and restoration (CN.terminate)', () => {
  // §0.6 example 2: the declaration reaches the right holder on Tuesday 2025-01-14.
  const base = (pack = 'cn-ecom'): [string, Act][] => [
    [sh('2025-01-06'), notice(pack)],
    [sh('2025-01-06', 12), measure()],
    [sh('2025-01-06', 13), forward()],
    [sh('2025-01-13'), declaration()],
    [sh('2025-01-14'), declForwarded()],
  ];

  it('e-commerce: the 15-day wait ends 2025-02-05 (Spring Festival), restoration due by 2025-02-06', () => {
    const j = judge([...base(), [sh('2025-02-06'), lift()]], sh('2025-02-10'));
    expect(ob(j, 'CN.terminate')[0]).toMatchObject({ status: 'met', fromLocalDate: '2025-02-06', byLocalDate: '2025-02-06', note: 'wait ends 2025-02-05' });
  });

  it('restoring during the wait is early; not restoring is missed', () => {
    expect(ob(judge([...base(), [sh('2025-01-20'), lift()]], sh('2025-02-10')), 'CN.terminate')[0].status).toBe('early');
    expect(ob(judge(base(), sh('2025-02-10')), 'CN.terminate')[0].status).toBe('missed');
  });

  it('a complaint or lawsuit notified within the wait keeps the measure', () => {
    const j = judge([...base(), [sh('2025-02-03'), act('action.filed', 'brand', { forum: 'court', reference: '(2025)京0491民初1号' }, C)]], sh('2025-02-10'));
    expect(ob(j, 'CN.terminate')[0]).toMatchObject({ status: 'not_applicable', note: expect.stringContaining('complaint_or_lawsuit') });
  });

  it('Civil Code: a reasonable period of 15 days by default, never beyond 20 working days', () => {
    const j = judge(base('cn-civil'), sh('2025-01-15'), provider('platform', 'cn-civil'));
    expect(ob(j, 'CN.terminate')[0].note).toBe('wait ends 2025-02-05');
    const longer = partyAt(
      ['2024-12-01T00:00:00.000Z', act('party.registered', 'shop', { name: 'Shop', roles: ['provider'], providerKind: 'platform', packs: ['cn-civil'], publicKey: KEY })],
      ['2024-12-02T00:00:00.000Z', act('provider.policy_adopted', 'shop', { slas: { 'CN.civilWait': 40 } })],
    );
    expect(ob(judge(base('cn-civil'), sh('2025-01-15'), longer), 'CN.terminate')[0].note).toBe('wait ends 2025-02-17');
  });

  it('RNDI legacy mode restores at once on the explanation (opt-in)', () => {
    const j = judge([...base('cn-rndi'), [sh('2025-01-13', 15), lift()]], sh('2025-01-20'), provider('hosting', 'cn-rndi', { cnRndiImmediateRestore: true }));
    expect(ob(j, 'CN.terminate')[0]).toMatchObject({ status: 'met', byLocalDate: '2025-01-14', source: 'RNDI Regulations Art 17 (legacy mode)' });
  });
});

describe('China: administrative and court requests for user data', () => {
  it('answers an administration by its return date, else within 5 working days', () => {
    const admin = act('disclosure.requested', 'nca', { route: 'admin_request', about: 'merchant' }, C);
    const j = judge([[T0, notice()], [sh('2025-01-24'), admin], [sh('2025-02-07'), act('disclosure.granted', 'shop', { disclosed: COMMIT }, C)]], sh('2025-02-20'));
    expect(ob(j, 'CN.adminRequest')[0]).toMatchObject({ status: 'met', byLocalDate: '2025-02-07', source: expect.stringContaining('RNDI Regulations Art 13') });
  });
});

describe('China: erroneous and malicious notices count against the notifier with their weights', () => {
  it('weighs a malicious erroneous notice twice', async () => {
    const { notifierConduct } = await import('../../src/domain/projections/notifier-conduct.js');
    const finding = (id: string, outcome: string) =>
      timeline([sh('2025-03-03'), act('notice.submitted', 'brand', { provider: 'shop', pack: 'cn-ecom', items: [{ locator: ITEM }], evidence: [EVIDENCE], claimant: { name: 'B', contact: COMMIT } }, id)], [sh('2025-04-01'), act('finding.recorded', 'court', { outcome }, id)]);
    const cases = [
      { id: 'x1', recorded: finding('x1', 'erroneous_notice') },
      { id: 'x2', recorded: finding('x2', 'malicious_erroneous_notice') },
      { id: 'x3', recorded: finding('x3', 'infringing') },
    ];
    const conduct = notifierConduct('brand', cases, () => provider(), sh('2025-05-01'));
    expect(conduct.findings).toEqual({ misrepresentation: 0, erroneous: 1, malicious: 1 });
    expect(conduct.erroneousWeighted).toBe(3);
    expect(conduct.misuse[0]).toMatchObject({ unfoundedInWindow: 3, shareInWindow: 0.667 });
  });
});

describe('China: every obligation cites its law', () => {
  const sourcesOf = (pack: string, kind = 'platform') => {
    const items: [string, Act][] = [[T0, notice(pack)], [sh('2025-01-07', 15), measure()], [sh('2025-01-07', 16), forward()], [sh('2025-01-09'), declaration()], [sh('2025-01-09', 12), declForwarded()]];
    return Object.fromEntries(judge(items, sh('2025-02-20'), provider(kind, pack)).obligations.map((o) => [o.key, o.source]));
  };

  it('cn-civil: Civil Code Arts 1195 ¶2 (forward, measure) and 1196 ¶2 with the SPC Reply of 2020 (the wait)', () => {
    expect(sourcesOf('cn-civil')).toEqual({ 'CN.forward': 'Civil Code Art 1195 ¶2', 'CN.measure': 'Civil Code Art 1195 ¶2', 'CN.terminate': 'Civil Code Art 1196 ¶2; SPC Reply 2020 ¶3' });
  });

  it('cn-ecom: E-Commerce Law Arts 42 ¶2, 43 ¶2 and 44', () => {
    expect(sourcesOf('cn-ecom')).toEqual({
      'CN.forward': 'E-Commerce Law Art 42 ¶2',
      'CN.measure': 'E-Commerce Law Art 42 ¶2',
      'CN.publishNotice': 'E-Commerce Law Art 44 (the notice and the measure taken made public promptly)',
      'CN.publishDeclaration': 'E-Commerce Law Art 44 (the declaration and the result made public promptly)',
      'CN.terminate': 'E-Commerce Law Art 43 ¶2',
    });
  });

  it('cn-rndi: RNDI Regulations Art 15, the wait under the Civil Code unless the provider opts for Art 17', () => {
    expect(sourcesOf('cn-rndi', 'hosting')).toEqual({ 'CN.forward': 'RNDI Regulations Art 15', 'CN.measure': 'RNDI Regulations Art 15', 'CN.terminate': 'Civil Code Art 1196 ¶2 (RNDI Art 17 by option)' });
  });
});
