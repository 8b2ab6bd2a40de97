import { sha256 } from './sha256.js';
import { concatBytes, decodeBase64, encodeBase64, fromHex, toHex, utf8 } from './encoding.js';

/** C2SP signed-note signature types: an Ed25519 note signature, and an Ed25519 cosignature/v1 (tlog-cosignature). */
export const ED25519_NOTE_TYPE = 0x01;
export const ED25519_COSIGNATURE_TYPE = 0x04;

/** A note key as a verifier key names it. */
export interface NoteKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * The 4-byte key id of a C2SP signed-note key: SHA-256(name ‖ 0x0A ‖ type ‖ pubkey)[:4].
 * Precondition: name is a valid note key name (no spaces or '+'), publicKey 32 bytes.
 */
export function noteKeyId(name: string, publicKey: Uint8Array, type = ED25519_NOTE_TYPE): Uint8Array {
  return sha256(utf8(name), Uint8Array.of(0x0a, type), publicKey).slice(0, 4);
}

/** The verifier key string `name+hex(keyid)+base64(type ‖ pubkey)`, to be pinned out of band. */
export function noteVerifierKey(name: string, publicKey: Uint8Array, type = ED25519_NOTE_TYPE): string {
  assertKeyName(name);
  return `${name}+${toHex(noteKeyId(name, publicKey, type))}+${encodeBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

/** Parses `name+hexkeyid+base64(type ‖ pubkey)` of this type, checking that the key id matches the key. Undefined if malformed. */
export function parseNoteKey(vkey: string, type: number): NoteKey | undefined {
  // Names cannot contain '+', but the base64 key can: split at the first two only.
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(vkey.trim());
  if (!match) return undefined;
  const raw = decodeBase64(match[3]);
  if (!raw || raw.length !== 33 || raw[0] !== type) return undefined;
  const publicKey = raw.subarray(1);
  if (toHex(noteKeyId(match[1], publicKey, type)) !== match[2]) return undefined;
  return { name: match[1], keyId: fromHex(match[2]), publicKey };
}

export function assertKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new TypeError(`note key name must be non-empty without spaces or '+': ${JSON.stringify(name)}`);
}
