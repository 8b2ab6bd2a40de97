import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { Ed25519KeyPair } from '../../src/audit/ed25519-nacl.js';

/**
 * Test parties' keys and signatures through node:crypto: on this machine tweetnacl takes about 10 ms
 * per key pair and per signature, node:crypto well under one. The keys have tweetnacl's layout (a
 * 64-byte secret key: seed, then public key) and Ed25519 signatures are deterministic, so everything
 * signed here is byte for byte what tweetnacl would sign.
 */
export function fastKeyPair(): Ed25519KeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const publicKey = new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
  const secretKey = new Uint8Array(64);
  secretKey.set(seed, 0);
  secretKey.set(publicKey, 32);
  return { publicKey, secretKey };
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function fastSign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
  return new Uint8Array(sign(null, message, key));
}
