import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LogProofs } from '../src/application/log-proofs.js';
import type { NewEntry } from '../src/application/ports/ledger-store.js';
import { CompactRange } from '../src/audit/merkle-tree.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { summarize, type LatencySummary } from './stats.js';

/**
 * Inclusion-proof latency on a SQLite store of `size` entries (default 1,000,000): the store is filled
 * with synthetic entries and their Merkle nodes (proofs never read entry contents), then proofs for
 * random leaves against the full tree are built from stored nodes.
 */
export async function benchProofs(tmp: string, size: number, log: (line: string) => void): Promise<{ size: number; buildSeconds: number; samples: number } & LatencySummary> {
  const store = new SqliteLedgerStore(join(tmp, 'proofs', 'ledger.db'));
  const range = CompactRange.empty();
  const started = performance.now();
  const batch = 10_000;
  for (let from = 0; from < size; from += batch) {
    const entries: NewEntry[] = [];
    const nodes = [];
    for (let seq = from; seq < Math.min(size, from + batch); seq++) {
      const bytes = Buffer.from(`{"seq":${seq}}`);
      const leaf = new Uint8Array(createHash('sha256').update(Buffer.of(0)).update(bytes).digest());
      entries.push({ seq, stream: `case-${seq}`, revision: 0, actId: `a-${seq}`, recordedAt: '2030-01-01T00:00:00.000Z', bytes, leaf, disclosures: [] });
      for (const node of range.append(leaf)) if (node.level > 0) nodes.push(node);
    }
    await store.append(entries, nodes);
  }
  const buildSeconds = (performance.now() - started) / 1000;
  log(`  filled a store with ${size} entries and their nodes in ${buildSeconds.toFixed(1)} s`);
  const proofs = new LogProofs(store);
  const samples = 20_000;
  const latencies: number[] = [];
  for (let i = 0; i < 1000; i++) await proofs.inclusion(Math.floor(Math.random() * size), size); // warm up
  for (let i = 0; i < samples; i++) {
    const seq = Math.floor(Math.random() * size);
    const t0 = performance.now();
    await proofs.inclusion(seq, size);
    latencies.push(performance.now() - t0);
  }
  await store.close();
  return { size, buildSeconds, samples, ...summarize(latencies) };
}
