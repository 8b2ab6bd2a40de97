import { join } from 'node:path';
import { LogProofs } from '../src/application/log-proofs.js';
import { TileServer } from '../src/application/tile-server.js';
import { toHex } from '../src/audit/encoding.js';
import { TileNodeReader } from '../src/audit/tiles.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { summarize, type LatencySummary } from './stats.js';

/**
 * The log as tiles at `size` entries (the proofs bench's store): proofs rebuilt by a tile client
 * from tiles alone (a fresh client each time, so every tile a proof needs is read) must equal the
 * ledger's own, for random leaves and random older tree sizes.
 */
export async function benchTiles(tmp: string, size: number, log: (line: string) => void): Promise<{ size: number; compared: number; inclusion: LatencySummary; consistency: LatencySummary }> {
  const store = new SqliteLedgerStore(join(tmp, 'proofs', 'ledger.db'));
  try {
    const proofs = new LogProofs(store);
    // Tiles exist once a checkpoint covers them (only its size is read here).
    await store.appendCheckpoint({ size, root: new Uint8Array(32), note: 'bench\n', signedAt: new Date().toISOString() });
    const tiles = new TileServer(store);
    const fetch = (level: number, index: number, width: number | undefined) => tiles.read({ kind: 'hashes', level, index, ...(width === undefined ? {} : { width }) });
    const samples = 2000;
    const inclusion: number[] = [];
    const consistency: number[] = [];
    for (let i = 0; i < samples; i++) {
      const seq = Math.floor(Math.random() * size);
      let t0 = performance.now();
      const fromTiles = await new TileNodeReader(size, fetch).inclusionProof(seq);
      inclusion.push(performance.now() - t0);
      const served = await proofs.inclusion(seq, size);
      if (fromTiles.map(toHex).join() !== served.proof.join()) throw new Error(`inclusion proof of ${seq} from tiles differs from the ledger's`);
      const older = 1 + Math.floor(Math.random() * (size - 1));
      t0 = performance.now();
      const consistent = await new TileNodeReader(size, fetch).consistencyProof(older);
      consistency.push(performance.now() - t0);
      if (consistent.map(toHex).join() !== (await proofs.consistency(older, size)).proof.join()) throw new Error(`consistency proof from ${older} differs`);
    }
    const figures = { size, compared: samples * 2, inclusion: summarize(inclusion), consistency: summarize(consistency) };
    log(`  ${figures.compared} proofs rebuilt from tiles alone at ${size} entries, each equal to the ledger's; inclusion p50 ${figures.inclusion.p50Ms} ms, p99 ${figures.inclusion.p99Ms} ms; consistency p50 ${figures.consistency.p50Ms} ms, p99 ${figures.consistency.p99Ms} ms (every tile read from the store)`);
    return figures;
  } finally {
    await store.close();
  }
}
