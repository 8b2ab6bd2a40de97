import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { isSmallOrderPoint, passesStrictPrechecks, PUBLIC_KEY_LENGTH } from '../audit/ed25519-rules.js';
import { useSha256, type Sha256 } from '../audit/sha256.js';

/**
 * The node:crypto backend of src/audit (which has no node:crypto of its own, so that it runs in a
 * browser too): OpenSSL's SHA-256 and Ed25519, for the server, the CLI and the benches.
 */
export const nodeSha256: Sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

/** Installs node:crypto's SHA-256 for src/audit (each thread that hashes calls it once). */
export function useNodeCrypto(): void {
  useSha256(nodeSha256);
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * A strict Ed25519 verifier for one public key, backed by OpenSSL (node:crypto): the server's hot path.
 * Wrapping the key once and reusing the KeyObject doubles the verify rate.
 *
 * Precondition: publicKey is 32 bytes (throws otherwise). A small-order key never verifies anything.
 */
export class StrictEd25519Verifier {
  private readonly keyObject: KeyObject | undefined;

  constructor(readonly publicKey: Uint8Array) {
    if (publicKey.length !== PUBLIC_KEY_LENGTH) {
      throw new TypeError(`publicKey must be ${PUBLIC_KEY_LENGTH} bytes, got ${publicKey.length}`);
    }
    this.keyObject = isSmallOrderPoint(publicKey)
      ? undefined
      : createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  }

  /** True only when the signature passes the strict rule; never throws for a malformed signature. */
  verify(message: Uint8Array, signature: Uint8Array): boolean {
    if (!this.keyObject || !passesStrictPrechecks(this.publicKey, signature)) return false;
    return cryptoVerify(null, message, this.keyObject, signature);
  }
}

/** One-shot strict verification (wraps the key on every call: use StrictEd25519Verifier on hot paths). */
export function verifyStrictNode(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  return new StrictEd25519Verifier(publicKey).verify(message, signature);
}
