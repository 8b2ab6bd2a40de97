import { sha256 as portableSha256 } from '@noble/hashes/sha2.js';

/** SHA-256 of the concatenation of the parts. */
export type Sha256 = (...parts: Uint8Array[]) => Uint8Array;

/** A pure-JS SHA-256 (@noble/hashes, audited): the default, so that src/audit runs anywhere, a browser included. */
export const portableSha256Of: Sha256 = (...parts) => {
  if (parts.length === 1) return portableSha256(parts[0]);
  const hash = portableSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
};

let implementation: Sha256 = portableSha256Of;

/**
 * The SHA-256 every hash of src/audit uses (leaves, nodes, commitments, key ids). Node entry points
 * install node:crypto's (src/backends/node-crypto.ts), which is faster; verdicts are the same (tested
 * on both).
 */
export function useSha256(sha256: Sha256): void {
  implementation = sha256;
}

export function sha256(...parts: Uint8Array[]): Uint8Array {
  return implementation(...parts);
}
