/**
 * A rebuild worker (parallel-rebuild.ts): judges and writes the cases of one run of streams into a
 * projection file whose rebuild is in progress, reporting the entries done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useNodeCrypto } from '../../backends/node-crypto.js';
import { SqliteLedgerStore } from '../../store/sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from '../../store/sqlite/sqlite-projection-store.js';
import type { RebuildWorkerData, RebuildWorkerMessage } from './parallel-rebuild.js';
import { readsStreamsInOrder, rebuildCases } from './stream-rebuild.js';

useNodeCrypto();
const data = workerData as RebuildWorkerData;
const log = new SqliteLedgerStore(data.log, { readOnly: true });
const store = new SqliteProjectionStore(data.projections, { rebuildPart: true });
const post = (message: RebuildWorkerMessage) => parentPort!.postMessage(message);
try {
  if (!readsStreamsInOrder(log)) throw new Error('the log cannot be read stream by stream');
  await rebuildCases(log, store, data.end, { version: '', deploymentSlas: data.deploymentSlas, batchSize: data.batchSize, partyCacheSize: data.partyCacheSize }, (entries) => post({ progress: entries }), data.range);
} finally {
  store.close();
  await log.close();
}
post({ done: true });
