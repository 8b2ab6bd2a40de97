import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogProofs } from '../src/application/log-proofs.js';
import type { NewEntry } from '../src/application/ports/ledger-store.js';
import { EventStoreDbClientAdapter } from '../src/store/esdb/esdb-client.js';
import { EsdbLedgerStore } from '../src/store/esdb/esdb-ledger-store.js';
import { round, summarize } from './stats.js';

export interface EsdbFigures {
  entries: number;
  appendSeconds: number;
  heapMb: { at100k: number; atEnd: number };
  restartMs: number;
  proof: { p50Ms: number; p99Ms: number; samples: number };
}

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The esdb adapter through the real client against the gRPC fake of KurrentDB (its own process):
 * `size` synthetic entries appended in groups, the adapter's heap after a GC at 100,000 entries and at
 * the end, a restart (a new adapter on the same side index: until it knows the log's size and
 * border), and inclusion proofs for random leaves at the end.
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
    for (let from = 0; from < size; from += 2000) {
      await store.append(entries(from, Math.min(size, from + 2000)));
      if (from + 2000 === 100_000) at100k = heap();
    }
    const appendSeconds = round((performance.now() - t0) / 1000, 1);
    const atEnd = heap();
    log(`  appended ${size} entries in ${appendSeconds} s; adapter heap ${at100k} MB at 100,000 entries, ${atEnd} MB at ${size}`);
    await store.close();
    const t1 = performance.now();
    // As the ledger opens it: reads may use an index up to a second old (appends always catch up first).
    store = new EsdbLedgerStore(new EventStoreDbClientAdapter(url), { index, readFreshnessMs: 1000 });
    await store.size();
    const restartMs = round(performance.now() - t1, 0);
    const proofs = new LogProofs(store);
    const latencies: number[] = [];
    for (let i = 0; i < 2200; i++) {
      const seq = Math.floor(Math.random() * size);
      const started = performance.now();
      await proofs.inclusion(seq, size);
      if (i >= 200) latencies.push(performance.now() - started); // the first 200 warm up
    }
    const proof = summarize(latencies);
    log(`  restart (a new adapter on the side index, until it knows the log's size) ${restartMs} ms; inclusion proofs p50 ${proof.p50Ms} ms, p99 ${proof.p99Ms} ms`);
    await store.close();
    return { entries: size, appendSeconds, heapMb: { at100k, atEnd }, restartMs, proof: { p50Ms: proof.p50Ms, p99Ms: proof.p99Ms, samples: latencies.length } };
  } finally {
    server.kill('SIGTERM');
  }
}

function entries(from: number, to: number): NewEntry[] {
  const out: NewEntry[] = [];
  for (let seq = from; seq < to; seq++) {
    const bytes = Buffer.from(`{"seq":${seq}}`);
    const leaf = new Uint8Array(createHash('sha256').update(Buffer.of(0)).update(bytes).digest());
    out.push({ seq, stream: `case-${seq}`, revision: 0, actId: `a-${seq}`, recordedAt: '2030-01-01T00:00:00.000Z', bytes, leaf, disclosures: [] });
  }
  return out;
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
