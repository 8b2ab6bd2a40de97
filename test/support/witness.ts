import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import { witnessVerifierKey } from '../../src/audit/cosignature.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { witnessServer } from '../../src/http/witness-server.js';
import { SqliteWitnessState } from '../../src/store/sqlite/witness-state.js';
import { Witness } from '../../src/witness/witness.js';
import { fastKeyPair, fastSign } from './fast-ed25519.js';

export interface TestWitness {
  url: string;
  vkey: string;
  app: FastifyInstance;
}

/** A witness listening on a loopback port, following one log (its verifier key). */
export async function startWitness(name: string, logVkey: string): Promise<TestWitness> {
  const keys = fastKeyPair();
  const identity = { name, publicKey: keys.publicKey, sign: (m: Uint8Array) => fastSign(keys.secretKey, m) };
  const logKey = parseVerifierKey(logVkey)!;
  const vkey = witnessVerifierKey(name, keys.publicKey);
  const app = witnessServer(new Witness(identity, new Map([[logKey.name, logKey]]), new SqliteWitnessState(':memory:'), () => new Date(), verifyStrictNode), { vkey, logs: [logVkey] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, vkey, app };
}
