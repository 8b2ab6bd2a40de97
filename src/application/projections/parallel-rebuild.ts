import { Worker } from 'node:worker_threads';
import { compiledWorker } from '../compiled-worker.js';
import type { LedgerStore } from '../ports/ledger-store.js';
import type { ProjectionStore } from '../ports/projection-store.js';
import type { StreamRange } from './stream-rebuild.js';

/** What a rebuild worker is told (rebuild-worker.ts). */
export interface RebuildWorkerData {
  log: string;
  projections: string;
  end: number;
  range: StreamRange;
  deploymentSlas: Record<string, number>;
  batchSize: number;
  partyCacheSize: number;
}

export type RebuildWorkerMessage = { progress: number } | { done: true };

export interface ParallelRebuildOptions {
  /** Threads judging cases at once (each with its own connections; their transactions take turns). */
  workers: number;
  /** Logs shorter than this are rebuilt on the calling thread: starting threads would cost more. */
  from: number;
  deploymentSlas: Record<string, number>;
  batchSize: number;
  partyCacheSize: number;
}

/**
 * The case half of a rebuild on several threads, when both stores are SQLite files: the cases are
 * split by stream name into one run per worker, and each worker reads its run from the log, judges
 * each case with its parties' final states (written before it starts) and writes its batches into
 * the projection file, the workers' transactions taking turns (SQLite has one writer at a time, so
 * one worker judges while another writes). Undefined where it does not apply: the rebuild stays on
 * the calling thread.
 */
export function casesOnWorkers(log: LedgerStore, store: ProjectionStore, options: ParallelRebuildOptions) {
  const logPath = log.sqliteFile;
  if (options.workers < 2 || logPath === undefined || store.location === ':memory:' || !log.splitStreams) return undefined;
  const split = log.splitStreams.bind(log);
  return (end: number, progress: (entries: number) => void, stopped: () => boolean): Promise<boolean> | undefined => {
    if (end < options.from) return undefined;
    return split('case-', options.workers, end).then((names) => {
      const ranges: StreamRange[] = [undefined, ...names].map((from, i) => ({ from, to: names[i] }));
      const data = (range: StreamRange): RebuildWorkerData => ({ log: logPath, projections: store.location, end, range, deploymentSlas: options.deploymentSlas, batchSize: options.batchSize, partyCacheSize: options.partyCacheSize });
      return runWorkers(ranges.map(data), progress, stopped);
    });
  };
}

/** Runs one worker per share; resolves true when all are done, false when stopped (the workers are ended). */
function runWorkers(shares: RebuildWorkerData[], progress: (entries: number) => void, stopped: () => boolean): Promise<boolean> {
  const file = compiledWorker(import.meta.url, 'rebuild-worker.js');
  const workers = shares.map((workerData) => new Worker(file, { workerData }));
  const endAll = () => Promise.all(workers.map((w) => w.terminate()));
  return new Promise<boolean>((resolve, reject) => {
    let running = workers.length;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      outcome();
    };
    const watch = setInterval(() => stopped() && settle(() => void endAll().then(() => resolve(false))), 100);
    for (const worker of workers) {
      worker.on('message', (message: RebuildWorkerMessage) => {
        if ('progress' in message) progress(message.progress);
        else if (--running === 0) settle(() => resolve(true));
      });
      worker.on('error', (error) => settle(() => void endAll().finally(() => reject(error))));
      worker.on('exit', (code) => code !== 0 && settle(() => void endAll().finally(() => reject(new Error(`a rebuild worker stopped with code ${code}`)))));
    }
  });
}
