import { uncited } from '../support/uncited.js';
import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const C = 'c-jp';
const ITEM = 'https://bbs.example/t/1';
const COMMIT = `sha256:${'ab'.repeat(32)}`;

const provider = (pack = 'jp-plla', large = false, options: Record<string, boolean> = {}) =>
  partyAt(
    ['2025-01-01T00:00:00.000Z', act('party.registered', 'bbs', { name: 'BBS', roles: ['provider'], providerKind: 'platform', packs: [pack], flags: { largePlatform: large }, publicKey: KEY })],
    ...(Object.keys(options).length ? [['2025-01-02T00:00:00.000Z', act('provider.policy_adopted', 'bbs', { packOptions: options })] as [string, Act]] : []),
  );
const notice = (pack = 'jp-plla', overrides: Record<string, unknown> = {}) =>
  act('notice.submitted', 'holder', { provider: 'bbs', pack, works: ['Photograph No. 7'], items: [{ locator: ITEM }], explanation: 'Posted without permission.', user: 'poster', ...overrides }, C);
const inquiry = () => act('sender.inquired', 'bbs', {}, C);
const removal = (basis = 'sender_consent') => act('measure.taken', 'bbs', { measure: 'removed', items: [ITEM], basis }, C);
const tk = (date: string, hour = 10) => `${date}T${String(hour - 9).padStart(2, '0')}:00:00.000Z`;

function judge(items: [string, Act][], asOf: string, p = provider()) {
  return judgeCase({ caseId: C, recorded: timeline(...items), asOf, provider: p })!;
}
const ob = (j: ReturnType<typeof judge>, key: string) => j.obligations.find((o) => o.key === key);

describe('Japan: request assessment', () => {
  it.each([
    [{}, 'valid', []],
    [{ works: [] }, 'incomplete', ['right']],
    [{ explanation: '' }, 'incomplete', ['reasons']],
  ])('%o is %s', (overrides, status, missing) => {
    expect(judge([[tk('2025-11-10'), notice('jp-plla', overrides)]], tk('2025-11-10')).assessment).toMatchObject({ status, missing });
  });
});

