import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { ComplianceService } from '../src/application/compliance-service.js';
import { Exports, type ExportRequest } from '../src/application/exports.js';
import { LedgerReader } from '../src/application/ledger-reader.js';
import { Listings } from '../src/application/listings.js';
import type { LedgerStore } from '../src/application/ports/ledger-store.js';
import type { ProjectionStore } from '../src/application/ports/projection-store.js';
import { LocalReadQueries } from '../src/application/read-queries.js';
import { round } from './stats.js';

const rssMb = () => round(process.memoryUsage().rss / 1024 / 1024, 1);

/**
 * Exports of every case of the compliance bench's ledger (one provider, 100,000 cases), streamed to a
 * file case by case: the RSS before and after each, and the largest seen while it ran.
 */
export async function benchExports(tmp: string, store: LedgerStore, projections: ProjectionStore, compliance: ComplianceService, now: Date, log: (line: string) => void) {
  const clock = { now: () => now };
  const reads = new LocalReadQueries(compliance, new Listings(projections, async () => projections.position(), compliance, clock));
  const size = await store.size();
  const checkpoint = { size, root: new Uint8Array(32), note: 'bench\n', signedAt: now.toISOString() };
  const exports = new Exports(reads, new LedgerReader(store, clock), store, async () => checkpoint, (c) => c.note, 'bench.test/log');
  const results: Record<string, { cases: number; bytes: number; seconds: number; rssBeforeMb: number; rssPeakMb: number; rssAfterMb: number }> = {};
  const runs: [string, ExportRequest][] = [['lumen', { format: 'lumen' }], ['csv cases', { format: 'csv', table: 'cases' }]];
  for (const [name, request] of runs) {
    global.gc?.();
    const rssBeforeMb = rssMb();
    let rssPeakMb = rssBeforeMb;
    const started = performance.now();
    const opened = await exports.open(request);
    const file = createWriteStream(join(tmp, `export-${request.format}.out`));
    let bytes = 0;
    let chunks = 0;
    for await (const chunk of opened.chunks) {
      bytes += Buffer.byteLength(chunk);
      if (!file.write(chunk)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
      if (++chunks % 5000 === 0) rssPeakMb = Math.max(rssPeakMb, rssMb());
    }
    await finished(file.end());
    global.gc?.();
    const figures = { cases: opened.cases, bytes, seconds: round((performance.now() - started) / 1000), rssBeforeMb, rssPeakMb, rssAfterMb: rssMb() };
    results[name] = figures;
    log(`  export ${name}: ${figures.cases} cases, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${figures.seconds} s; RSS ${figures.rssBeforeMb} MB before, at most ${figures.rssPeakMb} MB while streaming, ${figures.rssAfterMb} MB after`);
  }
  return results;
}
