import { decodeBase64, encodeBase64, fromHex, toHex, utf8 } from './encoding.js';
import type { StrictVerify } from './ed25519-verify.js';
import { equalBytes } from './merkle-hash.js';
import { assertKeyName } from './note-key.js';
import { sha256 } from './sha256.js';

/**
 * C2SP tlog-cosignature, Ed25519 `cosignature/v1`: a witness's timestamped statement that the
 * checkpoint is the largest consistent tree it has seen of the log. Its note signature line is
 * `— <witness name> base64(key id ‖ u64 timestamp ‖ signature)`, the signature over
 * `cosignature/v1\ntime <t>\n` followed by the checkpoint's note body.
 */
const COSIGNATURE_TYPE = 0x04;
const EM_DASH_PREFIX = '\u2014 ';

export interface WitnessKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

/** SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(utf8(name), Uint8Array.of(0x0a, COSIGNATURE_TYPE), publicKey).slice(0, 4);
}

/** The witness's verifier key, `name+hex(key id)+base64(0x04 ‖ public key)`, to pin out of band. */
export function witnessVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  const material = new Uint8Array(33);
  material[0] = COSIGNATURE_TYPE;
  material.set(publicKey, 1);
  return `${name}+${toHex(cosignerKeyId(name, publicKey))}+${encodeBase64(material)}`;
}

export function parseWitnessKey(vkey: string): WitnessKey | undefined {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(vkey.trim());
  if (!match) return undefined;
  const raw = decodeBase64(match[3]);
  if (!raw || raw.length !== 33 || raw[0] !== COSIGNATURE_TYPE) return undefined;
  const publicKey = raw.subarray(1);
  if (toHex(cosignerKeyId(match[1], publicKey)) !== match[2]) return undefined;
  return { name: match[1], keyId: fromHex(match[2]), publicKey };
}

/** The message a cosignature signs: the header and time lines, then the checkpoint body with its final newline. */
export function cosignedMessage(timestamp: number, body: string): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) throw new RangeError(`a cosignature's timestamp must be a positive integer, got ${timestamp}`);
  return utf8(`cosignature/v1\ntime ${timestamp}\n${body}`);
}

/** Cosigns a checkpoint body at `timestamp` (POSIX seconds): the signature line, with its newline. */
export function cosign(body: string, name: string, publicKey: Uint8Array, timestamp: number, sign: (message: Uint8Array) => Uint8Array): string {
  const signature = sign(cosignedMessage(timestamp, body));
  const payload = new Uint8Array(4 + 8 + 64);
  payload.set(cosignerKeyId(name, publicKey), 0);
  new DataView(payload.buffer).setBigUint64(4, BigInt(timestamp), false);
  payload.set(signature, 12);
  return `${EM_DASH_PREFIX}${name} ${encodeBase64(payload)}\n`;
}

export type CosignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** Finds and verifies the witness's cosignature among a note's signature lines. */
export function verifyCosignature(note: string, witness: WitnessKey, verify: StrictVerify): CosignatureCheck {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { ok: false, reason: 'not a signed note' };
  const body = note.slice(0, split + 1);
  let seen = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    if (!line.startsWith(EM_DASH_PREFIX)) continue;
    const [name, encoded] = line.slice(EM_DASH_PREFIX.length).split(' ');
    const payload = decodeBase64(encoded ?? '');
    if (name !== witness.name || !payload || payload.length !== 76 || !equalBytes(payload.subarray(0, 4), witness.keyId)) continue;
    seen = true;
    const timestamp = new DataView(payload.buffer, payload.byteOffset).getBigUint64(4, false);
    if (timestamp === 0n || timestamp > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    if (verify(witness.publicKey, cosignedMessage(Number(timestamp), body), payload.subarray(12))) return { ok: true, timestamp: Number(timestamp) };
  }
  return { ok: false, reason: seen ? `the cosignature of ${witness.name} does not verify` : `no cosignature of ${witness.name}` };
}

/** The note with extra signature lines appended (each ending in a newline). */
export function withSignatures(note: string, lines: readonly string[]): string {
  return note + lines.join('');
}
