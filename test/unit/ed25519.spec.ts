import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/audit/encoding.js';
import { verifyStrictNode, StrictEd25519Verifier } from '../../src/backends/node-crypto.js';
import { newKeyPair, signNacl, verifyStrictNacl } from '../../src/audit/ed25519-nacl.js';
import { isCanonicalScalar, isSmallOrderPoint } from '../../src/audit/ed25519-rules.js';
import { loadVector } from '../support/vectors.js';
import { addGroupOrder } from '../support/malleate.js';

interface EdCase {
  message: string;
  pub_key: string;
  signature: string;
  pub_key_small_order: boolean;
  /** 'invalid-encoding' marks R = p, a non-canonical encoding of y = 0: our rule counts it as small order. */
  r_small_order: boolean | 'invalid-encoding';
  s_non_canonical: boolean;
  strict_valid: boolean;
}
const { cases } = loadVector<{ cases: EdCase[] }>('ed25519-edge-cases.json');

describe('strict Ed25519 on the edge cases of ed25519-speccheck', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i: both verifiers give the strict verdict', (_i, c) => {
    const [pub, msg, sig] = [fromHex(c.pub_key), fromHex(c.message), fromHex(c.signature)];
    expect(verifyStrictNode(pub, msg, sig)).toBe(c.strict_valid);
    expect(verifyStrictNacl(pub, msg, sig)).toBe(c.strict_valid);
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i: the small-order and scalar rules match the labels', (_i, c) => {
    const sig = fromHex(c.signature);
    expect(isSmallOrderPoint(fromHex(c.pub_key))).toBe(c.pub_key_small_order);
    expect(isSmallOrderPoint(sig.subarray(0, 32))).toBe(c.r_small_order !== false);
    expect(isCanonicalScalar(sig.subarray(32))).toBe(!c.s_non_canonical);
  });
});

describe('strict Ed25519 on fresh keys', () => {
  const keys = newKeyPair();
  const message = new TextEncoder().encode('harbor');
  const signature = signNacl(keys.secretKey, message);

  it('accepts a good signature in both verifiers', () => {
    expect(new StrictEd25519Verifier(keys.publicKey).verify(message, signature)).toBe(true);
    expect(verifyStrictNacl(keys.publicKey, message, signature)).toBe(true);
  });

  it('rejects S + L, which tweetnacl alone would accept', () => {
    const malleated = addGroupOrder(signature);
    expect(verifyStrictNacl(keys.publicKey, message, malleated)).toBe(false);
    expect(verifyStrictNode(keys.publicKey, message, malleated)).toBe(false);
  });

  it('returns false, never throws, for signatures of the wrong length', () => {
    expect(new StrictEd25519Verifier(keys.publicKey).verify(message, signature.subarray(0, 63))).toBe(false);
    expect(verifyStrictNacl(keys.publicKey, message, new Uint8Array(0))).toBe(false);
  });

  it('names the argument when a key has the wrong length', () => {
    expect(() => new StrictEd25519Verifier(new Uint8Array(31))).toThrow(/publicKey must be 32 bytes/);
  });
});
