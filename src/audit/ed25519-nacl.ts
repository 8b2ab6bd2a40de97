import nacl from 'tweetnacl';
import { passesStrictPrechecks } from './ed25519-rules.js';

/**
 * Strict Ed25519 verification with tweetnacl, for clients, the CLI and the browser. Gives the same
 * verdict as the server's node:crypto verifier on every input, because both apply the same prechecks.
 */
export function verifyStrictNacl(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!passesStrictPrechecks(publicKey, signature)) return false;
  return nacl.sign.detached.verify(message, signature, publicKey);
}

/** Signs with a 64-byte tweetnacl secret key (seed ‖ public key). */
export function signNacl(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  if (secretKey.length !== nacl.sign.secretKeyLength) {
    throw new TypeError(`secretKey must be ${nacl.sign.secretKeyLength} bytes, got ${secretKey.length}`);
  }
  return nacl.sign.detached(message, secretKey);
}

export interface Ed25519KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export function newKeyPair(): Ed25519KeyPair {
  return nacl.sign.keyPair();
}

export function keyPairFromSeed(seed: Uint8Array): Ed25519KeyPair {
  return nacl.sign.keyPair.fromSeed(seed);
}
