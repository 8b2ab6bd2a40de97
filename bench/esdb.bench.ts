import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogProofs } from '../src/application/log-proofs.js';
import { EventStoreDbClientAdapter } from '../src/store/esdb/esdb-client.js';
import { EsdbLedgerStore } from '../src/store/esdb/esdb-ledger-store.js';
import { generateLedger } from './ledger-generator.js';
import { startServer } from './server.js';
import { round, summarize } from './stats.js';

export interface EsdbFigures {
  entries: number;
  appendSeconds: number;
  heapMb: { at100k: number; atEnd: number };
  restartMs: number;
  /** The ledger server on that store and side index: its second start, until /health/ready answers 200. */
  serverRestartToReadyMs: number;
  proof: { p50Ms: number; p99Ms: number; samples: number };
}

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The esdb adapter through the real client against the gRPC fake of KurrentDB (its own process):
 * a generated ledger of about `size` entries appended in groups, the adapter's heap after a GC at
 * 100,000 entries and at the end, a restart (a new adapter on the same side index: until it knows
 * the log's size), inclusion proofs for random leaves, and the ledger server's restart on it.
 */
export async function benchEsdb(tmp: string, size: number, log: (line: string) => void): Promise<EsdbFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const server = spawn(process.execPath, [join(HERE, 'kurrent-fake-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await firstLine(server);
    const index = join(tmp, 'esdb', 'esdb-index.db');
    const heap = () => {
      gc();
      return round(process.memoryUsage().heapUsed / 1e6, 1);
    };
    let store = new EsdbLedgerStore(new EventStoreDbClientAdapter(url), { index });
    const t0 = performance.now();
    let at100k = 0;
    // A generated ledger (the read side's: cases, parties, sanctions), appended in groups of 2,000.
    const generated = await generateLedger(store, { cases: Math.round(size / 3.24), providers: 50, bigProviderShare: 0.3, days: 365, start: '2025-06-02T15:00:00.000Z', group: 2000, onProgress: (n) => {
      if (!at100k && n >= 100_000) at100k = heap();
    } });
    const appendSeconds = round((performance.now() - t0) / 1000, 1);
    const atEnd = heap();
    const total = generated.entries;
    log(`  appended ${total} entries in ${appendSeconds} s; adapter heap ${at100k} MB at 100,000 entries, ${atEnd} MB at ${total}`);
    await store.close();
    const t1 = performance.now();
    // As the ledger opens it: reads may use an index up to a second old (appends always catch up first).
    store = new EsdbLedgerStore(new EventStoreDbClientAdapter(url), { index, readFreshnessMs: 1000 });
    await store.size();
    const restartMs = round(performance.now() - t1, 0);
    const proofs = new LogProofs(store);
    const latencies: number[] = [];
    for (let i = 0; i < 2200; i++) {
      const seq = Math.floor(Math.random() * total);
      const started = performance.now();
      await proofs.inclusion(seq, total);
      if (i >= 200) latencies.push(performance.now() - started); // the first 200 warm up
    }
    const proof = summarize(latencies);
    log(`  restart (a new adapter on the side index, until it knows the log's size) ${restartMs} ms; inclusion proofs p50 ${proof.p50Ms} ms, p99 ${proof.p99Ms} ms`);
    await store.close();
    const serverRestartToReadyMs = await serverRestart(tmp, url, index);
    log(`  the ledger server on it: restart to ready (/health/ready) ${serverRestartToReadyMs} ms`);
    return { entries: total, appendSeconds, heapMb: { at100k, atEnd }, restartMs, serverRestartToReadyMs, proof: { p50Ms: proof.p50Ms, p99Ms: proof.p99Ms, samples: latencies.length } };
  } finally {
    server.kill('SIGTERM');
  }
}

/** Starts the ledger on the fake twice (the first start makes its key and signs a checkpoint) and times the second. */
async function serverRestart(tmp: string, url: string, index: string): Promise<number> {
  const dataDir = join(tmp, 'esdb-ledger');
  const saved = { store: process.env.HARBOR_STORE, index: process.env.HARBOR_ESDB_INDEX };
  process.env.HARBOR_STORE = url;
  process.env.HARBOR_ESDB_INDEX = index;
  try {
    await (await startServer(dataDir)).stop();
    const t0 = performance.now();
    const server = await startServer(dataDir);
    const ms = round(performance.now() - t0, 0);
    await server.stop();
    return ms;
  } finally {
    for (const [key, value] of [['HARBOR_STORE', saved.store], ['HARBOR_ESDB_INDEX', saved.index]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`the fake server exited with ${code}`)));
  });
}
