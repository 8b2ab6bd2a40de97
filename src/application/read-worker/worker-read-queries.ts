import { Worker } from 'node:worker_threads';
import { compiledWorker } from '../compiled-worker.js';
import { LedgerError, type LedgerErrorCode } from '../../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import { RawJson, type ReadQueries, type ReadQueryName } from '../read-queries.js';
import type { ReadRequest, ReadResponse, ReadWorkerData } from './read-worker.js';

/**
 * The read side on a worker thread: the projector that follows the log (its transactions and
 * checkpoints) and every cross-case read, on the worker's own connections. Each read first brings the
 * projections up to the log's end, so it covers what was committed when it was asked, and says which
 * position it read. Answers come back as JSON text (RawJson), typed here as the objects they encode.
 */
export class WorkerReadQueries implements ReadQueries {
  private worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private closed = false;
  private signalStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.signalStarted = resolve));

  constructor(
    private readonly data: ReadWorkerData,
    private readonly clock: Clock,
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = new Worker(compiledWorker(import.meta.url, 'read-worker.js'), { workerData: this.data });
    worker.on('message', (response: ReadResponse) => this.settle(response));
    worker.on('error', (error) => this.died(worker, error));
    worker.on('exit', (code) => this.died(worker, new Error(`the read worker exited with code ${code}`)));
    // Held until it has started (else a process waiting for nothing else would exit), then let go.
    worker.once('message', () => worker.unref());
    return worker;
  }

  /** A dead worker fails its pending reads (they may be asked again) and is replaced. */
  private died(worker: Worker, error: Error): void {
    if (this.closed || worker !== this.worker) return;
    for (const { reject } of this.waiting.values()) reject(new LedgerError('unavailable', `the read failed: ${error.message}; ask again`));
    this.waiting.clear();
    this.worker = this.spawn();
  }

  /** Resolves once the worker has loaded and listens: until then a read would wait for its start. */
  ready(): Promise<void> {
    return this.started;
  }

  private settle(response: ReadResponse): void {
    if ('started' in response) return this.signalStarted();
    const waiting = this.waiting.get(response.id);
    if (!waiting) return;
    this.waiting.delete(response.id);
    if ('json' in response) {
      const json = new RawJson(Buffer.from(response.json.buffer, response.json.byteOffset, response.json.byteLength));
      waiting.resolve(response.position === undefined ? json : { position: response.position, value: json });
    }
    else if ('code' in response.error) waiting.reject(new LedgerError(response.error.code as LedgerErrorCode, response.error.message, response.error.field, response.error.rule));
    else waiting.reject(new Error(response.error.message));
  }

  private async ask<T>(query: ReadQueryName, args: unknown[]): Promise<T> {
    if (this.closed) throw new LedgerError('unavailable', 'the ledger is stopping');
    return this.send<T>({ id: this.nextId++, query, args, now: this.clock.now().toISOString() });
  }

  private send<T>(request: ReadRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(request);
    });
  }

  providerCompliance(...args: Parameters<ReadQueries['providerCompliance']>) {
    return this.ask<Awaited<ReturnType<ReadQueries['providerCompliance']>>>('providerCompliance', args);
  }
  repeatInfringers(...args: Parameters<ReadQueries['repeatInfringers']>) {
    return this.ask<Awaited<ReturnType<ReadQueries['repeatInfringers']>>>('repeatInfringers', args);
  }
  notifierConduct(...args: Parameters<ReadQueries['notifierConduct']>) {
    return this.ask<Awaited<ReturnType<ReadQueries['notifierConduct']>>>('notifierConduct', args);
  }
  async providerCaseIds(...args: Parameters<ReadQueries['providerCaseIds']>) {
    // Lists come back as JSON text; this one is read here, by the dossier builder.
    const answer = await this.ask<RawJson>('providerCaseIds', args);
    return JSON.parse(answer.bytes.toString('utf8')) as string[];
  }
  cases(...args: Parameters<ReadQueries['cases']>) {
    return this.ask<Awaited<ReturnType<ReadQueries['cases']>>>('cases', args);
  }
  parties(...args: Parameters<ReadQueries['parties']>) {
    return this.ask<Awaited<ReturnType<ReadQueries['parties']>>>('parties', args);
  }
  notifiers(...args: Parameters<ReadQueries['notifiers']>) {
    return this.ask<Awaited<ReturnType<ReadQueries['notifiers']>>>('notifiers', args);
  }
  repeatInfringerList(...args: Parameters<ReadQueries['repeatInfringerList']>) {
    return this.ask<Awaited<ReturnType<ReadQueries['repeatInfringerList']>>>('repeatInfringerList', args);
  }

  /** Lets the worker finish its reads and its projector's batch, then stops it (after 10 s, by force). */
  async close(): Promise<void> {
    if (this.closed) return;
    const stopped = this.send({ id: this.nextId++, stop: true });
    this.closed = true;
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]).catch(() => undefined);
    await this.worker.terminate();
    for (const { reject } of this.waiting.values()) reject(new LedgerError('unavailable', 'the ledger is stopping'));
    this.waiting.clear();
  }
}
