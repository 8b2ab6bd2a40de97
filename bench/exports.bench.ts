import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finished } from 'node:stream/promises';
import { ComplianceService } from '../src/application/compliance-service.js';
import { Exports, type ExportRequest } from '../src/application/exports.js';
import { LedgerReader } from '../src/application/ledger-reader.js';
import { Listings } from '../src/application/listings.js';
import { ReportCache } from '../src/application/projections/report-cache.js';
import { LocalReadQueries } from '../src/application/read-queries.js';
import { useNodeCrypto } from '../src/backends/node-crypto.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from '../src/store/sqlite/sqlite-projection-store.js';
import { round } from './stats.js';

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

export interface ExportFigures {
  cases: number;
  bytes: number;
  seconds: number;
  /** After a GC, before the export and after it. */
  rssBeforeMb: number;
  rssAfterMb: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  /** The largest RSS seen while streaming (garbage included). */
  rssPeakMb: number;
}

/**
 * Exports of every case of a ledger folder (the compliance bench's: one provider, 100,000 cases),
 * each streamed to a file case by case, in a process of its own so that its memory is the export's.
 */
export function benchExportsInChild(dir: string, asOf: Date, log: (line: string) => void): Promise<Record<string, ExportFigures>> {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), dir, asOf.toISOString()], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the export bench exited ${code}`));
      const figures = JSON.parse(out) as Record<string, ExportFigures>;
      for (const [name, f] of Object.entries(figures)) {
        log(`  export ${name}: ${f.cases} cases, ${mb(f.bytes)} MB in ${f.seconds} s; RSS ${f.rssBeforeMb} MB before, ${f.rssAfterMb} MB after (peak ${f.rssPeakMb} MB); heap ${f.heapBeforeMb} MB before, ${f.heapAfterMb} MB after`);
      }
      resolve(figures);
    });
  });
}

async function runExports(dir: string, now: Date): Promise<Record<string, ExportFigures>> {
  useNodeCrypto();
  const store = new SqliteLedgerStore(join(dir, 'ledger.db'));
  const projections = new SqliteProjectionStore(join(dir, 'projections.db'));
  const clock = { now: () => now };
  const catchUp = async () => projections.position();
  const compliance = new ComplianceService(projections, catchUp, store, clock, {}, new ReportCache(0));
  const reads = new LocalReadQueries(compliance, new Listings(projections, catchUp, compliance, clock));
  const checkpoint = { size: await store.size(), root: new Uint8Array(32), note: 'bench\n', signedAt: now.toISOString() };
  const exports = new Exports(reads, new LedgerReader(store, clock), store, async () => checkpoint, (c) => c.note, 'bench.test/log');
  const results: Record<string, ExportFigures> = {};
  // Twice each: a second run that ends where the first did shows the memory is reused, not grown.
  const runs: [string, ExportRequest][] = [['lumen', { format: 'lumen' }], ['lumen again', { format: 'lumen' }], ['csv cases', { format: 'csv', table: 'cases' }], ['csv cases again', { format: 'csv', table: 'cases' }]];
  for (const [name, request] of runs) results[name] = await measure(exports, request, join(dir, `export-${request.format}.out`));
  projections.close();
  await store.close();
  return results;
}

async function measure(exports: Exports, request: ExportRequest, path: string): Promise<ExportFigures> {
  global.gc?.();
  const [rssBefore, heapBefore] = [process.memoryUsage().rss, process.memoryUsage().heapUsed];
  let rssPeak = rssBefore;
  const started = performance.now();
  const opened = await exports.open(request);
  const file = createWriteStream(path);
  let [bytes, chunks] = [0, 0];
  for await (const chunk of opened.chunks) {
    bytes += Buffer.byteLength(chunk);
    if (!file.write(chunk)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
    if (++chunks % 2000 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  await finished(file.end());
  const seconds = round((performance.now() - started) / 1000);
  global.gc?.();
  const after = process.memoryUsage();
  return { cases: opened.cases, bytes, seconds, rssBeforeMb: mb(rssBefore), rssAfterMb: mb(after.rss), heapBeforeMb: mb(heapBefore), heapAfterMb: mb(after.heapUsed), rssPeakMb: mb(rssPeak) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runExports(process.argv[2], new Date(process.argv[3])).then(
    (results) => process.stdout.write(JSON.stringify(results)),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
