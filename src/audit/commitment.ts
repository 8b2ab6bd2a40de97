import { decodeBase64, encodeBase64, toHex, utf8 } from './encoding.js';
import { equalBytes } from './merkle-hash.js';
import { sha256 } from './sha256.js';

/**
 * Salted commitments to personal data (DESIGN.md §3.2): `sha256:<hex of SHA-256(salt ‖ UTF-8 value)>`.
 * The log keeps only the commitment; the clear value and salt live in an erasable side table.
 */
export const COMMITMENT_PATTERN = /^sha256:[0-9a-f]{64}$/;
export const MIN_SALT_BYTES = 16;

export function commitmentOf(value: string, salt: Uint8Array): string {
  if (salt.length < MIN_SALT_BYTES) throw new TypeError(`salt must be at least ${MIN_SALT_BYTES} bytes, got ${salt.length}`);
  return `sha256:${toHex(sha256(salt, utf8(value)))}`;
}

export interface Commitment {
  commitment: string;
  value: string;
  /** Standard padded base64 of the salt. */
  salt: string;
}

export function commit(value: string, salt: Uint8Array = globalThis.crypto.getRandomValues(new Uint8Array(32))): Commitment {
  return { commitment: commitmentOf(value, salt), value, salt: encodeBase64(salt) };
}

/** True when value and salt (base64) open the commitment; false for a short or malformed salt. */
export function opensCommitment(commitment: string, value: string, saltBase64: string): boolean {
  const salt = decodeBase64(saltBase64);
  if (!salt || salt.length < MIN_SALT_BYTES || !COMMITMENT_PATTERN.test(commitment)) return false;
  // Compared in constant time (equalBytes), as the commitment may guard a guessable value.
  return equalBytes(utf8(commitmentOf(value, salt)), utf8(commitment));
}
