import { uncited } from '../support/uncited.js';
import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { complaintWindowEnd } from '../../src/domain/jurisdictions/eu-dsa.js';
import { memberStateOf } from '../../src/domain/jurisdictions/eu-member-states.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const C = 'c-eu';
const ITEM = 'https://social.example/p/1';
const COMMIT = `sha256:${'cd'.repeat(32)}`;
const SOR = { ground: 'illegal_content', facts: 'copy of a film', automatedDetection: false, automatedDecision: 'not_automated' };

const platform = (flags: Record<string, boolean> = {}, kind = 'platform', extra: [string, Act][] = []) =>
  partyAt(['2025-01-01T00:00:00.000Z', act('party.registered', 'plat', { name: 'Plat', roles: ['provider'], providerKind: kind, packs: ['eu-dsa'], flags, timeZone: 'Europe/Dublin', publicKey: KEY })], ...extra);
/** A platform in a time zone, with a registered Member State or none. */
const platformIn = (timeZone: string, memberState?: string) =>
  partyAt(['2025-01-01T00:00:00.000Z', act('party.registered', 'plat', { name: 'Plat', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], timeZone, ...(memberState ? { memberState } : {}), publicKey: KEY })]);
const flaggerRegistration = act('party.registered', 'holder', { name: 'TF', roles: ['rights_holder'], flags: { trustedFlagger: true }, publicKey: KEY });
/** Accredited by the Digital Services Coordinator (Art 22) before the notice. */
const flagger = partyAt(['2025-01-01T00:00:00.000Z', flaggerRegistration], ['2025-02-01T00:00:00.000Z', act('party.accredited', 'dsc', { party: 'holder', status: 'trusted_flagger' })]);
/** Declares itself a trusted flagger; nobody accredited it. */
const claimedFlagger = partyAt(['2025-01-01T00:00:00.000Z', flaggerRegistration]);

const notice = (overrides: Record<string, unknown> = {}) =>
  act('notice.submitted', 'holder', {
    provider: 'plat',
    pack: 'eu-dsa',
    items: [{ locator: ITEM }],
    claimant: { name: 'Acme', contact: COMMIT },
    explanation: 'A full copy of our film.',
    statements: { bonaFide: true },
    user: 'user',
    ...overrides,
  }, C);
const measureWithSor = () => act('measure.taken', 'plat', { measure: 'removed', items: [ITEM], basis: 'notice', reasons: SOR }, C);
const bareMeasure = () => act('measure.taken', 'plat', { measure: 'removed', items: [ITEM], basis: 'notice' }, C);

const T0 = '2025-06-02T09:00:00.000Z'; // Monday 10:00 in Dublin
const day = (n: number, hour = 9) => new Date(Date.parse(T0) + n * 86_400_000 + (hour - 9) * 3_600_000).toISOString();

function judge(items: [string, Act][], asOf: string, provider = platform(), notifier?: ReturnType<typeof partyAt>) {
  return judgeCase({ caseId: C, recorded: timeline(...items), asOf, provider, notifier })!;
}
const ob = (j: ReturnType<typeof judge>, key: string) => j.obligations.find((o) => o.key === key);

describe('eu-dsa: Art 16(2) assessment', () => {
  it.each([
    ['every element', {}, 'valid', []],
    ['no explanation', { explanation: '' }, 'incomplete', ['explanation']],
    ['no location', { items: [] }, 'incomplete', ['location']],
    ['no e-mail of the notifier', { claimant: { name: 'Acme' } }, 'incomplete', ['identity']],
    ['no identity needed for child sexual abuse material', { claimant: {}, category: 'csam' }, 'valid', []],
    ['no bona fide statement', { statements: {} }, 'incomplete', ['bona_fide']],
  ])('%s', (_name, overrides, status, missing) => {
    expect(judge([[T0, notice(overrides)]], T0).assessment).toMatchObject({ status, missing });
  });
});

