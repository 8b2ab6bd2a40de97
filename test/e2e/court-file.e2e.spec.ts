import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { harbor } from '../support/cli.js';
import { startLedger, type Harness } from '../support/harness.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Debian's chromium (apt-get install chromium), driven by playwright-core: never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the court file (harbor report case --html), as a clerk sees it in Chromium', () => {
  const dir = makeTempDir();
  let ledger: Harness;
  let recorded: RecordedCase;
  let browser: Browser;
  let vkey: string;
  const bundleFile = join(dir.path, 'bundle.json');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    ledger = await startLedger();
    recorded = await recordDmcaCase(ledger);
    vkey = (await ledger.http.get('/v1/log/key')).body.vkey;
    writeFileSync(bundleFile, JSON.stringify((await ledger.http.get(`/v1/cases/${recorded.caseId}/bundle`)).body));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
    dir.remove();
  });

  it('renders a valid bundle into one self-contained, readable page, and keeps its screenshot', async () => {
    const html = join(dir.path, 'court.html');
    const out = await harbor(['report', 'case', bundleFile, '--ledger-key', vkey, '--html', html]);
    expect([out.code, out.out]).toEqual([0, `court file written to ${html} (VALID)`]);
    expect(readFileSync(html, 'utf8')).not.toMatch(/<script|<link|src="http|href="http/);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${html}`);
    expect(await page.title()).toBe(`Case ${recorded.caseId}: court file`);
    expect(await page.locator('.banner').innerText()).toBe('Verification: VALID');
    expect(await page.locator('section').first().locator('tbody tr').count()).toBe(7);
    expect(await page.locator('svg[role=img] rect').count()).toBe(4);
    expect(await page.locator('text=Verdict under us-dmca@2026.2').count()).toBe(1);
    expect(await page.locator('.protection').innerText()).toBe('Protection of the item: LOST FOR ITEM');
    // Nothing wider than the page, nothing fetched: the file stands alone.
    // Runs in the page (no DOM types here): the document is no wider than the window.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(requests).toEqual([`file://${html}`]);
    const shots = join(process.cwd(), 'test-results');
    mkdirSync(shots, { recursive: true });
    const png = await page.screenshot({ path: join(shots, 'court-file.png'), fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('shows an altered bundle as INVALID with every failure, and no verdict', async () => {
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));
    bundle.entries[1].entry = bundle.entries[1].entry.replace('"user-42"', '"user-43"');
    const tampered = join(dir.path, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(bundle));
    const html = join(dir.path, 'tampered.html');
    expect((await harbor(['report', 'case', tampered, '--ledger-key', vkey, '--html', html])).code).toBe(1);
    const page = await browser.newPage();
    await page.goto(`file://${html}`);
    expect(await page.locator('.banner').innerText()).toBe('Verification: INVALID');
    expect(await page.locator('text=Why the bundle is not valid').count()).toBe(1);
    expect(await page.locator('text=Verdict under').count()).toBe(0);
    await page.close();
  });

  it('renders a provider dossier: the standing per pack recomputed offline, and every case', async () => {
    const dossierFile = join(dir.path, 'dossier.json');
    writeFileSync(dossierFile, JSON.stringify((await ledger.http.get(`/v1/providers/${recorded.host.id}/dossier`)).body));
    const html = join(dir.path, 'dossier.html');
    const out = await harbor(['report', 'case', dossierFile, '--ledger-key', vkey, '--html', html]);
    expect([out.code, out.out]).toEqual([0, `court file written to ${html} (VALID)`]);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(`file://${html}`);
    expect(await page.title()).toBe(`Dossier of ${recorded.host.id}: court file`);
    expect(await page.locator('.banner').innerText()).toBe('Verification: VALID');
    expect(await page.locator('h2').allInnerTexts()).toEqual(['us-dmca@2026.2: 1 case(s), safe harbor LOST FOR THE PERIOD', 'The cases']);
    expect(await page.locator('section').last().locator('tbody tr').count()).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.screenshot({ path: join(process.cwd(), 'test-results', 'dossier-court-file.png'), fullPage: true });
    await page.close();
  });
});
