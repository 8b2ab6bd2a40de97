import { useNodeCrypto } from '../src/backends/node-crypto.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAudit } from './audit.bench.js';
import { benchCompliance } from './compliance.bench.js';
import { benchCore } from './core.bench.js';
import { benchEsdb } from './esdb.bench.js';
import { benchProofs } from './proofs.bench.js';
import { benchTiles } from './tiles.bench.js';
import { benchDossier } from './dossier.bench.js';
import { benchReadSide } from './read-side.bench.js';
import { benchConsole } from './console.bench.js';
import { notices, registrations } from './acts.js';
import { openLoop } from './http-load.js';
import { startServer } from './server.js';

// src/audit hashes with node:crypto in this process (its default is the portable one).
useNodeCrypto();

/** `npm run bench`: prints figures and writes them to bench/results/latest.json. BENCH_SCALE scales the work (default 1). */
async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const tmp = mkdtempSync(join(tmpdir(), 'harbor-bench-'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Safe Harbor Ledger benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), scale ${scale}`);
  try {
    if (process.env.BENCH_ONLY === 'paced') {
      const paced = await pacedLong(tmp, log);
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, paced }, log);
      return;
    }
    if (process.env.BENCH_ONLY === 'core') {
      const core = await benchCore(tmp, scale, log);
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, core }, log);
      return;
    }
    if (process.env.BENCH_ONLY === 'esdb') {
      log('esdb: the adapter through the real client on the gRPC fake of KurrentDB (README "EventStoreDB")');
      const esdb = await benchEsdb(tmp, Math.round(1_000_000 * scale), log);
      log('targets: restart < 3 s; heap growth < 100 MB from 100,000 to 1,000,000 entries; inclusion proofs p99 < 5 ms');
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, esdb }, log);
      return;
    }
    if (process.env.BENCH_ONLY === 'audit') {
      const audit = await benchAudit(tmp, Math.round(50_000 * scale), log);
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, ...audit }, log);
      return;
    }
    if (process.env.BENCH_ONLY === 'dossier') {
      const dossier = await benchDossier(tmp, Math.round(10_000 * scale), log);
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, dossier }, log);
      return;
    }
    if (process.env.BENCH_ONLY === 'console') {
      log('console: the web console in Chromium (README "Console")');
      const consoleFigures = await benchConsole(join(tmp, 'console'), log);
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, console: consoleFigures }, log);
      return;
    }
    if (process.env.BENCH_ONLY === 'interop') {
      log('interop: the log as tiles, and exports of 100,000 cases (README "Proving it", "Exports")');
      await benchProofs(tmp, Math.round(1_000_000 * scale), log);
      const tiles = await benchTiles(tmp, Math.round(1_000_000 * scale), log);
      const compliance = await benchCompliance(tmp, Math.round(100_000 * scale), log);
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, tiles, exports: compliance.exports }, log);
      return;
    }
    if (process.env.BENCH_ONLY === 'read-side') {
      const readSide = await readSideAtTwoSizes(tmp, scale, log);
      writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, readSide }, log);
      return;
    }
    const core = await benchCore(tmp, scale, log);
    log('proofs: inclusion proofs built from stored nodes');
    const proofs = await benchProofs(tmp, Math.round(1_000_000 * scale), log);
    log(`  inclusion proof at ${proofs.size} entries: p50 ${proofs.p50Ms} ms, p99 ${proofs.p99Ms} ms (${proofs.samples} proofs)`);
    log('tiles: the same log as C2SP tiles, proofs rebuilt from tiles alone');
    const tiles = await benchTiles(tmp, proofs.size, log);
    log('audit: store replay and offline bundle verification');
    const audit = await benchAudit(tmp, Math.round(50_000 * scale), log);
    log('compliance: projection rebuild and a provider report (one provider, in process)');
    const compliance = await benchCompliance(tmp, Math.round(100_000 * scale), log);
    const readSide = await readSideAtTwoSizes(tmp, scale, log);
    log('esdb: the adapter through the real client on the gRPC fake of KurrentDB (README "EventStoreDB")');
    const esdb = await benchEsdb(tmp, Math.round(1_000_000 * scale), log);
    log('');
    log('targets: batched ingest >= 50% of bare, one act a request >= 25% of bare, p99 < 50 ms at 1,000 acts/s');
    log(`  batched ${Math.round(core.httpBatch100.ratioToBare * 100)}% of bare, single ${Math.round(core.httpSingle.ratioToBare * 100)}% of bare, p99 ${core.paced1000.p99Ms} ms at 1,000 acts/s`);
    log('targets: inclusion proof p99 < 1 ms at 1,000,000 entries; audit >= 20,000 entries/s; 50-act bundle verified < 100 ms');
    log(`  proof p99 ${proofs.p99Ms} ms at ${proofs.size}; audit ${audit.audit.entriesPerSecond} entries/s; bundle ${audit.bundle50.node.p50Ms} ms`);
    log('targets: provider report over 100,000 cases < 1 s; full projection rebuild >= 100,000 events/s');
    log(`  report ${compliance.report.ms} ms over ${compliance.cases} cases (first ${compliance.report.allRunsMs[0]} ms); rebuild ${compliance.rebuild.eventsPerSecond} events/s`);
    writeResults({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, core, proofs, tiles, ...audit, compliance, readSide, esdb }, log);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The read side at 100,000 and 1,000,000 entries (about 33,000 and 330,000 cases), scaled by BENCH_SCALE. */
async function readSideAtTwoSizes(tmp: string, scale: number, log: (line: string) => void) {
  log('read side: projections of a generated ledger, served (README "Read side")');
  const small = await benchReadSide(join(tmp, 'read-small'), Math.round(33_000 * scale), log);
  rmSync(join(tmp, 'read-small'), { recursive: true, force: true });
  const large = await benchReadSide(join(tmp, 'read-large'), Math.round(330_000 * scale), log);
  rmSync(join(tmp, 'read-large'), { recursive: true, force: true });
  log('targets: RSS at 1M within 150 MB of 100k; restart to ready < 3 s; rebuild >= 100,000 entries/s; compliance of the largest provider < 500 ms cold, < 100 ms warm; missed page < 50 ms; appends p99 < 50 ms at 500/s during reports');
  log(`  RSS ${small.rssMb.afterEveryReport} MB at ${small.entries} entries, ${large.rssMb.afterEveryReport} MB at ${large.entries} (+${large.rssMb.afterEveryReport - small.rssMb.afterEveryReport} MB); restart ${large.restartToReadyMs} ms; rebuild ${large.rebuild.entriesPerSecond} entries/s; compliance ${large.compliance.coldMs} / ${large.compliance.warmMs} ms (medians of ${large.restarts.length} restarts; cold ${large.restarts.map((r) => r.coldMs).join(', ')}); missed page ${large.missedFirstPageMs} ms; appends p99 ${large.appendsWhileReportingRounds.map((r) => r.p99Ms).join(', ')} ms during reports, ${large.appendsAlone.p99Ms} ms alone (${large.appendsFirst.p99Ms} ms in the first 1,000 after the restart)`);
  return { small, large };
}

/** 15,000 single-act requests at a steady 1,000 a second to a fresh ledger (its environment passed on, e.g. HARBOR_PROJECTIONS_FOLLOW_MS). */
async function pacedLong(tmp: string, log: (line: string) => void) {
  const server = await startServer(join(tmp, 'paced'));
  try {
    for (const act of registrations()) await fetch(`${server.url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
    const paced = await openLoop(`${server.url}/v1/acts`, notices(15_000, 'paced-long'), 1000);
    log(`  HTTP at a steady 1,000 acts/s for 15 s: p50 ${paced.p50Ms} ms, p99 ${paced.p99Ms} ms, max ${paced.maxMs} ms (achieved ${paced.achievedPerSecond}/s; HARBOR_PROJECTIONS_FOLLOW_MS=${process.env.HARBOR_PROJECTIONS_FOLLOW_MS ?? 'default'})`);
    return paced;
  } finally {
    await server.stop();
  }
}

function writeResults(results: Record<string, unknown>, log: (line: string) => void): void {
  const out = join(dirname(fileURLToPath(import.meta.url)), '../../bench/results/latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`written to ${out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