describe('eu-dsa: acting on knowledge (Art 6) and the liability exemption', () => {
  it.each([
    ['met within 3 days', day(2), 'met', 'eligible'],
    ['late on day 4', day(4), 'late', 'at_risk'],
  ])('%s', (_name, at, status, protection) => {
    const j = judge([[T0, notice()], [at, measureWithSor()]], day(10));
    expect(ob(j, 'EU.actOnKnowledge')).toMatchObject({ status, basis: 'default_sla', byLocalDate: '2025-06-05', timeZone: 'Europe/Dublin' });
    expect(j.protection.status).toBe(protection);
  });

  it('missed: the exemption is lost for the item', () => {
    const j = judge([[T0, notice()]], day(10));
    expect(ob(j, 'EU.actOnKnowledge')?.status).toBe('missed');
    expect(uncited(j.protection)).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'EU.actOnKnowledge' }] });
  });

  it('an accredited trusted flagger’s notice is due within 1 day', () => {
    const j = judge([[T0, notice()]], T0, platform(), flagger);
    expect(ob(j, 'EU.actOnKnowledge')).toMatchObject({ byLocalDate: '2025-06-03', note: 'trusted flagger' });
  });

  it('a self-declared trusted flagger gets the ordinary 3 days, and the view says why (regression: the flag shortened the deadline)', () => {
    const j = judge([[T0, notice()]], T0, platform(), claimedFlagger);
    expect(ob(j, 'EU.actOnKnowledge')).toMatchObject({ byLocalDate: '2025-06-05', note: 'trusted flagger status claimed, not accredited: the ordinary period applies' });
  });

  it('an accreditation given after the notice does not shorten that notice’s deadline', () => {
    const late = partyAt(['2025-01-01T00:00:00.000Z', flaggerRegistration], [day(1), act('party.accredited', 'dsc', { party: 'holder', status: 'trusted_flagger' })]);
    expect(ob(judge([[T0, notice()]], day(2), platform(), late), 'EU.actOnKnowledge')).toMatchObject({ byLocalDate: '2025-06-05' });
  });

  it('an incomplete notice presumes no knowledge: no duty to act, exemption kept', () => {
    const j = judge([[T0, notice({ explanation: '' })]], day(30));
    expect(ob(j, 'EU.actOnKnowledge')).toBeUndefined();
    expect(j.protection.status).toBe('eligible');
  });

  it('a decision not to act meets the duty to decide', () => {
    const j = judge([[T0, notice()], [day(1), act('notice.rejected', 'plat', { reason: 'not_infringing' }, C)]], day(10));
    expect(ob(j, 'EU.actOnKnowledge')?.status).toBe('met');
  });

  it('a notice from a suspended notifier is recorded but creates no duty (Art 23(2))', () => {
    const suspended = platform({}, 'platform', [['2025-05-01T00:00:00.000Z', act('notifier.suspended', 'plat', { notifier: 'holder', reason: 'manifestly unfounded notices', until: '2025-07-01T00:00:00.000Z' })]]);
    const j = judge([[T0, notice()]], day(30), suspended);
    expect(j.obligations.length).toBeGreaterThan(0); // an empty list would pass the check below
    expect(j.obligations.every((o) => o.status === 'not_applicable' && o.note.startsWith('notifier_suspended'))).toBe(true);
  });

  it('a conduit has no notice-and-action duty', () => {
    const j = judge([[T0, notice()]], day(30), platform({}, 'conduit'));
    expect(j.obligations.length).toBeGreaterThan(0); // an empty list would pass the check below
    expect(j.obligations.every((o) => o.status === 'not_applicable')).toBe(true);
  });
});

