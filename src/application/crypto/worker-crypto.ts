import { Worker } from 'node:worker_threads';
import { compiledWorker } from '../compiled-worker.js';
import type { LedgerKey } from '../ledger-key.js';
import type { LedgerCrypto } from '../ports/ledger-crypto.js';
import type { CryptoBatch, CryptoResults } from './crypto-worker.js';

const MAX_CALLS_PER_MESSAGE = 32;

interface Callbacks<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

interface Outstanding {
  verify: Callbacks<boolean>[];
  sign: Callbacks<Uint8Array>[];
}

/** A message sent to a worker and not yet answered: resent once if its worker dies. */
interface InFlight {
  batch: CryptoBatch;
  callbacks: Outstanding;
  slot: number;
  resent: boolean;
}

/**
 * Signature work on worker threads, so the writer's thread does the rest while the other cores verify
 * and sign. Calls made in one turn of the event loop travel to a worker together, in messages of at
 * most MAX_CALLS_PER_MESSAGE calls. A worker that dies is replaced at once and its unanswered
 * messages go to the replacement (verifying and Ed25519 signing are pure, so doing them again is
 * safe); a message whose second worker dies too is refused rather than tried forever.
 */
export class WorkerCrypto implements LedgerCrypto {
  private readonly workers: Worker[] = [];
  private readonly inFlight = new Map<number, InFlight>();
  private gathering: { batch: CryptoBatch; callbacks: Outstanding } | undefined;
  private nextId = 0;
  private nextWorker = 0;
  private closed = false;
  private readonly file = compiledWorker(import.meta.url, 'crypto-worker.js');

  /** Without a key the workers only verify (the store audit); sign() then rejects. */
  constructor(
    private readonly key: LedgerKey | undefined,
    workerCount: number,
    private readonly onReplaced: (error: Error) => void = () => undefined,
  ) {
    if (workerCount < 1) throw new RangeError('workerCount must be at least 1');
    for (let slot = 0; slot < workerCount; slot++) this.spawn(slot);
  }

  /** How many workers have been replaced after dying. */
  replacements = 0;

  verify(publicKey: string, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('the crypto workers were stopped'));
    return new Promise((resolve, reject) => {
      const { batch, callbacks } = this.batch();
      batch.verify.push([publicKey, message, signature]);
      callbacks.verify.push({ resolve, reject });
    });
  }

  sign(message: Uint8Array): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the crypto workers were stopped'));
    if (!this.key) return Promise.reject(new Error('these crypto workers hold no ledger key'));
    return new Promise((resolve, reject) => {
      const { batch, callbacks } = this.batch();
      batch.sign.push(message);
      callbacks.sign.push({ resolve, reject });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    const stopped = new Error('the crypto workers were stopped');
    for (const id of [...this.inFlight.keys()]) this.fail(id, stopped);
  }

  private spawn(slot: number): void {
    const worker = new Worker(this.file, { workerData: { privateKey: this.key?.privateKeyObject } });
    worker.on('message', (results: CryptoResults) => this.settle(results));
    worker.on('error', (error) => this.died(slot, worker, error));
    worker.on('exit', (code) => this.died(slot, worker, new Error(`a crypto worker exited with code ${code}`)));
    worker.unref();
    this.workers[slot] = worker;
  }

  /** Replaces a dead worker and sends its unanswered messages to the replacement (once each). */
  private died(slot: number, worker: Worker, error: Error): void {
    if (this.closed || this.workers[slot] !== worker) return; // stopping, or this death was handled already
    this.replacements++;
    this.spawn(slot);
    this.onReplaced(error);
    for (const [id, flight] of this.inFlight) {
      if (flight.slot !== slot) continue;
      if (flight.resent) this.fail(id, error);
      else this.post({ ...flight, resent: true });
    }
  }

  private batch(): { batch: CryptoBatch; callbacks: Outstanding } {
    // Small messages let results stream back while the writer works through the earlier ones.
    if (this.gathering && this.gathering.batch.verify.length + this.gathering.batch.sign.length >= MAX_CALLS_PER_MESSAGE) this.flush();
    if (!this.gathering) {
      this.gathering = { batch: { id: this.nextId++, verify: [], sign: [] }, callbacks: { verify: [], sign: [] } };
      queueMicrotask(() => this.flush());
    }
    return this.gathering;
  }

  private flush(): void {
    const gathered = this.gathering;
    this.gathering = undefined;
    if (!gathered) return;
    this.post({ ...gathered, slot: this.nextWorker++ % this.workers.length, resent: false });
  }

  private post(flight: InFlight): void {
    this.inFlight.set(flight.batch.id, flight);
    const worker = this.workers[flight.slot];
    worker.ref(); // keep the process alive while results are owed
    worker.postMessage(flight.batch);
  }

  private settle(results: CryptoResults): void {
    const flight = this.inFlight.get(results.id);
    this.inFlight.delete(results.id);
    if (this.inFlight.size === 0) for (const worker of this.workers) worker.unref();
    flight?.callbacks.verify.forEach(({ resolve }, i) => resolve(results.verified[i]));
    flight?.callbacks.sign.forEach(({ resolve }, i) => resolve(results.signatures[i]));
  }

  /** Nothing may wait forever on a message that will not be answered. */
  private fail(id: number, error: Error): void {
    const flight = this.inFlight.get(id);
    this.inFlight.delete(id);
    for (const { reject } of [...(flight?.callbacks.verify ?? []), ...(flight?.callbacks.sign ?? [])]) reject(error);
  }
}
