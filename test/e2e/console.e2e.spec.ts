import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { startLedger, type Harness } from '../support/harness.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startWitness, type TestWitness } from '../support/witness.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { encodeBase64 } from '../../src/audit/encoding.js';
import { signedFetch } from '../../src/client/sign-request.js';
import type { TestParty } from '../support/parties.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-results');
/** axe-core itself, run in the page (its Playwright wrapper needs Node 22). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate('axe.run(document).then((r) => r.violations)') as Promise<AxeViolation[]>;
}

/** The console served by the ledger, driven in Debian's chromium: the case page and its check in the browser. */
describe('the console, in Chromium', () => {
  let ledger: Harness;
  let recorded: RecordedCase;
  let browser: Browser;
  let url: string;
  let vkey: string;
  let witness: TestWitness;
  const dataDir = makeTempDir();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    // A witness cosigns the ledger's checkpoints (it is given the ledger's key, made first).
    witness = await startWitness('witness.test/console', LedgerKey.loadOrCreate(dataDir.path, 'harbor-ledger.local/log').key.verifierKey);
    // Signed requests name the real URL (no HARBOR_PUBLIC_URL): the ledger rebuilds it from the Host header.
    ledger = await startLedger({ dataDir: dataDir.path, env: { HARBOR_PUBLIC_URL: '', HARBOR_WITNESSES: `${witness.vkey}@${witness.url}` } });
    recorded = await recordDmcaCase(ledger);
    vkey = (await ledger.http.get('/v1/log/key')).body.vkey;
    await ledger.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
    await witness?.app.close();
    dataDir.remove();
  });

  async function open(path: string): Promise<{ page: Page; requests: string[] }> {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 1400 } })).newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${url}${path}`);
    return { page, requests };
  }

  it('shows the case page: the timeline and the deadlines the API serves, the protection and its reasons', async () => {
    const api = (await ledger.http.get(`/v1/cases/${recorded.caseId}`)).body;
    const { page, requests } = await open(`/cases/${recorded.caseId}`);
    await page.locator('h1', { hasText: `Case ${recorded.caseId}` }).waitFor();
    expect(await page.title()).toBe(`Case ${recorded.caseId}: Safe Harbor Ledger`);
    expect(api.timeline.length).toBeGreaterThan(3);
    expect(await page.locator('section').first().locator('tbody tr').count()).toBe(api.timeline.length);
    expect(await page.locator('svg[role=img] rect').count()).toBe(api.obligations.filter((o: { by?: string }) => o.by).length);
    expect(await page.locator('.protection').innerText()).toBe(`Protection of the item: ${api.protection.status.replaceAll('_', ' ').toUpperCase()}`);
    expect(await page.locator('.lead').innerText()).toContain(`Judged under ${api.pack}`);
    // Everything from the ledger: no other origin was asked.
    expect(requests.filter((r) => !r.startsWith(url))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'console-case.png'), fullPage: true });
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('verifies the case’s bundle in the browser against the pinned key, each check passed', async () => {
    const { page } = await open(`/cases/${recorded.caseId}`);
    await page.locator('#ledger-key').fill(vkey);
    await page.locator('#verify-button').click();
    await page.locator('#verify-result .banner').waitFor();
    expect(await page.locator('#verify-result .banner').innerText()).toBe('Verification: VALID');
    expect(await page.locator('.checks .ok').count()).toBe(3);
    await page.screenshot({ path: join(SHOTS, 'console-verified.png'), fullPage: true });
  });

  it('lists the failures, with their codes, of a bundle tampered with on its way', async () => {
    const { page } = await open(`/cases/${recorded.caseId}`);
    await page.route('**/bundle', async (route) => {
      const bundle = await (await route.fetch()).json();
      // One character of an act's data changed: its leaf no longer matches the proof.
      bundle.entries[1].entry = bundle.entries[1].entry.replace('"data":{', '"data":{"x":1,');
      await route.fulfill({ json: bundle });
    });
    await page.locator('#ledger-key').fill(vkey);
    await page.locator('#verify-button').click();
    await page.locator('#verify-result .banner').waitFor();
    expect(await page.locator('#verify-result .banner').innerText()).toBe('Verification: INVALID');
    const codes = await page.locator('#verify-result tbody tr td:first-child').allInnerTexts();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => /^[A-Z_]+$/.test(c))).toBe(true);
  });

  it('refuses a key that is not one, saying what to paste', async () => {
    const { page } = await open(`/cases/${recorded.caseId}`);
    await page.locator('#ledger-key').fill('not-a-key');
    await page.locator('#verify-button').click();
    await page.locator('#verify-result .error').waitFor();
    expect(await page.locator('#verify-result').innerText()).toContain('That is not a ledger key');
  });

  it('verifies a dropped-in bundle and dossier in the browser, sending nothing; a tampered one fails with its codes', async () => {
    const dir = makeTempDir();
    try {
      const bundle = (await ledger.http.get(`/v1/cases/${recorded.caseId}/bundle`)).body;
      const files = {
        bundle: join(dir.path, 'bundle.json'),
        dossier: join(dir.path, 'dossier.json'),
        tampered: join(dir.path, 'tampered.json'),
      };
      writeFileSync(files.bundle, JSON.stringify(bundle));
      writeFileSync(files.dossier, JSON.stringify((await ledger.http.get(`/v1/providers/${recorded.host.id}/dossier`)).body));
      writeFileSync(files.tampered, JSON.stringify({ ...bundle, entries: bundle.entries.map((e: { entry: string }, i: number) => (i === 1 ? { ...e, entry: e.entry.replace('"data":{', '"data":{"x":1,') } : e)) }));
      const { page, requests } = await open('/verify');
      await page.locator('h1', { hasText: 'Verify a file' }).waitFor();
      const loaded = requests.length;
      const check = async (file: string) => {
        await page.setInputFiles('#file', file);
        await page.locator('#ledger-key').fill(vkey);
        await page.locator('button[type=submit]').click();
        await page.locator('#verify-result .banner').waitFor();
        return page.locator('#verify-result .banner').innerText();
      };
      expect(await check(files.bundle)).toBe('Verification: VALID');
      expect(await page.locator('#verify-result h1').innerText()).toBe(`Case ${recorded.caseId}`);
      await page.screenshot({ path: join(SHOTS, 'console-verify-file.png'), fullPage: true });
      expect(await check(files.dossier)).toBe('Verification: VALID');
      expect(await page.locator('#verify-result h1').innerText()).toBe(`Dossier of ${recorded.host.id}`);
      expect(await check(files.tampered)).toBe('Verification: INVALID');
      const codes = await page.locator('#verify-result tbody tr td:first-child').allInnerTexts();
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((c) => /^[A-Z_]+$/.test(c))).toBe(true);
      // Read, verified and judged here: nothing was asked of any server after the page loaded.
      expect(requests.slice(loaded)).toEqual([]);
    } finally {
      dir.remove();
    }
  });

  it('searches cases by provider and pages through them by cursor; links lead to the case and provider pages', async () => {
    // A second case at the same provider, so that a page of one has a next page.
    const second = recorded.holder.act('notice.submitted', { provider: recorded.host.id, pack: 'us-dmca', items: [{ locator: 'https://tube.example/v/second' }] }, { case: 'c-second' });
    expect((await ledger.post(second)).status).toBe(201);
    const api = (await ledger.http.get(`/v1/cases?provider=${recorded.host.id}`)).body;
    expect(api.total).toBe(2);
    const { page } = await open(`/search?provider=${recorded.host.id}&limit=1`);
    await page.locator('h1', { hasText: 'Search' }).waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(1);
    expect(await page.locator('h2', { hasText: 'Cases' }).innerText()).toContain('(2 found');
    expect(await page.locator('table.results tbody tr td:first-child').innerText()).toBe(api.items[0].id);
    await page.screenshot({ path: join(SHOTS, 'console-search.png'), fullPage: true });
    await page.locator('a.next').click();
    await page.locator('table.results').waitFor();
    expect(await page.locator('table.results tbody tr td:first-child').innerText()).toBe(api.items[1].id);
    expect(await page.locator('a.next').count()).toBe(0);
    // The form keeps the filter, by keyboard too.
    expect(await page.locator('#f-provider').inputValue()).toBe(recorded.host.id);
    await page.locator('table.results a', { hasText: recorded.host.id }).first().click();
    await page.locator('h2', { hasText: 'us-dmca@2026.2' }).waitFor();
  });

  it('shows the provider page: its standing per pack with every reason, as the API reports it', async () => {
    const api = (await ledger.http.get(`/v1/providers/${recorded.host.id}/compliance`)).body;
    const { page } = await open(`/providers/${recorded.host.id}`);
    await page.locator('h2', { hasText: 'us-dmca@2026.2' }).waitFor();
    const us = api.packs[0];
    expect(us.safeHarbor.reasons.length).toBeGreaterThan(0);
    expect(await page.locator('section').first().locator('.banner').innerText()).toBe(`Safe harbor: ${us.safeHarbor.status === 'eligible' ? 'ELIGIBLE' : us.safeHarbor.status === 'at_risk' ? 'AT RISK' : 'LOST FOR THE PERIOD'}`);
    expect(await page.locator('section').first().locator('ul li').count()).toBe(us.safeHarbor.reasons.length);
    // Readable: the banner's text is white on its colour (regression: an error style made it red on red).
    expect(await page.locator('section').first().locator('.banner').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    expect(await page.locator('section').first().locator('tbody tr').count()).toBe(Object.keys(us.obligations).length);
    // Duties over time: six weekly points, the last being now, whose counts are the report's.
    await page.locator('table.over-time').waitFor();
    expect(await page.locator('table.over-time tbody tr').count()).toBe(6);
    const last = await page.locator('table.over-time tbody tr').last().locator('td').allInnerTexts();
    const sum = (status: string) => Object.values(us.obligations as Record<string, Record<string, number>>).reduce((n, t) => n + (t[status] ?? 0), 0);
    expect(sum('met')).toBeGreaterThan(0);
    expect(last.slice(1).map(Number)).toEqual(['met', 'late', 'missed', 'early', 'pending', 'not_applicable'].map(sum));
    expect(await page.locator('#duties-over-time svg rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'console-provider.png'), fullPage: true });
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('moves through time with the as-of slider, and through the page by keyboard', async () => {
    const { page } = await open(`/cases/${recorded.caseId}`);
    await page.locator('.protection').waitFor();
    const first = await page.locator('#as-of-day').getAttribute('data-first');
    // The slider at its start: the page shows the case as it stood at the end of its first day.
    await page.locator('#as-of-day').fill('0');
    await page.waitForURL(`**/cases/${recorded.caseId}?asOf=${first}`);
    await page.locator('.lead').waitFor();
    expect(await page.locator('.lead').innerText()).toContain(`as of ${first}T23:59:59.999Z`);
    expect(await page.locator('#as-of').inputValue()).toBe(first);
    // Keyboard: the first Tab reaches the skip link, which takes focus to the page itself.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to the page');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('as-of-day');
  });

  it('signs in with a key file read in the browser: the entitled party sees its personal data, others and the unsigned do not', async () => {
    const dir = makeTempDir();
    try {
      const keyFile = (party: TestParty) => {
        const path = join(dir.path, `${party.id}.key.json`);
        writeFileSync(path, JSON.stringify({ publicKey: party.publicKey, secretKey: encodeBase64(party.keys.secretKey) }));
        return path;
      };
      const { page, requests } = await open(`/cases/${recorded.caseId}`);
      await page.locator('#personal a', { hasText: 'Sign in' }).waitFor();
      expect(await page.locator('#personal').innerText()).not.toContain(recorded.contact);
      await page.locator('#personal a', { hasText: 'Sign in' }).click();
      await page.locator('#party').fill(recorded.holder.id);
      await page.setInputFiles('#key-file', keyFile(recorded.holder));
      await page.locator('#sign-in button[type=submit]').click();
      // Back on the case, signed: the holder reads the contact it committed itself.
      await page.locator('table.disclosed').waitFor();
      expect(await page.locator('table.disclosed').innerText()).toContain(recorded.contact);
      expect(await page.locator('.bar a.who').innerText()).toBe(`Signed in as ${recorded.holder.id}`);
      await page.screenshot({ path: join(SHOTS, 'console-signed-in.png'), fullPage: true });
      // The key file itself was never sent: no request carried its secret.
      expect(requests.filter((r) => r.includes(encodeURIComponent(encodeBase64(recorded.holder.keys.secretKey))))).toEqual([]);
      const log = await signedFetch(`${url}/v1/access-log?case=${recorded.caseId}`, { signer: { partyId: recorded.holder.id, secretKey: recorded.holder.keys.secretKey } });
      const releases = ((await log.json()) as { items: { reader: string; path: string }[] }).items;
      expect(releases.some((r) => r.reader === recorded.holder.id && r.path === 'data.claimant.contact')).toBe(true);
      // Another party (the host) may not read the holder's contact.
      await page.goto(`${url}/sign-in`);
      await page.locator('#party').fill(recorded.host.id);
      await page.setInputFiles('#key-file', keyFile(recorded.host));
      await page.locator('#sign-in button[type=submit]').click();
      await page.locator('#sign-in-result', { hasText: 'Signed in as' }).waitFor();
      await page.goto(`${url}/cases/${recorded.caseId}`);
      await page.locator('#personal p').first().waitFor();
      expect(await page.locator('#personal').innerText()).not.toContain(recorded.contact);
      expect(await page.locator('#personal').innerText()).toContain(`None of this case's personal data is for ${recorded.host.id} to read`);
      // A key file that is not one is refused, saying what it must be.
      await page.goto(`${url}/sign-in`);
      await page.locator('#party').fill('anyone');
      const bad = join(dir.path, 'bad.json');
      writeFileSync(bad, '{"publicKey": "AAAA"}');
      await page.setInputFiles('#key-file', bad);
      await page.locator('#sign-in button[type=submit]').click();
      // The file is read asynchronously: wait for the answer (regression: read before it came, CI saw '').
      await page.locator('#sign-in-result p.error').waitFor();
      expect(await page.locator('#sign-in-result').innerText()).toContain('not a harbor key file');
    } finally {
      dir.remove();
    }
  });

  it.each([
    ['the log', '/', 'The log'],
    ['search', '/search', 'Search'],
    ['verify a file', '/verify', 'Verify a file'],
    ['sign in', '/sign-in', 'Sign in'],
  ])('has no serious or critical accessibility violation on %s', async (_name, path, heading) => {
    const { page } = await open(path);
    await page.locator('h1', { hasText: heading }).waitFor();
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('serves its assets compressed, under 300 KB on the wire, with its own content security policy', async () => {
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${url}/console/app.js`, { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(Number(res.headers.get('content-length'))).toBeLessThan(300_000);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      // Read every body: one left unread holds its connection open, and the ledger's close waits for it.
      // (fetch decompresses: the script is larger than what crossed the wire).
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(Number(res.headers.get('content-length')));
    }
    const page = await fetch(`${url}/cases/anything`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<main');
    const missing = await fetch(`${url}/console/nope.js`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it('opens on the log: its size, its checkpoints over time, the key to pin, the cases linked to their pages', async () => {
    // Two more checkpoints (a bundle signs a fresh one): the history has several points.
    for (const grounds of ['first', 'second']) {
      expect((await ledger.post(recorded.user.caseAct('complaint.lodged', recorded.caseId, { grounds }))).status).toBe(201);
      await ledger.http.get(`/v1/cases/${recorded.caseId}/bundle`);
    }
    const history = (await ledger.http.get('/v1/log/checkpoints?limit=50')).body as { items: { size: number; root: string }[] };
    expect(history.items.length).toBeGreaterThan(2);
    const { page } = await open('/');
    await page.locator('h1', { hasText: 'The log' }).waitFor();
    expect(await page.locator('code', { hasText: vkey }).count()).toBe(1);
    const sizes = await page.locator('table.checkpoints tbody tr td:first-child').allInnerTexts();
    expect(sizes.map(Number)).toEqual(history.items.map((c) => c.size));
    expect(await page.locator('svg.growth circle').count()).toBe(history.items.length);
    // The latest checkpoint's cosignatures, as the API lists them.
    const latest = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body as { cosignatures: { witness: string }[] };
    expect(latest.cosignatures.map((c) => c.witness)).toEqual(['witness.test/console']);
    expect(await page.locator('tr', { hasText: 'Witnesses' }).locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^witness\.test\/console, cosigned \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)]);
    await page.screenshot({ path: join(SHOTS, 'console-log.png'), fullPage: true });
    await page.locator(`a[href="/cases/${recorded.caseId}"]`).click();
    await page.locator('h1', { hasText: `Case ${recorded.caseId}` }).waitFor();
  });

  it('pages back through older checkpoints', async () => {
    const history = (await ledger.http.get('/v1/log/checkpoints?limit=50')).body as { items: { size: number }[] };
    const before = history.items[1].size;
    const { page } = await open(`/?before=${before}`);
    await page.locator('table.checkpoints').waitFor();
    const sizes = await page.locator('table.checkpoints tbody tr td:first-child').allInnerTexts();
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.map(Number)).toEqual(history.items.slice(2).map((c) => c.size));
    await page.locator('a.newer').click();
    await page.locator('table.checkpoints').waitFor();
    expect(Number(await page.locator('table.checkpoints tbody tr td:first-child').first().innerText())).toBe(history.items[0].size);
  });
});