describe('eu-dsa: due diligence (Arts 16, 17, 20, 24), apart from the exemption', () => {
  it('confirms receipt within a day, only when the notifier gave an e-mail', () => {
    expect(ob(judge([[T0, notice()], [day(0, 15), act('notice.acknowledged', 'plat', {}, C)]], day(5)), 'EU.confirmReceipt')?.status).toBe('met');
    expect(ob(judge([[T0, notice()]], day(5)), 'EU.confirmReceipt')?.status).toBe('missed');
    expect(ob(judge([[T0, notice({ claimant: { name: 'A' } })]], day(5)), 'EU.confirmReceipt')?.status).toBe('not_applicable');
  });

  it('states reasons at the latest with the measure: with it is met, a day later is late', () => {
    expect(ob(judge([[T0, notice()], [day(1), measureWithSor()]], day(5)), 'EU.sor')).toMatchObject({ status: 'met', basis: 'statutory' });
    const late = judge([[T0, notice()], [day(1), bareMeasure()], [day(2), act('reasons.stated', 'plat', SOR, C)]], day(5));
    expect(ob(late, 'EU.sor')?.status).toBe('late');
    expect(late.protection.status).toBe('eligible'); // a due-diligence breach keeps the exemption
    expect(late.dueDiligence?.find((o) => o.key === 'EU.sor')?.status).toBe('late');
  });

  it('tells the notifier of the decision within a day', () => {
    const j = judge([[T0, notice()], [day(1), measureWithSor()], [day(3), act('decision.notified', 'plat', { decision: 'acted' }, C)]], day(5));
    expect(ob(j, 'EU.notifyNotifier')).toMatchObject({ status: 'late', byLocalDate: '2025-06-04' });
  });

  it('files the statement of reasons to the Transparency Database within 5 days (online platforms only)', () => {
    const items: [string, Act][] = [[T0, notice()], [day(1), measureWithSor()], [day(4), act('reasons.published', 'plat', { reference: 'tdb-1' }, C)]];
    expect(ob(judge(items, day(10)), 'EU.tdbSubmit')?.status).toBe('met');
    expect(ob(judge(items, day(10), platform({}, 'hosting')), 'EU.tdbSubmit')?.status).toBe('not_applicable');
    expect(ob(judge(items, day(10), platform({ microSmall: true })), 'EU.tdbSubmit')?.note).toContain('Art 19');
  });

  it('decides a complaint within 14 days, with human review', () => {
    const items: [string, Act][] = [[T0, notice()], [day(1), measureWithSor()], [day(2), act('complaint.lodged', 'user', { grounds: 'quotation' }, C)]];
    expect(ob(judge(items, day(30)), 'EU.complaintDecision')?.status).toBe('missed');
    const decided = judge([...items, [day(10), act('complaint.decided', 'plat', { outcome: 'reversed', humanReviewed: false, reasons: 'auto' }, C)]], day(30));
    expect(ob(decided, 'EU.complaintDecision')?.status).toBe('met');
    expect(ob(decided, 'EU.complaintHuman')).toMatchObject({ status: 'missed', basis: 'statutory', note: 'decided without human review' });
  });

  it('a complaint after the six-month window creates no duty', () => {
    const items: [string, Act][] = [[T0, notice()], [day(1), measureWithSor()], [day(200), act('complaint.lodged', 'user', { grounds: 'late' }, C)]];
    expect(ob(judge(items, day(260)), 'EU.complaintDecision')).toMatchObject({ status: 'not_applicable', note: expect.stringContaining('out_of_window') });
  });

  it('ends the six-month window per Reg. 1182/71: same day number, rolled over a weekend', () => {
    expect(complaintWindowEnd('2025-08-31T10:00:00.000Z', 'Europe/Brussels', 'BE')).toBe('2026-03-02T22:59:59.999Z'); // Feb 28 2026 is a Saturday
  });

  // Informed on 25 June 2025: six months end on Thursday 25 December, Christmas everywhere; the 26th is
  // a public holiday in Germany, Ireland and the Netherlands (not in Belgium or France), then a weekend.
  it.each([
    ['BE', 'Europe/Brussels', '2025-12-26T22:59:59.999Z'],
    ['FR', 'Europe/Paris', '2025-12-26T22:59:59.999Z'],
    ['DE', 'Europe/Berlin', '2025-12-29T22:59:59.999Z'],
    ['IE', 'Europe/Dublin', '2025-12-29T23:59:59.999Z'],
    ['NL', 'Europe/Amsterdam', '2025-12-29T22:59:59.999Z'],
  ] as const)('moves the end past the public holidays of the Member State (%s)', (state, zone, end) => {
    expect(complaintWindowEnd('2025-06-25T10:00:00.000Z', zone, state)).toBe(end);
  });

  it('flags a notice under a pack its provider never declared, judging it all the same', () => {
    const usOnly = partyAt(['2025-01-01T00:00:00.000Z', act('party.registered', 'plat', { name: 'Plat', roles: ['provider'], providerKind: 'platform', packs: ['us-dmca'], publicKey: KEY })]);
    expect(judge([[T0, notice()]], day(1), usOnly).flags).toEqual(['PACK_NOT_DECLARED']);
    expect(judge([[T0, notice()]], day(1)).flags).toBeUndefined();
    expect(judge([[T0, notice()]], day(1), usOnly).obligations.map((o) => o.key)).toContain('EU.actOnKnowledge');
  });

  it('reads the Member State a provider registered, else the one of its time zone, else Belgium', () => {
    expect(memberStateOf(platformIn('Europe/Dublin', 'DE'), 'Europe/Dublin')).toEqual({ state: 'DE', derived: false });
    expect(memberStateOf(platform(), 'Europe/Dublin')).toEqual({ state: 'IE', derived: true });
    expect(memberStateOf(platform(), 'Asia/Tokyo')).toEqual({ state: 'BE', derived: true });
  });

  it('judges a complaint lodged on 29 December 2025 in time in Ireland, late in Belgium (informed 25 June)', () => {
    const lodged: [string, Act][] = [
      ['2025-06-24T09:00:00.000Z', notice()],
      ['2025-06-25T10:00:00.000Z', measureWithSor()],
      ['2025-12-29T12:00:00.000Z', act('complaint.lodged', 'user', { grounds: 'quotation' }, C)],
    ];
    const inIreland = ob(judge(lodged, '2026-02-01T00:00:00.000Z', platformIn('Europe/Dublin')), 'EU.complaintDecision');
    const inBelgium = ob(judge(lodged, '2026-02-01T00:00:00.000Z', platformIn('Europe/Brussels')), 'EU.complaintDecision');
    expect(inIreland?.status).not.toBe('not_applicable');
    expect(inBelgium).toMatchObject({ status: 'not_applicable', note: expect.stringContaining('out_of_window: lodged after 2025-12-26T22:59:59.999Z') });
  });
});

