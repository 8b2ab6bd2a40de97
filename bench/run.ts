import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAudit } from './audit.bench.js';
import { benchCompliance } from './compliance.bench.js';
import { benchCore } from './core.bench.js';
import { benchProofs } from './proofs.bench.js';

/** `npm run bench`: prints figures and writes them to bench/results/latest.json. BENCH_SCALE scales the work (default 1). */
async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const tmp = mkdtempSync(join(tmpdir(), 'harbor-bench-'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Safe Harbor Ledger benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), scale ${scale}`);
  try {
    const core = await benchCore(tmp, scale, log);
    log('proofs: inclusion proofs built from stored nodes');
    const proofs = await benchProofs(tmp, Math.round(1_000_000 * scale), log);
    log(`  inclusion proof at ${proofs.size} entries: p50 ${proofs.p50Ms} ms, p99 ${proofs.p99Ms} ms (${proofs.samples} proofs)`);
    log('audit: store replay and offline bundle verification');
    const audit = await benchAudit(tmp, Math.round(50_000 * scale), log);
    log('compliance: read-model rebuild and a provider report');
    const compliance = await benchCompliance(tmp, Math.round(100_000 * scale), log);
    const results = { date: new Date().toISOString(), node: process.version, cores: cpus().length, scale, core, proofs, ...audit, compliance };
    const out = join(dirname(fileURLToPath(import.meta.url)), '../../bench/results/latest.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    log('');
    log('targets: batched ingest >= 50% of bare, one act a request >= 25% of bare, p99 < 50 ms at 1,000 acts/s');
    log(`  batched ${Math.round(core.httpBatch100.ratioToBare * 100)}% of bare, single ${Math.round(core.httpSingle.ratioToBare * 100)}% of bare, p99 ${core.paced1000.p99Ms} ms at 1,000 acts/s`);
    log('targets: inclusion proof p99 < 1 ms at 1,000,000 entries; audit >= 20,000 entries/s; 50-act bundle verified < 100 ms');
    log(`  proof p99 ${proofs.p99Ms} ms at ${proofs.size}; audit ${audit.audit.entriesPerSecond} entries/s; bundle ${audit.bundle50.node.p50Ms} ms`);
    log('targets: provider report over 100,000 cases < 1 s; full read-model rebuild >= 100,000 events/s');
    log(`  report ${compliance.report.ms} ms over ${compliance.cases} cases (first ${compliance.report.allRunsMs[0]} ms); rebuild ${compliance.rebuild.eventsPerSecond} events/s`);
    log(`written to ${out}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
