import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { makeTempDir } from '../support/temp-dir.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harbor } from '../support/cli.js';
import { startLedger, type Harness } from '../support/harness.js';
import { TestParty, trustAnchor } from '../support/parties.js';
import { statuses, timedSteps } from '../support/scenario.js';
import { expectOfflineJudgementsEqualServer } from '../support/offline-judgement.js';

const COMMIT = `sha256:${'ab'.repeat(32)}`;
const EVIDENCE = 'cd'.repeat(32);
const cn = (date: string, hour = 10) => `${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;
const ny = (date: string, hour = 10) => `${date}T${String(hour + 5).padStart(2, '0')}:00:00.000Z`;
const aware = (provider: string, pack: string, item: string, source = 'own_detection') => ({ provider, pack, items: [{ locator: item }], source });

/**
 * Knowledge without a notice in each regime, a Chinese notice of 2019 judged under the Tort Law, a
 * court's attested record of a 2015 procedure, and one case judged under every regime — over HTTP,
 * the test clock running from 2019 to December 2026.
 */
describe('knowledge, the law in force, attested history and comparison over HTTP with the test clock', () => {
  let ledger: Harness;
  const holder = new TestParty('game-co', {});
  const cloud = new TestParty('cloud', {});
  const usHost = new TestParty('us-host', {});
  const euPlat = new TestParty('eu-plat', {});
  const jpBbs = new TestParty('jp-bbs', {});
  const court = new TestParty('ip-court', {});
  const AFTER = '2026-12-31T00:00:00.000Z';

  beforeAll(async () => {
    ledger = await startLedger({ env: { HARBOR_TEST_CLOCK_START: '2019-01-01T00:00:00.000Z' } });
    const { at, play } = timedSteps(ledger);
    const reg = (party: TestParty, data: Record<string, unknown>) => at('2019-01-02T00:00:00.000Z', party, 'party.registered', undefined, { ...data, publicKey: party.publicKey });
    reg(trustAnchor, { name: 'Registry of Accreditations', roles: ['authority'] });
    reg(holder, { name: 'Game Co', roles: ['rights_holder'] });
    reg(court, { name: 'IP Court', roles: ['authority'] });
    reg(cloud, { name: 'Cloud Servers', roles: ['provider'], providerKind: 'cloud', packs: ['cn-civil'] });
    reg(usHost, { name: 'US Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'] });
    reg(euPlat, { name: 'EU Platform', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'] });
    reg(jpBbs, { name: 'JP BBS', roles: ['provider'], providerKind: 'platform', packs: ['jp-plla'] });
    at('2019-01-02T00:00:01.000Z', trustAnchor, 'party.accredited', undefined, { party: court.id, status: 'authority' });

    // t1 (cn-civil, March 2019): a notice under the Tort Law; the cloud provider forwards it the same day.
    at(cn('2019-03-05'), holder, 'notice.submitted', 't1', { provider: 'cloud', pack: 'cn-civil', items: [{ locator: 'vm://cloud/4711' }], works: ['Game'], claimant: { name: 'Game Co', contact: COMMIT }, explanation: 'A private server of our game.', user: 'server-tenant' });
    at(cn('2019-03-05', 15), cloud, 'notice.forwarded', 't1', { user: 'server-tenant' });

    at('2026-11-30T00:00:00.000Z', usHost, 'provider.agent_designated', undefined, { registry: 'DMCA-7', designatedOn: '2026-11-30' });
    // k-us: found by the host itself on Wednesday 2 December; removed Tuesday 8th (due Friday 4th).
    at(ny('2026-12-02'), usHost, 'awareness.recorded', 'k-us', aware('us-host', 'us-dmca', 'https://us-host.example/1'));
    at(ny('2026-12-08'), usHost, 'measure.taken', 'k-us', { measure: 'removed', items: ['https://us-host.example/1'], basis: 'own_assessment' });
    // k-eu: the platform's own detection on Monday 7 December, never acted on (due Thursday 10th).
    at('2026-12-07T09:00:00.000Z', euPlat, 'awareness.recorded', 'k-eu', aware('eu-plat', 'eu-dsa', 'https://eu-plat.example/1'));
    // k-cn: the court records what the cloud provider was told; forwarding is its necessary measure.
    at(cn('2026-12-01'), court, 'awareness.recorded', 'k-cn', aware('cloud', 'cn-civil', 'vm://cloud/9', 'court'));
    at(cn('2026-12-01', 15), cloud, 'notice.forwarded', 'k-cn', { user: 'tenant-9' });
    // k-jp: a third party's report, which the court finds gave the board no knowledge.
    at('2026-12-01T01:00:00.000Z', jpBbs, 'awareness.recorded', 'k-jp', aware('jp-bbs', 'jp-plla', 'https://jp-bbs.example/1', 'third_party'));
    at('2026-12-02T01:00:00.000Z', court, 'finding.recorded', 'k-jp', { outcome: 'no_knowledge', reference: '令和8年(ワ)第1号' });

    // h1: the court records the 2015 procedure it judged: a notice the cloud provider received, not acted on.
    at(cn('2026-12-10'), court, 'history.attested', 'h1', {
      occurredAt: cn('2015-04-01'),
      act: { type: 'notice.received', actor: 'cloud', data: { provider: 'cloud', pack: 'cn-civil', notifier: 'game-co-2015', channel: 'mail', items: [{ locator: 'vm://cloud/2015' }], claimant: { name: 'Game Co', contact: COMMIT }, explanation: 'A private server of our game.' } },
      provenance: { reference: '(2017)京73民终1194号', evidence: [EVIDENCE] },
    });
    at(cn('2026-12-10', 11), court, 'finding.recorded', 'h1', { outcome: 'infringing', reference: '(2017)京73民终1194号' });
    await play();
    await ledger.setClock(AFTER);
  });
  afterAll(async () => ledger.close());

  it.each([
    ['k-us', { 'US.actOnAwareness': 'late' }, 'at_risk'],
    ['k-eu', { 'EU.actOnAwareness': 'missed' }, 'lost_for_item'],
    ['k-cn', { 'CN.actOnKnowledge': 'met' }, 'eligible'],
    ['k-jp', {}, 'eligible'],
  ])('knowledge without a notice, %s: %o, %s', async (caseId, expected, protection) => {
    expect(await statuses(ledger, caseId, AFTER)).toEqual(expected);
    expect((await ledger.http.get(`/v1/cases/${caseId}`)).body.protection.status).toBe(protection);
  });

  it('says when and how the provider knew', async () => {
    const k = (await ledger.http.get('/v1/cases/k-us')).body;
    expect(k.knowledge).toEqual({ at: ny('2026-12-02'), from: 'awareness', seq: expect.any(Number), note: 'aware: own detection' });
    expect(k.obligations[0]).toMatchObject({ key: 'US.actOnAwareness', byLocalDate: '2026-12-04', source: '17 U.S.C. §512(c)(1)(A)(ii)-(iii)' });
    expect((await ledger.http.get('/v1/cases/k-jp')).body.knowledge).toBeUndefined();
  });

  it('judges a notice of March 2019 under the Tort Law, where forwarding was the cloud provider’s necessary measure', async () => {
    const t1 = (await ledger.http.get('/v1/cases/t1')).body;
    expect(t1.pack).toBe('cn-civil@tort-2010.1');
    expect(t1.obligations.map((o: { key: string; status: string; byLocalDate: string }) => [o.key, o.status, o.byLocalDate])).toEqual([['CN.measure', 'met', '2019-03-06']]);
  });

  it('shows a 2015 procedure as attested history, judged from when it occurred', async () => {
    const h1 = (await ledger.http.get('/v1/cases/h1')).body;
    expect(h1.pack).toBe('cn-civil@tort-2010.1');
    expect(h1.timeline[0]).toMatchObject({
      type: 'notice.received',
      actor: 'cloud',
      at: cn('2015-04-01'),
      recordedAt: cn('2026-12-10'),
      attested: { by: 'ip-court', reference: '(2017)京73民终1194号', evidence: [EVIDENCE], occurredAt: cn('2015-04-01'), recordedAt: cn('2026-12-10') },
    });
    // A day for the measure (Thursday 2 April 2015): neither taken nor forwarded.
    expect(h1.obligations.map((o: { key: string; status: string; byLocalDate: string }) => [o.key, o.status, o.byLocalDate])).toEqual([['CN.measure', 'missed', '2015-04-02']]);
    // As the case stood in 2016, by when it occurred.
    expect(await statuses(ledger, 'h1', '2016-01-01T00:00:00.000Z')).toEqual({ 'CN.measure': 'missed' });
  });

  it('refuses history after a live act, and history that no authority attests', async () => {
    const late = court.act('history.attested', { occurredAt: cn('2015-05-01'), act: { type: 'measure.taken', actor: 'cloud', data: { measure: 'removed', items: ['vm://cloud/2015'], basis: 'notice' } }, provenance: { reference: 'r', evidence: [EVIDENCE] } }, { case: 'h1', at: AFTER });
    expect((await ledger.post(late)).body.error).toMatchObject({ code: 'invalid_state', rule: 'HistoryComesFirst' });
    const bySelf = cloud.act('history.attested', { occurredAt: cn('2015-05-01'), act: { type: 'notice.received', actor: 'cloud', data: { provider: 'cloud', pack: 'cn-civil', notifier: 'x' } }, provenance: { reference: 'r', evidence: [EVIDENCE] } }, { case: 'h2', at: AFTER });
    expect((await ledger.post(bySelf)).body.error).toMatchObject({ code: 'not_allowed', rule: 'ActorIsAccreditedAuthority' });
  });

  it('judges one record under every regime side by side, and they diverge', async () => {
    const res = await ledger.http.get('/v1/cases/k-cn/compare?packs=cn-civil,us-dmca,eu-dsa,jp-plla');
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.regimes.map((r: { pack: string; own: boolean; service: { role: string } }) => [r.pack, r.own, r.service.role])).toEqual([
      ['cn-civil@2026.2', true, 'basic_network'],
      ['us-dmca@2026.2', false, 'hosting'],
      ['eu-dsa@2026.2', false, 'hosting'],
      ['jp-plla@2026.2', false, 'hosting'],
    ]);
    // Forwarding is China's necessary measure for a cloud server; elsewhere only a removal is (and the US also wants an agent).
    expect(c.protection).toEqual({ 'cn-civil@2026.2': 'eligible', 'us-dmca@2026.2': 'lost_for_item', 'eu-dsa@2026.2': 'lost_for_item', 'jp-plla@2026.2': 'lost_for_item' });
    expect(c.agree).toBe(false);
    expect(c.regimes[2].service).toEqual({ kind: 'cloud', role: 'hosting', source: 'DSA Art 3(g)(iii), Recital 29 (cloud computing, web hosting)', basis: 'statutory' });
    expect((await ledger.http.get('/v1/cases/k-cn/compare?packs=cn-civil,nope')).body.error).toMatchObject({ code: 'schema', field: 'packs' });
  });

  it('harbor compare prints the regimes side by side and says they diverge; harbor show case marks attested history', async () => {
    await ledger.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
    const compared = await harbor(['compare', 'k-cn', '--packs', 'cn-civil,us-dmca', '--url', url]);
    expect(compared.code).toBe(0);
    expect(compared.out).toContain('judged under 2 regime(s) as of 2026-12-31T00:00:00.000Z: they diverge');
    expect(compared.out).toMatch(/cn-civil@2026\.2 \(the case’s own\) +cloud as basic_network +not_a_notice +CN\.actOnKnowledge met +eligible/);
    expect(compared.out).toMatch(/us-dmca@2026\.2 +cloud as hosting +not_a_notice +US\.actOnAwareness missed +lost for item/);
    expect(compared.out).toContain('OBLIGATION_MISSED US.actOnAwareness (17 U.S.C. §512(c)(1)(A)(ii)-(iii); this ledger\'s default)');
    expect((await harbor(['compare', 'k-cn', '--as-of', 'yesterday', '--url', url])).err).toMatch(/--as-of must be an RFC 3339 time/);
    const shown = await harbor(['show', 'case', 'h1', '--url', url]);
    expect(shown.out).toMatch(/notice\.received \(attested\) +attested by ip-court, \(2017\)京73民终1194号, recorded 2026-12-10/);
  });

  it('prints the attested history in the court file, as a clerk sees it in Chromium', async () => {
    const dir = makeTempDir();
    try {
      const bundle = join(dir.path, 'h1.json');
      writeFileSync(bundle, JSON.stringify((await ledger.http.get('/v1/cases/h1/bundle')).body));
      const html = join(dir.path, 'h1.html');
      const vkey = (await ledger.http.get('/v1/log/key')).body.vkey;
      expect((await harbor(['report', 'case', bundle, '--ledger-key', vkey, '--html', html])).code).toBe(0);
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1200 } });
        await page.goto(`file://${html}`);
        const attested = page.locator('tr.attested');
        expect(await attested.count()).toBe(1);
        expect(await attested.innerText()).toContain('notice.received (attested)');
        expect(await page.locator('text=Verdict under cn-civil@tort-2010.1').count()).toBe(1);
        mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
        await page.screenshot({ path: join(process.cwd(), 'test-results', 'attested-history.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('judges every case offline from its bundle as the server does (differential)', async () => {
    expect(await expectOfflineJudgementsEqualServer(ledger, ['2016-01-01T00:00:00.000Z', '2026-12-05T00:00:00.000Z', AFTER])).toBeGreaterThan(10);
  });
});
