import { sign, type KeyObject } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { StrictVerifierCache } from './strict-verifiers.js';

/** One message to a crypto worker: the calls WorkerCrypto gathered in one turn of the event loop. */
export interface CryptoBatch {
  id: number;
  verify: [publicKey: string, message: Uint8Array, signature: Uint8Array][];
  sign: Uint8Array[];
}

export interface CryptoResults {
  id: number;
  verified: boolean[];
  signatures: Uint8Array[];
}

if (parentPort) {
  const port = parentPort;
  const privateKey = (workerData as { privateKey: KeyObject }).privateKey;
  const verifiers = new StrictVerifierCache();
  port.on('message', (batch: CryptoBatch) => {
    const results: CryptoResults = {
      id: batch.id,
      verified: batch.verify.map(([publicKey, message, signature]) => verifiers.verify(publicKey, message, signature)),
      signatures: batch.sign.map((message) => new Uint8Array(sign(null, message, privateKey))),
    };
    port.postMessage(results);
  });
}
