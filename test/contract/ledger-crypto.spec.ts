import { afterAll, describe, expect, it } from 'vitest';
import { InlineCrypto } from '../../src/application/crypto/inline-crypto.js';
import { WorkerCrypto } from '../../src/application/crypto/worker-crypto.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import type { LedgerCrypto } from '../../src/application/ports/ledger-crypto.js';
import { encodeBase64, fromHex } from '../../src/audit/encoding.js';
import { verifyStrictNacl } from '../../src/audit/ed25519-nacl.js';
import { loadVector } from '../support/vectors.js';

interface EdCase {
  message: string;
  pub_key: string;
  signature: string;
  strict_valid: boolean;
}
const { cases } = loadVector<{ cases: EdCase[] }>('ed25519-edge-cases.json');
const key = LedgerKey.fromSeed('test.example/log', new Uint8Array(32).fill(3));

const implementations: [string, LedgerCrypto][] = [
  ['inline', new InlineCrypto(key)],
  ['worker threads', new WorkerCrypto(key, 2)],
];
afterAll(async () => Promise.all(implementations.map(([, c]) => c.close())));

describe.each(implementations)('ledger crypto (%s)', (_name, crypto) => {
  it('gives the strict verdict on every edge case, many calls in one message', async () => {
    const verdicts = await Promise.all(cases.map((c) => crypto.verify(encodeBase64(fromHex(c.pub_key)), fromHex(c.message), fromHex(c.signature))));
    expect(verdicts).toEqual(cases.map((c) => c.strict_valid));
  });

  it('signs with the ledger key', async () => {
    const message = new TextEncoder().encode('harbor-ledger/v1/receipt\n{}');
    const signature = await crypto.sign(message);
    expect(verifyStrictNacl(key.publicKey, message, signature)).toBe(true);
  });

  it('returns false for a malformed key instead of throwing', async () => {
    expect(await crypto.verify('not base64', new Uint8Array(1), new Uint8Array(64))).toBe(false);
  });
});

describe('worker crypto after close', () => {
  it('rejects instead of hanging', async () => {
    const crypto = new WorkerCrypto(key, 1);
    await crypto.close();
    await expect(Promise.race([crypto.sign(new Uint8Array(1)), new Promise((_, reject) => setTimeout(() => reject(new Error('hung')), 2000))])).rejects.toThrow(/stopped/);
  });
});

describe('worker crypto when a worker dies', () => {
  const workersOf = (crypto: WorkerCrypto) => (crypto as unknown as { workers: { terminate(): Promise<number> }[] }).workers;
  const message = new TextEncoder().encode('harbor-ledger/v1/receipt\n{}');

  it('replaces the dead worker and answers a call that was in flight on it (regression: never replaced)', async () => {
    const crypto = new WorkerCrypto(key, 1);
    try {
      const pending = crypto.sign(message);
      await Promise.resolve(); // the call is posted to the only worker
      await workersOf(crypto)[0].terminate();
      expect(verifyStrictNacl(key.publicKey, message, await pending)).toBe(true);
      expect(crypto.replacements).toBe(1);
      // The replacement takes new work too.
      expect(verifyStrictNacl(key.publicKey, message, await crypto.sign(message))).toBe(true);
    } finally {
      await crypto.close();
    }
  });

  it('refuses a call whose worker dies twice instead of retrying it forever', async () => {
    const crypto = new WorkerCrypto(key, 1);
    try {
      const pending = crypto.sign(message);
      await Promise.resolve();
      await workersOf(crypto)[0].terminate();
      await workersOf(crypto)[0].terminate(); // the replacement dies before answering
      await expect(pending).rejects.toThrow(/exited/);
      expect(crypto.replacements).toBe(2);
    } finally {
      await crypto.close();
    }
  });
});
