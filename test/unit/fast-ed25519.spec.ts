import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { fastKeyPair, fastSign } from '../support/fast-ed25519.js';

describe('the test parties’ node:crypto signer', () => {
  it('makes tweetnacl’s key layout and tweetnacl’s very signatures', () => {
    for (let i = 0; i < 5; i++) {
      const keys = fastKeyPair();
      expect(Buffer.from(nacl.sign.keyPair.fromSeed(keys.secretKey.subarray(0, 32)).secretKey)).toEqual(Buffer.from(keys.secretKey));
      const message = new TextEncoder().encode(`message ${i}`);
      expect(Buffer.from(fastSign(keys.secretKey, message))).toEqual(Buffer.from(nacl.sign.detached(message, keys.secretKey)));
    }
  });
});