describe('Japan: the Art 3(2)(ii) sender inquiry (§0.6 example 3)', () => {
  const base: [string, Act][] = [[tk('2025-11-13'), notice()], [tk('2025-11-14'), inquiry()]];

  it('day 7 is Friday 11-21; removal on 11-25 with no objection is shielded', () => {
    expect(ob(judge([...base, [tk('2025-11-25'), removal()]], tk('2025-12-01')), 'JP.senderInquiryWait')).toMatchObject({ status: 'met', byLocalDate: '2025-11-21', basis: 'statutory' });
  });

  it('removal on 11-20 without an own assessment has no shield', () => {
    const j = judge([...base, [tk('2025-11-20'), removal('notice')]], tk('2025-12-01'));
    expect(ob(j, 'JP.senderInquiryWait')?.status).toBe('early');
    expect(j.protection.status).toBe('lost_for_item');
  });

  it('removal before day 7 on the provider’s own assessment takes the Art 3(2)(i) route', () => {
    expect(ob(judge([...base, [tk('2025-11-18'), removal('own_assessment')]], tk('2025-12-01')), 'JP.senderInquiryWait')?.note).toContain('own_assessment');
  });

  it('the sender’s consent allows removal at once; its objection closes the route', () => {
    const consent = act('sender.replied', 'poster', { consents: true }, C);
    expect(ob(judge([...base, [tk('2025-11-16'), consent], [tk('2025-11-17'), removal()]], tk('2025-12-01')), 'JP.senderInquiryWait')).toMatchObject({ status: 'met', note: 'sender consented; delivery not stated: counted from the sending' });
    const objection = act('sender.replied', 'poster', { consents: false, reasons: 'it is my photo' }, C);
    expect(ob(judge([...base, [tk('2025-11-18'), objection]], tk('2025-12-01')), 'JP.senderInquiryWait')?.note).toContain('sender_objected');
  });

  it('runs the 7 days from the delivery the inquiry states: delivered Monday 17th, the wait ends Monday 24th', () => {
    const delivered: [string, Act][] = [[tk('2025-11-13'), notice()], [tk('2025-11-14'), act('sender.inquired', 'bbs', { deliveredAt: tk('2025-11-17') }, C)]];
    const early = judge([...delivered, [tk('2025-11-22'), removal()]], tk('2025-12-01'));
    expect(ob(early, 'JP.senderInquiryWait')).toMatchObject({ byLocalDate: '2025-11-24', status: 'early', note: '' });
    expect(early.protection.status).toBe('lost_for_item');
    // Without a stated delivery the same removal on the 22nd is after the 21st: met, and the note says how it was counted.
    expect(ob(judge([...base, [tk('2025-11-22'), removal()]], tk('2025-12-01')), 'JP.senderInquiryWait')).toMatchObject({ byLocalDate: '2025-11-21', status: 'met', note: 'delivery not stated: counted from the sending' });
  });

  it('a removal “on consent” after the sender objected within the wait has no shield: lost for the item', () => {
    const objection = act('sender.replied', 'poster', { consents: false, reasons: 'it is my photo' }, C);
    const j = judge([...base, [tk('2025-11-18'), objection], [tk('2025-11-19'), removal('sender_consent')]], tk('2025-12-01'));
    expect(ob(j, 'JP.senderInquiryWait')).toMatchObject({ status: 'early', metAt: tk('2025-11-19'), note: expect.stringContaining('though the sender objected') });
    expect(uncited(j.protection)).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_EARLY', obligation: 'JP.senderInquiryWait' }] });
    // Removed on the provider's own assessment instead, the Art 3(2)(i) route stays open.
    expect(ob(judge([...base, [tk('2025-11-18'), objection], [tk('2025-11-19'), removal('own_assessment')]], tk('2025-12-01')), 'JP.senderInquiryWait')?.note).toContain('own_assessment');
  });

  it('with Art 142 roll-forward (an option) a wait ending on a holiday runs to the next day', () => {
    const j = judge([[tk('2025-11-15'), notice()], [tk('2025-11-16'), inquiry()]], tk('2025-11-16'), provider('jp-plla', false, { jpRollForward: true }));
    expect(ob(j, 'JP.senderInquiryWait')?.byLocalDate).toBe('2025-11-25');
  });
});

describe('Japan: IDPA notice to the requester (designated large providers, 7 days)', () => {
  it('is met by telling the requester that the sender is being consulted', () => {
    const j = judge([[tk('2025-11-14'), notice('jp-idpa')], [tk('2025-11-20'), act('decision.notified', 'bbs', { decision: 'consulting_sender' }, C)]], tk('2025-12-01'), provider('jp-idpa', true));
    expect(ob(j, 'JP.idpaNotify')).toMatchObject({ status: 'met', byLocalDate: '2025-11-21', note: expect.stringContaining('consulted') });
  });

  it('is missed without a notice, and does not bind a provider that is not designated', () => {
    expect(ob(judge([[tk('2025-11-14'), notice('jp-idpa')]], tk('2025-12-01'), provider('jp-idpa', true)), 'JP.idpaNotify')?.status).toBe('missed');
    expect(ob(judge([[tk('2025-11-14'), notice('jp-idpa')]], tk('2025-12-01'), provider('jp-idpa', false)), 'JP.idpaNotify')?.status).toBe('not_applicable');
  });
});

