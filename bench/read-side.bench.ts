import { readFileSync } from 'node:fs';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Projector } from '../src/application/projections/projector.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from '../src/store/sqlite/sqlite-projection-store.js';
import { registrations } from './acts.js';
import { generateLedger, type GeneratedLedger } from './ledger-generator.js';
import { startServer } from './server.js';
import type { OpenLoopFigures } from './http-load.js';
import { median, round, summarize, type LatencySummary } from './stats.js';

export interface ReadSideFigures {
  entries: number;
  cases: number;
  bigProviderCases: number;
  generate: { seconds: number; entriesPerSecond: number };
  rebuild: { seconds: number; entriesPerSecond: number };
  /** The median of the restarts below. */
  restartToReadyMs: number;
  rssMb: { afterCatchUp: number; afterEveryReport: number };
  /** The medians of the restarts below (cold: the first answer after a restart; warm: the best of the next two). */
  compliance: { coldMs: number; warmMs: number };
  /** Each restart measured: this machine's noise moves single figures by a third. */
  restarts: { readyMs: number; coldMs: number; warmMs: number }[];
  missedFirstPageMs: number;
  everyReport: { requests: number; seconds: number };
  /** The writer's first 1,000 appends after the restart (at 500/s): its caches and compiled code are cold. */
  appendsFirst: LatencySummary;
  /** The same appends with nothing else asked, just before: the writer's own latency on this machine, for the ratio. */
  appendsAlone: LatencySummary;
  /** The median round of those below (by p99). */
  appendsWhileReporting: AppendsDuringReports;
  /** Each round of appends during reports. */
  appendsWhileReportingRounds: AppendsDuringReports[];
}

type AppendsDuringReports = OpenLoopFigures & { reportsDuring: number; reportP50Ms: number };

/** Restarts measured (the median answers), and rounds of appends during reports (the median round). */
const RESTARTS = 3;
const ROUNDS = 3;

/**
 * The read side at scale: a generated ledger of `cases` cases over 50 providers (30% with the first),
 * its projections rebuilt, then the ledger served from it: restart to ready and the largest provider's
 * compliance cold and warm (three restarts), memory after catching up and after every report once, the
 * first page of its cases with a missed obligation, and single-act appends at 500/s — right after the
 * restart, then alone, then while that report runs in a loop (three rounds).
 */
