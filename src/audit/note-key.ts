import { sha256 } from './sha256.js';
import { concatBytes, encodeBase64, toHex, utf8 } from './encoding.js';

/** C2SP signed-note Ed25519 signature type. */
const ED25519_NOTE_TYPE = 0x01;

/**
 * The 4-byte key id of a C2SP signed-note Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pubkey)[:4].
 * Precondition: name is a valid note key name (no spaces or '+'), publicKey 32 bytes.
 */
export function noteKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(utf8(name), Uint8Array.of(0x0a, ED25519_NOTE_TYPE), publicKey).slice(0, 4);
}

/** The verifier key string `name+hex(keyid)+base64(0x01 ‖ pubkey)`, to be pinned out of band. */
export function noteVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  return `${name}+${toHex(noteKeyId(name, publicKey))}+${encodeBase64(concatBytes(Uint8Array.of(ED25519_NOTE_TYPE), publicKey))}`;
}

export function assertKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new TypeError(`note key name must be non-empty without spaces or '+': ${JSON.stringify(name)}`);
}
