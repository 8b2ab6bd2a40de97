import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const C = 'c-old';
const ITEM = 'https://host.example/1';
const COMMIT = `sha256:${'ab'.repeat(32)}`;

const host = (pack: string, kind = 'platform', flags: Record<string, boolean> = {}) =>
  partyAt(['2001-01-01T00:00:00.000Z', act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: kind, packs: [pack], publicKey: KEY, flags })]);
const notice = (pack: string, data: Record<string, unknown> = {}) =>
  act('notice.submitted', 'holder', { provider: 'host', pack, items: [{ locator: ITEM }], works: ['W'], claimant: { name: 'Holder', contact: COMMIT }, explanation: 'copied', ...data }, C);
const judge = (pack: string, items: [string, Act][], asOf: string, provider = host(pack)) => judgeCase({ caseId: C, recorded: timeline(...items), asOf, provider })!;

describe('China before the Civil Code: Tort Law Art 36 (1 July 2010 - 31 December 2020)', () => {
  // Tuesday 5 March 2019, 10:00 in Shanghai.
  const T = '2019-03-05T02:00:00.000Z';

  it('a notice with the notifier’s identity, the location and the reasons is valid (SPC 2014 Provisions Art 5); the only duty is the timely measure', () => {
    const j = judge('cn-civil', [[T, notice('cn-civil')]], '2019-03-07T00:00:00.000Z');
    expect(j.pack).toBe('cn-civil@tort-2010.1');
    expect(j.assessment.elements.map((e) => `${e.key} ${e.source}`)).toEqual([
      'identity SPC Provisions on personal-rights network disputes (2014) Art 5(1)',
      'location SPC Provisions on personal-rights network disputes (2014) Art 5(2)',
      'reasons SPC Provisions on personal-rights network disputes (2014) Art 5(3)',
    ]);
    // No forwarding duty in the Tort Law: a day for the measure (Wed 6 March), missed, the item lost.
    expect(j.obligations.map((o) => [o.key, o.source, o.byLocalDate, o.status])).toEqual([
      ['CN.measure', 'Tort Law Art 36 ¶2; SPC Provisions on network dissemination disputes (2012) Art 14', '2019-03-06', 'missed'],
    ]);
    expect(j.protection.status).toBe('lost_for_item');
  });

  it('a notice without its reasons fixes no knowledge (incomplete): nothing to ask for, no duty', () => {
    const j = judge('cn-civil', [[T, notice('cn-civil', { explanation: undefined })]], '2019-03-07T00:00:00.000Z');
    expect(j.assessment).toMatchObject({ status: 'incomplete', missing: ['reasons'] });
    expect(j.obligations).toEqual([]);
  });

  it('the Tort Law had no counter-notice wait: a declaration creates no restoration duty', () => {
    const items: [string, Act][] = [
      [T, notice('cn-civil', { user: 'u' })],
      ['2019-03-05T04:00:00.000Z', act('measure.taken', 'host', { measure: 'removed', items: [ITEM], basis: 'notice' }, C)],
      ['2019-03-06T02:00:00.000Z', act('counter_notice.submitted', 'u', {}, C)],
      ['2019-03-06T03:00:00.000Z', act('counter_notice.forwarded', 'host', {}, C)],
    ];
    expect(judge('cn-civil', items, '2019-05-01T00:00:00.000Z').obligations.map((o) => [o.key, o.status])).toEqual([['CN.measure', 'met']]);
  });

  it('knowledge under the Tort Law: Art 36 ¶3', () => {
    const aware = act('awareness.recorded', 'host', { provider: 'host', pack: 'cn-civil', items: [{ locator: ITEM }], source: 'own_detection' }, C);
    expect(judge('cn-civil', [[T, aware]], '2019-03-05T03:00:00.000Z').obligations[0]).toMatchObject({ key: 'CN.actOnKnowledge', source: 'Tort Law Art 36 ¶3; SPC Provisions on network dissemination disputes (2012) Art 9' });
  });
});

describe('the EU before the DSA: E-Commerce Directive Art 14 (17 January 2002 - 16 February 2024)', () => {
  // Monday 6 March 2023, 10:00 in Brussels.
  const T = '2023-03-06T09:00:00.000Z';

  it('acting on a precise and substantiated notice is the only duty: no receipt, statement of reasons or complaint duties yet', () => {
    const j = judge('eu-dsa', [[T, notice('eu-dsa')], ['2023-03-10T09:00:00.000Z', act('measure.taken', 'host', { measure: 'removed', items: [ITEM], basis: 'notice' }, C)]], '2023-04-01T00:00:00.000Z');
    expect(j.pack).toBe('eu-dsa@ecd-2002.1');
    // Three days (a default of national practice): Thursday 9 March; removed Friday 10th, late.
    expect(j.obligations.map((o) => [o.key, o.source, o.byLocalDate, o.status])).toEqual([['EU.actOnKnowledge', 'E-Commerce Directive Art 14(1)(b)', '2023-03-09', 'late']]);
    expect(j.dueDiligence).toBeUndefined();
    expect(j.assessment.elements.map((e) => e.basis)).toEqual(['case_law', 'case_law']);
  });

  it('an imprecise notice (no location) gives no knowledge', () => {
    const j = judge('eu-dsa', [[T, notice('eu-dsa', { items: [] })]], '2023-04-01T00:00:00.000Z');
    expect(j.assessment).toMatchObject({ status: 'incomplete', missing: ['location'] });
    expect(j.obligations).toEqual([]);
  });
});

describe('Japan: the IDPA’s large-provider duties only from 1 April 2025', () => {
  it.each([
    // 31 March 2025, 10:00 in Tokyo: the PLLA alone.
    ['2025-03-31T01:00:00.000Z', 'jp-idpa@plla-2022.1', []],
    // 1 April 2025, 10:00 in Tokyo: the 7-day notice to the requester (Tue 8 April).
    ['2025-04-01T01:00:00.000Z', 'jp-idpa@2026.2', [['JP.idpaNotify', '2025-04-08']]],
  ])('a request received at %s is judged under %s', (at, version, duties) => {
    const j = judge('jp-idpa', [[at, notice('jp-idpa')]], '2025-05-01T00:00:00.000Z', host('jp-idpa', 'platform', { largePlatform: true }));
    expect(j.pack).toBe(version);
    expect(j.obligations.map((o) => [o.key, o.byLocalDate])).toEqual(duties);
  });
});
