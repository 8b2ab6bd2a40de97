/**
 * A probe for the writer's latency under a report loop (not part of npm run bench): serves a data
 * folder, sends single-act appends at a rate, with or without another process asking a report in a loop.
 * Usage: node dist/bench/append-probe.js <dataDir> <provider> <rate> <seconds> <loop: 0|1> [report path]
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notices, registrations } from './acts.js';
import { openLoop } from './http-load.js';
import { startServer } from './server.js';

const [dir, provider, rate, seconds, loop, path] = process.argv.slice(2);
// PROBE_URL: a ledger already running there (its data folder then unused).
const server = process.env.PROBE_URL ? { url: process.env.PROBE_URL, stop: async () => undefined } : await startServer(dir);
try {
  for (const act of registrations()) await fetch(`${server.url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
  const report = `${server.url}${path ?? `/v1/providers/${provider}/compliance`}`;
  // PROBE_BEFORE: paths asked once before the appends (e.g. the heaviest reports, as the bench does).
  for (const before of (process.env.PROBE_BEFORE ?? '').split(',').filter(Boolean)) await (await fetch(`${server.url}${before}`)).arrayBuffer();
  const t0 = performance.now();
  await (await fetch(report)).arrayBuffer();
  console.log(`first report ${(performance.now() - t0).toFixed(0)} ms`);
  const count = Number(rate) * Number(seconds);
  const bodies = notices(count, `probe-${Date.now()}`, provider);
  const child = loop === '1' ? spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'report-loop.js'), report, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] }) : undefined;
  const out: Buffer[] = [];
  child?.stdout.on('data', (c: Buffer) => out.push(c));
  const done = child ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
  const appends = await openLoop(`${server.url}/v1/acts`, bodies, Number(rate));
  await done;
  const reports = child ? (JSON.parse(Buffer.concat(out).toString()) as number[]).map((x) => Math.round(x)) : [];
  console.log(JSON.stringify({ p50: appends.p50Ms, p99: appends.p99Ms, max: appends.maxMs, reports }));
} finally {
  await server.stop();
}
