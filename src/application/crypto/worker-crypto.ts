import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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

/**
 * Signature work on worker threads, so the writer's thread does the rest while the other cores verify
 * and sign. Calls made in one turn of the event loop travel to a worker together, in messages of at
 * most MAX_CALLS_PER_MESSAGE calls.
 */
export class WorkerCrypto implements LedgerCrypto {
  private readonly workers: Worker[];
  private readonly outstanding = new Map<number, Outstanding>();
  private gathering: { batch: CryptoBatch; callbacks: Outstanding } | undefined;
  private nextId = 0;
  private nextWorker = 0;
  private closed = false;

  /** Without a key the workers only verify (the store audit); sign() then rejects. */
  constructor(
    private readonly key: LedgerKey | undefined,
    workerCount: number,
  ) {
    if (workerCount < 1) throw new RangeError('workerCount must be at least 1');
    const file = workerFile();
    this.workers = Array.from({ length: workerCount }, () => {
      const worker = new Worker(file, { workerData: { privateKey: key?.privateKeyObject } });
      worker.on('message', (results: CryptoResults) => this.settle(results));
      worker.on('error', (error) => this.failAll(error));
      worker.unref();
      return worker;
    });
  }

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
    this.failAll(new Error('the crypto workers were stopped'));
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
    this.outstanding.set(gathered.batch.id, gathered.callbacks);
    const worker = this.workers[this.nextWorker++ % this.workers.length];
    worker.ref(); // keep the process alive while results are owed
    worker.postMessage(gathered.batch);
  }

  private settle(results: CryptoResults): void {
    const callbacks = this.outstanding.get(results.id);
    this.outstanding.delete(results.id);
    if (this.outstanding.size === 0) for (const worker of this.workers) worker.unref();
    callbacks?.verify.forEach(({ resolve }, i) => resolve(results.verified[i]));
    callbacks?.sign.forEach(({ resolve }, i) => resolve(results.signatures[i]));
  }

  /** A crashed or stopped worker must not leave acts waiting forever. */
  private failAll(error: Error): void {
    for (const callbacks of this.outstanding.values()) {
      for (const { reject } of [...callbacks.verify, ...callbacks.sign]) reject(error);
    }
    this.outstanding.clear();
  }
}

/** The compiled worker beside this module; when running from sources (tests), the build's copy (npm test builds first). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const compiled = here.endsWith('.ts')
    ? here.replace(/\/src\/application\/crypto\/worker-crypto\.ts$/, '/dist/src/application/crypto/crypto-worker.js')
    : here.replace(/worker-crypto\.js$/, 'crypto-worker.js');
  if (!existsSync(compiled)) throw new Error(`the crypto worker is not built: ${compiled} (run npm run build)`);
  return compiled;
}