describe('Japan: disclosure of sender information', () => {
  const request = () => act('disclosure.requested', 'holder', { route: 'jp_art5_request', about: 'poster', scope: ['name', 'address'] }, C);

  it('hears the sender before deciding (Art 6(1))', () => {
    const heard = judge([[tk('2025-11-01'), notice()], [tk('2025-11-02'), request()], [tk('2025-11-03'), act('disclosure.opinion_requested', 'bbs', {}, C)], [tk('2025-11-10'), act('disclosure.opinion_given', 'poster', { consents: false }, C)], [tk('2025-11-20'), act('disclosure.refused', 'bbs', { reasons: 'not evident' }, C)]], tk('2025-12-01'));
    expect(ob(heard, 'JP.opinionHearing')?.status).toBe('met');
    const unheard = judge([[tk('2025-11-01'), notice()], [tk('2025-11-02'), request()], [tk('2025-11-05'), act('disclosure.granted', 'bbs', { disclosed: COMMIT }, C)]], tk('2025-12-01'));
    expect(ob(unheard, 'JP.opinionHearing')).toMatchObject({ status: 'missed', note: 'decided without hearing the sender' });
  });

  it('discloses under a court order only once the one-month objection period has run', () => {
    const order = act('finding.recorded', 'court', { outcome: 'disclosure_ordered', reference: '令和7年(発チ)第1号' }, C);
    const grant = (date: string): [string, Act] => [tk(date), act('disclosure.granted', 'bbs', { disclosed: COMMIT }, C)];
    const base: [string, Act][] = [[tk('2025-10-01'), notice()], [tk('2025-11-14'), order]];
    // Ordered Friday 14 November: one month ends Sunday 14 December, a court period moves to Monday the 15th (CPC Art 95(3)).
    expect(ob(judge([...base, grant('2025-12-16')], tk('2026-01-10')), 'JP.disclosureAfterFinal')).toMatchObject({ status: 'met', fromLocalDate: '2025-12-16', note: 'objection period ends 2025-12-15' });
    expect(ob(judge([...base, grant('2025-12-15')], tk('2026-01-10')), 'JP.disclosureAfterFinal')?.status).toBe('early');
    expect(ob(judge([...base, grant('2025-12-01')], tk('2026-01-10')), 'JP.disclosureAfterFinal')?.status).toBe('early');
    const suit = act('action.filed', 'poster', { forum: 'court', reference: 'objection' }, C);
    expect(ob(judge([...base, [tk('2025-12-10'), suit]], tk('2026-01-10')), 'JP.disclosureAfterFinal')?.status).toBe('not_applicable');
  });
});

describe('Japan: court periods skip weekends, holidays and 29 December to 3 January (CPC Art 95(3))', () => {
  it.each([
    ['2025-11-28', '2026-01-05'], // one month ends Sunday 28 Dec; 29 Dec-3 Jan closed; 4 Jan a Sunday
    ['2025-10-10', '2025-11-10'], // ends Monday 10 November: a court day
    ['2026-01-09', '2026-02-09'], // ends Monday 9 February
    ['2026-02-10', '2026-03-10'], // ends Tuesday 10 March
    ['2026-04-28', '2026-05-28'], // ends Thursday 28 May
    ['2026-04-02', '2026-05-07'], // ends Saturday 2 May; 3-6 May are Constitution Day, Greenery Day, Children's Day and a substitute holiday
  ])('an order on %s: the objection period ends on %s', async (ordered, end) => {
    const { jpCourtMonthsEnd } = await import('../../src/domain/jurisdictions/jp-calendar.js');
    expect(jpCourtMonthsEnd(ordered, 1)).toBe(end);
  });
});

describe('Japan: every obligation cites its article', () => {
  it('cites PLLA/IDPA Art 3(2)(ii) for the sender inquiry, Art 6(1) for the hearing, Art 14 for disclosure after the objection period, and the IDPA duty of large providers', () => {
    const request = act('disclosure.requested', 'holder', { route: 'jp_art5_request', about: 'poster' }, C);
    const items: [string, Act][] = [
      [tk('2025-11-13'), notice('jp-idpa')],
      [tk('2025-11-14'), inquiry()],
      [tk('2025-11-15'), request],
      [tk('2025-11-16'), act('disclosure.opinion_requested', 'bbs', {}, C)],
      [tk('2025-11-20'), act('disclosure.refused', 'bbs', { reasons: 'not evident' }, C)],
      [tk('2025-12-01'), act('finding.recorded', 'court', { outcome: 'disclosure_ordered', reference: 'r' }, C)],
    ];
    const sources = Object.fromEntries(judge(items, tk('2026-02-01'), provider('jp-idpa', true)).obligations.map((o) => [o.key, o.source]));
    expect(sources).toMatchObject({
      'JP.senderInquiryWait': 'PLLA/IDPA Art 3(2)(ii)',
      'JP.opinionHearing': 'PLLA/IDPA Art 6(1)',
      'JP.disclosureAfterFinal': 'PLLA/IDPA Art 14 (objection suit within one month); Code of Civil Procedure Art 95(3)',
      'JP.idpaNotify': 'IDPA (large providers): decision notice to the requester within 7 days',
    });
  });
});
