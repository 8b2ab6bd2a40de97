import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { holder, host, registrations } from './acts.js';
import { startServer } from './server.js';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '../console');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ConsoleFigures {
  assets: { appJs: number; appJsGzip: number; appJsBrotli: number; css: number };
  casePage: { acts: number; interactiveMs: number[]; medianMs: number };
  verify: { acts: number; inBrowserMs: number[]; medianMs: number };
}

/** A case of `acts` acts: a notice, then acknowledgements (each a signed entry like any other). */
async function recordCase(url: string, caseId: string, acts: number): Promise<void> {
  const post = async (act: Record<string, unknown>) => {
    const res = await fetch(`${url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
    if (res.status !== 201 && res.status !== 200) throw new Error(`${act.type}: ${res.status} ${await res.text()}`);
  };
  const item = `https://tube.example/watch?v=${caseId}`;
  await post(holder.act('notice.submitted', { provider: host.id, pack: 'us-dmca', works: ['W'], items: [{ locator: item }], claimant: { name: 'Bench Records', contact: `sha256:${'ab'.repeat(32)}` }, statements: { goodFaith: true, accuracy: true, authorized: true } }, caseId));
  await post(host.act('measure.taken', { measure: 'disabled', items: [item], basis: 'notice' }, caseId));
  for (let i = 2; i < acts; i++) await post(host.act('notice.acknowledged', {}, caseId));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The console in Debian's chromium: the case page of a 200-act case until its verdict shows (target
 * < 1 s), a 50-act bundle verified and judged again in the browser (target < 500 ms), the assets'
 * size on the wire (target < 300 KB compressed).
 */
export async function benchConsole(dir: string, log: (line: string) => void): Promise<ConsoleFigures> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const size = (name: string) => statSync(join(DIST, name)).size;
  const assets = { appJs: size('app.js'), appJsGzip: size('app.js.gz'), appJsBrotli: size('app.js.br'), css: size('console.css') };
  log(`  assets: app.js ${Math.round(assets.appJs / 1024)} KB, ${Math.round(assets.appJsBrotli / 1024)} KB brotli, ${Math.round(assets.appJsGzip / 1024)} KB gzip; console.css ${Math.round(assets.css / 1024)} KB`);
  mkdirSync(dir, { recursive: true });
  const server = await startServer(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    for (const act of registrations()) await fetch(`${server.url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
    await recordCase(server.url, 'big-200', 200);
    await recordCase(server.url, 'bundle-50', 50);
    const vkey = ((await (await fetch(`${server.url}/v1/log/key`)).json()) as { vkey: string }).vkey;
    const interactiveMs: number[] = [];
    const inBrowserMs: number[] = [];
    for (let run = 0; run < 5; run++) {
      const page = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
      const t0 = performance.now();
      await page.goto(`${server.url}/cases/big-200`);
      await page.locator('.protection').waitFor();
      interactiveMs.push(Math.round(performance.now() - t0));
      await page.goto(`${server.url}/cases/bundle-50`);
      await page.locator('#ledger-key').fill(vkey);
      await page.locator('#verify-button').click();
      const said = await page.locator('#verify-result .small').innerText();
      if (!(await page.locator('#verify-result .banner').innerText()).includes('VALID')) throw new Error('the 50-act bundle did not verify');
      inBrowserMs.push(Number(/in (\d+) ms/.exec(said)?.[1]));
      await page.context().close();
    }
    const figures = { assets, casePage: { acts: 200, interactiveMs, medianMs: median(interactiveMs) }, verify: { acts: 50, inBrowserMs, medianMs: median(inBrowserMs) } };
    log(`  case page of 200 acts, until its verdict shows: median ${figures.casePage.medianMs} ms (${interactiveMs.join(', ')})`);
    log(`  50-act bundle verified and judged again in the browser: median ${figures.verify.medianMs} ms (${inBrowserMs.join(', ')})`);
    log('targets: case page < 1 s for 200 acts; in-browser verification of 50 acts < 500 ms; assets < 300 KB compressed');
    return figures;
  } finally {
    await browser.close();
    await server.stop();
  }
}