describe('eu-dsa: every obligation cites its article of the DSA', () => {
  it('cites Arts 16(4), 6(1)(b), 17(1), 16(5), 24(5), 20(4) and 20(6) (Regulation (EU) 2022/2065)', () => {
    const items: [string, Act][] = [
      [T0, notice()],
      [day(1), measureWithSor()],
      [day(2), act('complaint.lodged', 'user', { grounds: 'quotation' }, C)],
      [day(3), act('complaint.decided', 'plat', { outcome: 'upheld', humanReviewed: true, reasons: 'r' }, C)],
    ];
    const sources = Object.fromEntries(judge(items, day(10)).obligations.map((o) => [o.key, o.source]));
    expect(sources).toEqual({
      'EU.confirmReceipt': 'DSA Art 16(4)',
      'EU.actOnKnowledge': 'DSA Art 6(1)(b)',
      'EU.sor': 'DSA Art 17(1)',
      'EU.notifyNotifier': 'DSA Art 16(5)',
      'EU.tdbSubmit': 'DSA Art 24(5)',
      'EU.complaintDecision': 'DSA Art 20(4)',
      'EU.complaintHuman': 'DSA Art 20(6)',
    });
  });

  it('adds Art 22(1) for an accredited trusted flagger', () => {
    expect(ob(judge([[T0, notice()]], T0, platform(), flagger), 'EU.actOnKnowledge')?.source).toBe('DSA Art 6(1)(b), Art 22(1)');
  });
});
