import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, type Harness } from '../support/harness.js';
import { TestParty, trustAnchor } from '../support/parties.js';
import { statuses, timedSteps } from '../support/scenario.js';
import { expectOfflineJudgementsEqualServer } from '../support/offline-judgement.js';

const COMMIT = `sha256:${'ab'.repeat(32)}`;
const EVIDENCE = 'cd'.repeat(32);
const cnNotice = (provider: string, pack: string, item: string, user?: string, complete = true) => ({
  provider,
  pack,
  works: ['Registered trademark 12345'],
  items: [{ locator: item }],
  claimant: { name: 'Brand Co', contact: COMMIT, address: COMMIT },
  ...(complete ? { evidence: [EVIDENCE] } : {}),
  ...(user ? { user } : {}),
});
const jpNotice = (provider: string, pack: string, item: string) => ({ provider, pack, works: ['Photograph No. 7'], items: [{ locator: item }], explanation: 'Posted without permission.', user: 'jp-poster' });

/**
 * China and Japan over HTTP with the test clock, in December 2026: every obligation key of the
 * cn-civil, cn-ecom, cn-rndi, jp-plla and jp-idpa packs met, late, missed, early or not applicable.
 */
describe('China and Japan packs over HTTP with the test clock', () => {
  let ledger: Harness;
  const brand = new TestParty('brand', {});
  const admin = new TestParty('nca', {});
  const court = new TestParty('tokyo-court', {});
  const shop = new TestParty('shop', {});
  const cloud = new TestParty('cloud', {});
  const disk = new TestParty('disk', {});
  const merchant = new TestParty('merchant', {});
  const bbs = new TestParty('bbs', {});
  const sns = new TestParty('sns', {});
  const poster = new TestParty('jp-poster', {});
  const holder = new TestParty('jp-holder', {});
  // The test clock starts before the scenario's first act, whatever the real date, and moves forward only.
  const SCENARIO_START = '2026-01-01T00:00:00.000Z';
  const AFTER = '2027-02-20T00:00:00.000Z';

  beforeAll(async () => {
    ledger = await startLedger({ env: { HARBOR_TEST_CLOCK_START: SCENARIO_START } });
    const { at, play } = timedSteps(ledger);
    const cn = (date: string, hour = 10) => `${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;
    const jp = (date: string, hour = 10) => `${date}T${String(hour - 9).padStart(2, '0')}:00:00.000Z`;
    const reg = (party: TestParty, data: Record<string, unknown>) => at('2026-11-30T00:00:00.000Z', party, 'party.registered', undefined, { ...data, publicKey: party.publicKey });
    reg(brand, { name: 'Brand Co', roles: ['rights_holder'] });
    reg(holder, { name: 'Photo Holder', roles: ['rights_holder'] });
    reg(admin, { name: 'National Copyright Administration', roles: ['authority'] });
    reg(court, { name: 'Tokyo District Court', roles: ['authority'] });
    reg(shop, { name: 'Shop Platform', roles: ['provider'], providerKind: 'platform', packs: ['cn-ecom'] });
    reg(cloud, { name: 'Cloud IaaS', roles: ['provider'], providerKind: 'basic_network', packs: ['cn-civil'] });
    reg(disk, { name: 'Net Disk', roles: ['provider'], providerKind: 'hosting', packs: ['cn-rndi'] });
    reg(merchant, { name: 'Merchant', roles: ['user'] });
    reg(bbs, { name: 'BBS', roles: ['provider'], providerKind: 'platform', packs: ['jp-plla'] });
    reg(sns, { name: 'Big SNS', roles: ['provider'], providerKind: 'platform', packs: ['jp-idpa'], flags: { largePlatform: true } });
    reg(poster, { name: 'Poster', roles: ['user'] });
    // The administration and the court earn their power from the deployment's trust anchor.
    reg(trustAnchor, { name: 'Registry of Accreditations', roles: ['authority'] });
    for (const authority of [admin, court]) at('2026-11-30T00:00:01.000Z', trustAnchor, 'party.accredited', undefined, { party: authority.id, status: 'authority' });

    // k1 (cn-ecom): measure and forward in time; declaration forwarded; restored the day after the 15-day wait.
    at(cn('2026-12-01'), brand, 'notice.submitted', 'k1', cnNotice('shop', 'cn-ecom', 'https://shop.example/1', 'merchant'));
    at(cn('2026-12-01', 15), shop, 'measure.taken', 'k1', { measure: 'removed', items: ['https://shop.example/1'], basis: 'notice' });
    at(cn('2026-12-01', 16), shop, 'notice.forwarded', 'k1', { user: 'merchant' });
    at(cn('2026-12-01', 17), shop, 'reasons.published', 'k1', { reference: 'https://shop.example/notices/k1' });
    at(cn('2026-12-03'), merchant, 'counter_notice.submitted', 'k1', { evidence: [EVIDENCE] });
    at(cn('2026-12-03', 12), shop, 'reasons.published', 'k1', { reference: 'https://shop.example/notices/k1#declaration' });
    at(cn('2026-12-04'), shop, 'counter_notice.forwarded', 'k1');
    at(cn('2026-12-22'), shop, 'measure.lifted', 'k1', { items: ['https://shop.example/1'], reason: 'counter_notice' });
    // k2 (cn-ecom): measure late, forward missed; restored during the wait (early).
    at(cn('2026-12-01'), brand, 'notice.submitted', 'k2', cnNotice('shop', 'cn-ecom', 'https://shop.example/2', 'merchant'));
    at(cn('2026-12-04'), shop, 'measure.taken', 'k2', { measure: 'removed', items: ['https://shop.example/2'], basis: 'notice' });
    at(cn('2026-12-05'), merchant, 'counter_notice.submitted', 'k2', {});
    at(cn('2026-12-07'), shop, 'counter_notice.forwarded', 'k2');
    at(cn('2026-12-10'), shop, 'measure.lifted', 'k2', { items: ['https://shop.example/2'], reason: 'counter_notice' });
    // k3 (cn-ecom): materials missing, contact missed.
    at(cn('2026-12-02'), brand, 'notice.submitted', 'k3', cnNotice('shop', 'cn-ecom', 'https://shop.example/3', 'merchant', false));
    // k4 (cn-civil, basic network): forwarding is the measure; an administrative request answered late.
    at(cn('2026-12-02'), brand, 'notice.submitted', 'k4', cnNotice('cloud', 'cn-civil', 'https://cloud.example/vm/4', 'merchant'));
    at(cn('2026-12-02', 15), cloud, 'notice.forwarded', 'k4', { user: 'merchant' });
    at(cn('2026-12-03'), admin, 'disclosure.requested', 'k4', { route: 'admin_request', about: 'merchant', returnDate: '2026-12-08' });
    at(cn('2026-12-10'), cloud, 'disclosure.granted', 'k4', { disclosed: COMMIT });
    // k5 (cn-rndi): user unreachable, the notice published; a lawsuit keeps the measure.
    at(cn('2026-12-02'), brand, 'notice.submitted', 'k5', cnNotice('disk', 'cn-rndi', 'https://disk.example/f/5'));
    at(cn('2026-12-02', 12), disk, 'measure.taken', 'k5', { measure: 'removed', items: ['https://disk.example/f/5'], basis: 'notice' });
    at(cn('2026-12-02', 13), disk, 'notice.forwarded', 'k5', { published: true });
    at(cn('2026-12-03'), disk, 'notice.forwarded', 'k5', { user: 'merchant' });
    at(cn('2026-12-04'), merchant, 'counter_notice.submitted', 'k5', { evidence: [EVIDENCE] });
    at(cn('2026-12-04', 15), disk, 'counter_notice.forwarded', 'k5');
    at(cn('2026-12-14'), brand, 'action.filed', 'k5', { forum: 'court', reference: '(2026)沪0104民初9号' });
    // k6 (cn-civil): a declaration forwarded on 23 December 2026, so the wait runs into 2027, a year with no
    // State Council schedule shipped: weekends alone count there; restored in time, the item stays eligible.
    at(cn('2026-12-20'), holder, 'notice.submitted', 'k6', cnNotice('cloud', 'cn-civil', 'https://cloud.example/vm/6', 'merchant'));
    at(cn('2026-12-20', 14), cloud, 'measure.taken', 'k6', { measure: 'removed', items: ['https://cloud.example/vm/6'], basis: 'notice' });
    at(cn('2026-12-20', 15), cloud, 'notice.forwarded', 'k6', { user: 'merchant' });
    at(cn('2026-12-21'), merchant, 'counter_notice.submitted', 'k6', { evidence: [EVIDENCE] });
    at(cn('2026-12-23'), cloud, 'counter_notice.forwarded', 'k6');
    at(cn('2027-01-08'), cloud, 'measure.lifted', 'k6', { items: ['https://cloud.example/vm/6'], reason: 'counter_notice' });

    // j1 (jp-plla): sender inquiry, no objection, removal after day 7 — shielded.
    at(jp('2026-12-01'), holder, 'notice.submitted', 'j1', jpNotice('bbs', 'jp-plla', 'https://bbs.example/1'));
    at(jp('2026-12-02'), bbs, 'sender.inquired', 'j1');
    at(jp('2026-12-10'), bbs, 'measure.taken', 'j1', { measure: 'removed', items: ['https://bbs.example/1'], basis: 'sender_consent' });
    // j2 (jp-plla): removal on day 3 with no consent — early, no shield; a disclosure decided without hearing.
    at(jp('2026-12-01'), holder, 'notice.submitted', 'j2', jpNotice('bbs', 'jp-plla', 'https://bbs.example/2'));
    at(jp('2026-12-02'), bbs, 'sender.inquired', 'j2');
    at(jp('2026-12-05'), bbs, 'measure.taken', 'j2', { measure: 'removed', items: ['https://bbs.example/2'], basis: 'notice' });
    at(jp('2026-12-06'), holder, 'disclosure.requested', 'j2', { route: 'jp_art5_request', about: 'jp-poster' });
    at(jp('2026-12-08'), bbs, 'disclosure.granted', 'j2', { disclosed: COMMIT });
    // j3 (jp-idpa, large): requester told of consultation in time; opinion heard; a court order disclosed after it became final.
    at(jp('2026-12-01'), holder, 'notice.submitted', 'j3', jpNotice('sns', 'jp-idpa', 'https://sns.example/3'));
    at(jp('2026-12-04'), sns, 'decision.notified', 'j3', { decision: 'consulting_sender' });
    at(jp('2026-12-05'), holder, 'disclosure.requested', 'j3', { route: 'jp_art5_request', about: 'jp-poster' });
    at(jp('2026-12-06'), sns, 'disclosure.opinion_requested', 'j3');
    at(jp('2026-12-12'), poster, 'disclosure.opinion_given', 'j3', { consents: false, reasons: 'fair quotation' });
    at(jp('2026-12-20'), sns, 'disclosure.refused', 'j3', { reasons: 'not evident' });
    at(jp('2027-01-05'), court, 'finding.recorded', 'j3', { outcome: 'disclosure_ordered', reference: '令和8年(発チ)第3号' });
    at(jp('2027-02-08'), sns, 'disclosure.granted', 'j3', { disclosed: COMMIT });
    // j4 (jp-idpa, large): no notice to the requester within 7 days.
    at(jp('2026-12-01'), holder, 'notice.submitted', 'j4', jpNotice('sns', 'jp-idpa', 'https://sns.example/4'));
    await play();
    await ledger.setClock(AFTER);
  });
  afterAll(async () => ledger.close());

  it.each([
    // E-Commerce Law Art 44: k1 made the notice and the declaration public the same day, k2 never.
    ['k1', { 'CN.forward': 'met', 'CN.measure': 'met', 'CN.publishNotice': 'met', 'CN.publishDeclaration': 'met', 'CN.terminate': 'met' }],
    ['k2', { 'CN.forward': 'missed', 'CN.measure': 'late', 'CN.publishNotice': 'missed', 'CN.publishDeclaration': 'missed', 'CN.terminate': 'early' }],
    ['k3', { 'CN.deficiencyContact': 'missed' }],
    ['k4', { 'CN.forward': 'met', 'CN.measure': 'met', 'CN.adminRequest': 'late' }],
    ['k5', { 'CN.forward': 'met', 'CN.publish': 'met', 'CN.measure': 'met', 'CN.terminate': 'not_applicable' }],
    ['j1', { 'JP.senderInquiryWait': 'met' }],
    ['j2', { 'JP.senderInquiryWait': 'early', 'JP.opinionHearing': 'missed' }],
    ['j3', { 'JP.idpaNotify': 'met', 'JP.opinionHearing': 'met', 'JP.disclosureAfterFinal': 'met' }],
    ['j4', { 'JP.idpaNotify': 'missed' }],
  ])('case %s: %o', async (caseId, expected) => {
    expect(await statuses(ledger, caseId, AFTER)).toEqual(expected);
  });

  it('says where days were assumed: on the case, and on the provider’s standing though the item is eligible', async () => {
    const k6 = (await ledger.http.get('/v1/cases/k6')).body;
    // Day 15 after Wednesday 23 December is Thursday 7 January 2027 (weekends alone): restored on the 8th, in time.
    expect(k6.obligations.find((o: { key: string }) => o.key === 'CN.terminate')).toMatchObject({ status: 'met', note: 'wait ends 2027-01-07' });
    const assumed = { code: 'CALENDAR_ASSUMED', source: 'this ledger: weekends alone counted where the official working-day calendar is not shipped (JURISDICTIONS.md §0.5)', basis: 'default' };
    expect(k6.protection).toEqual({ status: 'eligible', reasons: [assumed] });
    const cloudReport = (await ledger.http.get('/v1/providers/cloud/compliance')).body.packs[0];
    expect(cloudReport.safeHarbor.reasons).toContainEqual({ ...assumed, count: 1 });
    // As the case stood: before the declaration was forwarded no window reached 2027; the day after, one did.
    const codes = async (asOf: string) => (await ledger.http.get(`/v1/providers/cloud/compliance?asOf=${asOf}`)).body.packs[0].safeHarbor.reasons.map((r: { code: string }) => r.code);
    expect(await codes('2026-12-21T00:00:00.000Z')).not.toContain('CALENDAR_ASSUMED');
    expect(await codes('2026-12-24T00:00:00.000Z')).toContain('CALENDAR_ASSUMED');
  });

  it('names the pack version and the legal time zone', async () => {
    const k1 = (await ledger.http.get('/v1/cases/k1')).body;
    expect(k1.pack).toBe('cn-ecom@2026.2');
    const terminate = k1.obligations.find((o: { key: string }) => o.key === 'CN.terminate');
    // Forwarded on Friday 12-04: day 15 is Saturday 12-19, so the wait ends Monday 12-21 (Art 203).
    expect(terminate).toMatchObject({ timeZone: 'Asia/Shanghai', fromLocalDate: '2026-12-22', byLocalDate: '2026-12-22', note: 'wait ends 2026-12-21' });
    const j3 = (await ledger.http.get('/v1/cases/j3')).body;
    expect(j3.pack).toBe('jp-idpa@2026.2');
    expect(j3.obligations.find((o: { key: string }) => o.key === 'JP.disclosureAfterFinal')).toMatchObject({ timeZone: 'Asia/Tokyo', note: 'objection period ends 2027-02-05' });
  });

  it('reports compliance and notifier conduct under the China and Japan packs', async () => {
    const shopReport = (await ledger.http.get('/v1/providers/shop/compliance')).body.packs[0];
    expect(shopReport.pack).toBe('cn-ecom@2026.2');
    expect(shopReport.obligations['CN.measure']).toMatchObject({ met: 1, late: 1 });
    const sns = (await ledger.http.get('/v1/providers/sns/compliance')).body.packs[0];
    expect(sns.obligations['JP.idpaNotify']).toMatchObject({ met: 1, missed: 1 });
    const conduct = (await ledger.http.get('/v1/notifiers/brand/conduct')).body;
    expect(conduct).toMatchObject({ notices: 5, valid: 4, deficient: 1 });
  });

  it('judges every case offline from its bundle as the server does, at several times (differential)', async () => {
    expect(await expectOfflineJudgementsEqualServer(ledger, ['2026-12-05T00:00:00.000Z', '2027-01-10T12:00:00.000Z', AFTER])).toBeGreaterThan(10);
  });
});
