import { utf8 } from './encoding.js';
import type { StrictVerify } from './ed25519-verify.js';
import { equalBytes } from './merkle-hash.js';
import { ED25519_COSIGNATURE_TYPE, noteKeyId, noteVerifierKey, parseNoteKey, type NoteKey } from './note-key.js';
import { signatureLine, splitSignedNote } from './signed-note.js';

/**
 * C2SP tlog-cosignature, Ed25519 `cosignature/v1`: a witness's timestamped statement that the
 * checkpoint is the largest consistent tree it has seen of the log. Its note signature line is
 * `— <witness name> base64(key id ‖ u64 timestamp ‖ signature)`, the signature over
 * `cosignature/v1\ntime <t>\n` followed by the checkpoint's note body.
 */
export type WitnessKey = NoteKey;

/** SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return noteKeyId(name, publicKey, ED25519_COSIGNATURE_TYPE);
}

/** The witness's verifier key, `name+hex(key id)+base64(0x04 ‖ public key)`, to pin out of band. */
export function witnessVerifierKey(name: string, publicKey: Uint8Array): string {
  return noteVerifierKey(name, publicKey, ED25519_COSIGNATURE_TYPE);
}

export function parseWitnessKey(vkey: string): WitnessKey | undefined {
  return parseNoteKey(vkey, ED25519_COSIGNATURE_TYPE);
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
  return signatureLine(name, payload);
}

export type CosignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** Finds and verifies the witness's cosignature among a note's signature lines. */
export function verifyCosignature(note: string, witness: WitnessKey, verify: StrictVerify): CosignatureCheck {
  const signed = splitSignedNote(note);
  if (!signed) return { ok: false, reason: 'not a signed note' };
  const body = signed.text;
  let seen = false;
  for (const line of signed.lines) {
    const payload = line?.payload;
    if (line?.name !== witness.name || !payload || payload.length !== 76 || !equalBytes(payload.subarray(0, 4), witness.keyId)) continue;
    seen = true;
    const timestamp = new DataView(payload.buffer, payload.byteOffset).getBigUint64(4, false);
    if (timestamp === 0n || timestamp > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    if (verify(witness.publicKey, cosignedMessage(Number(timestamp), body), payload.subarray(12))) return { ok: true, timestamp: Number(timestamp) };
  }
  return { ok: false, reason: seen ? `the cosignature of ${witness.name} does not verify` : `no cosignature of ${witness.name}` };
}