export async function benchReadSide(dir: string, cases: number, log: (line: string) => void): Promise<ReadSideFigures> {
  const store = new SqliteLedgerStore(join(dir, 'ledger.db'));
  let t0 = performance.now();
  const generated = await generateLedger(store, { cases, providers: 50, bigProviderShare: 0.3, days: 365, start: '2025-06-02T15:00:00.000Z' });
  const generateSeconds = (performance.now() - t0) / 1000;
  await store.close();
  log(`  generated ${generated.entries} entries (${cases} cases, 50 providers) in ${generateSeconds.toFixed(1)} s`);

  const log0 = new SqliteLedgerStore(join(dir, 'ledger.db'), { readOnly: true });
  const projections = new SqliteProjectionStore(join(dir, 'projections.db'));
  t0 = performance.now();
  await new Projector(log0, projections, { batchSize: 10_000 }).catchUp();
  const rebuildSeconds = (performance.now() - t0) / 1000;
  const bigProviderCases = projections.listCases({ provider: generated.bigProvider }, '9999', 1).total;
  projections.close();
  await log0.close();
  log(`  projections rebuilt from ${generated.entries} entries in ${rebuildSeconds.toFixed(1)} s (${Math.round(generated.entries / rebuildSeconds)} entries/s)`);

  // The first start creates the ledger key and signs a checkpoint over the generated log; the restarts after it are measured.
  await (await startServer(dir)).stop();
  const compliance = (url: string) => `${url}/v1/providers/${generated.bigProvider}/compliance`;
  const restarts: ReadSideFigures['restarts'] = [];
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let afterCatchUp = 0;
  try {
    for (let i = 0; i < RESTARTS; i++) {
      await server?.stop();
      t0 = performance.now();
      server = await startServer(dir);
      const readyMs = round(performance.now() - t0, 0);
      await caughtUp(server.url);
      afterCatchUp = rssMb(server.pid);
      const [coldMs, ...again] = await askedInOwnProcess(compliance(server.url), 3);
      restarts.push({ readyMs, coldMs, warmMs: Math.min(...again) });
    }
    const url = server!.url;
    const restartToReadyMs = median(restarts.map((r) => r.readyMs));
    const [coldMs, warmMs] = [median(restarts.map((r) => r.coldMs)), median(restarts.map((r) => r.warmMs))];
    const missedFirstPageMs = Math.min(await timed(`${url}/v1/cases?provider=${generated.bigProvider}&obligation=missed&limit=50`), await timed(`${url}/v1/cases?provider=${generated.bigProvider}&obligation=missed&limit=50`));
    log(`  restart to ready ${restartToReadyMs} ms; ${generated.bigProvider} (${bigProviderCases} cases) compliance cold ${coldMs} ms, warm ${warmMs} ms (medians of ${RESTARTS} restarts: ${restarts.map((r) => `${r.readyMs}/${r.coldMs}/${r.warmMs}`).join(', ')}); first page of its cases with a missed obligation ${missedFirstPageMs} ms`);
    const every = await everyReport(url, generated);
    const afterEveryReport = rssMb(server!.pid);
    log(`  every report once (${every.requests} requests) in ${every.seconds} s; server RSS ${afterCatchUp} MB after catching up, ${afterEveryReport} MB after every report`);
    for (const act of registrations()) await fetch(`${url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
    const latency = ({ p50Ms, p99Ms, maxMs }: LatencySummary): LatencySummary => ({ p50Ms, p99Ms, maxMs });
    const appendsFirst = latency(await appendsInOwnProcess(url, generated.bigProvider, 1000, 'first'));
    const appendsAlone = latency(await appendsInOwnProcess(url, generated.bigProvider, 5000, 'alone'));
    log(`  single-act appends at 500/s, nothing else asked: the first 1,000 after the restart p50 ${appendsFirst.p50Ms} ms, p99 ${appendsFirst.p99Ms} ms; the next 5,000 p50 ${appendsAlone.p50Ms} ms, p99 ${appendsAlone.p99Ms} ms`);
    const rounds: AppendsDuringReports[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await appendsDuringReports(url, compliance(url), generated.bigProvider, `during-report-${i}`));
    const appendsWhileReporting = [...rounds].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(ROUNDS / 2)];
    log(`  single-act appends at 500/s while the compliance report runs in a loop: p99 ${rounds.map((r) => `${r.p99Ms}`).join(', ')} ms in ${ROUNDS} rounds (median round p50 ${appendsWhileReporting.p50Ms} ms, ${appendsWhileReporting.reportsDuring} reports, p50 ${appendsWhileReporting.reportP50Ms} ms)`);
    return {
      entries: generated.entries,
      cases,
      bigProviderCases,
      generate: { seconds: round(generateSeconds), entriesPerSecond: Math.round(generated.entries / generateSeconds) },
      rebuild: { seconds: round(rebuildSeconds), entriesPerSecond: Math.round(generated.entries / rebuildSeconds) },
      restartToReadyMs,
      rssMb: { afterCatchUp, afterEveryReport },
      compliance: { coldMs, warmMs },
      restarts,
      missedFirstPageMs,
      everyReport: every,
      appendsFirst,
      appendsAlone,
      appendsWhileReporting,
      appendsWhileReportingRounds: rounds,
    };
  } finally {
    await server?.stop();
  }
}

async function caughtUp(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { projections: { behind: number } };
    if (health.projections.behind === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return round(performance.now() - t0, 1);
}

/** Compliance and repeat infringers of every provider, conduct of every notifier, and the ledger-wide lists. */
async function everyReport(url: string, generated: GeneratedLedger): Promise<{ requests: number; seconds: number }> {
  const urls = [
    ...generated.providers.flatMap((p) => [`${url}/v1/providers/${p}/compliance`, `${url}/v1/providers/${p}/repeat-infringers`]),
    ...generated.notifiers.map((n) => `${url}/v1/notifiers/${n}/conduct`),
    `${url}/v1/notifiers?misuse=warning_due`,
    `${url}/v1/repeat-infringers?status=action_due`,
    `${url}/v1/cases?state=disputed`,
  ];
  const t0 = performance.now();
  for (const u of urls) await timed(u);
  return { requests: urls.length, seconds: round((performance.now() - t0) / 1000, 1) };
}

/** One report asked `times` times in a row by a process of its own (report-loop.ts): each time in ms. */
async function askedInOwnProcess(report: string, times: number): Promise<number[]> {
  return (JSON.parse(await output(ownProcess('report-loop.js', [report, '600', String(times)]))) as number[]).map((ms) => round(ms, 1));
}

/** Notices at 500/s to a provider, each its own request, sent and timed by a process of its own (append-loop.ts). */
async function appendsInOwnProcess(url: string, provider: string, count: number, tag: string): Promise<OpenLoopFigures> {
  return JSON.parse(await output(ownProcess('append-loop.js', [`${url}/v1/acts`, provider, String(count), '500', tag]))) as OpenLoopFigures;
}

/**
 * 5,000 notices at 500/s to the largest provider, each its own request, while another process asks
 * that provider's report again as soon as it answers: every new notice changes the report, so it is
 * computed again, never served from the cache.
 */
async function appendsDuringReports(url: string, report: string, provider: string, tag: string): Promise<AppendsDuringReports> {
  const reports = output(ownProcess('report-loop.js', [report, '10']));
  const appends = await appendsInOwnProcess(url, provider, 5000, tag);
  const reportTimes = JSON.parse(await reports) as number[];
  return { ...appends, reportsDuring: reportTimes.length, reportP50Ms: summarize(reportTimes).p50Ms };
}

/** A script of this folder run by a process of its own, its output kept. */
function ownProcess(script: string, args: string[]): ChildProcessByStdio<null, Readable, null> {
  return spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** What a process wrote to its standard output, once it has exited. */
function output(child: ChildProcessByStdio<null, Readable, null>): Promise<string> {
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => child.once('exit', () => resolve(Buffer.concat(chunks).toString('utf8'))));
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024);
}
