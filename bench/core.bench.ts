import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { WorkerCrypto } from '../src/application/crypto/worker-crypto.js';
import { Ledger } from '../src/application/ledger.js';
import { LedgerKey } from '../src/application/ledger-key.js';
import { SystemClock } from '../src/application/ports/clock.js';
import { parseSubmission } from '../src/application/submission.js';
import { parseStrictJson } from '../src/audit/strict-json.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { measureBare } from './bare.js';
import { notices, registrations } from './acts.js';
import { closedLoop, openLoop } from './http-load.js';
import { startServer } from './server.js';
import { round } from './stats.js';

export interface CoreFigures {
  bare: { actsPerSecond: number };
  inProcess: { actsPerSecond: number; ratioToBare: number };
  httpSingle: { actsPerSecond: number; ratioToBare: number; clients: number; p50Ms: number; p99Ms: number; maxMs: number };
  httpBatch100: { actsPerSecond: number; ratioToBare: number; clients: number; p50Ms: number; p99Ms: number; maxMs: number };
  paced1000: { offeredPerSecond: number; achievedPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/** Ingest on the SQLite store: in process, over HTTP one act a request and in batches, against the bare rate. */
export async function benchCore(tmp: string, scale: number, log: (line: string) => void): Promise<CoreFigures> {
  const n = Math.round(20_000 * scale);
  log(`core: generating ${n * 4} signed notices…`);
  const bare = measureBare(notices(n, 'bare'), tmp);
  log(`  bare (parse, canonicalize, verify, hash, batched durable insert): ${bare.actsPerSecond} acts/s`);

  const store = new SqliteLedgerStore(join(tmp, 'inprocess', 'ledger.db'));
  // The same configuration as the server: signature work on worker threads.
  const key = LedgerKey.fromSeed('bench.example/log', new Uint8Array(32).fill(7));
  const ledger = new Ledger(store, new SystemClock(), key, {}, {}, new WorkerCrypto(key, Math.max(1, availableParallelism() - 1)));
  for (const act of registrations()) await ledger.submit(parseSubmission(act));
  const inProcessActs = notices(n, 'inproc');
  const t0 = performance.now();
  const window = 2000;
  for (let i = 0; i < inProcessActs.length; i += window) {
    await Promise.all(inProcessActs.slice(i, i + window).map((text) => ledger.submit(parseSubmission(parseStrictJson(text)))));
  }
  const inProcess = Math.round(n / ((performance.now() - t0) / 1000));
  await ledger.close();
  log(`  in-process append path: ${inProcess} acts/s`);

  const server = await startServer(join(tmp, 'http'));
  try {
    for (const act of registrations()) await fetch(`${server.url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
    const single = await closedLoop(`${server.url}/v1/acts`, notices(Math.round(n / 2), 'single'), 16, 1);
    log(`  HTTP, one act a request, 16 clients: ${single.actsPerSecond} acts/s, p50 ${single.p50Ms} ms, p99 ${single.p99Ms} ms`);
    const batchActs = notices(n, 'batch');
    const batches = Array.from({ length: Math.ceil(batchActs.length / 100) }, (_, i) => `{"acts":[${batchActs.slice(i * 100, i * 100 + 100).join(',')}]}`);
    const batch = await closedLoop(`${server.url}/v1/acts/batch`, batches, 4, 100);
    log(`  HTTP, batches of 100, 4 clients: ${batch.actsPerSecond} acts/s, p50 ${batch.p50Ms} ms, p99 ${batch.p99Ms} ms a batch`);
    const paced = await openLoop(`${server.url}/v1/acts`, notices(Math.round(5000 * scale), 'paced'), 1000);
    log(`  HTTP at a steady 1,000 acts/s: p50 ${paced.p50Ms} ms, p99 ${paced.p99Ms} ms (achieved ${paced.achievedPerSecond}/s)`);
    return {
      bare,
      inProcess: { actsPerSecond: inProcess, ratioToBare: round(inProcess / bare.actsPerSecond) },
      httpSingle: { ...single, clients: 16, ratioToBare: round(single.actsPerSecond / bare.actsPerSecond) },
      httpBatch100: { ...batch, clients: 4, ratioToBare: round(batch.actsPerSecond / bare.actsPerSecond) },
      paced1000: paced,
    };
  } finally {
    await server.stop();
  }
}
