import { decodeBase64, encodeBase64, utf8 } from './encoding.js';
import type { StrictVerify } from './ed25519-verify.js';
import { equalBytes, HASH_SIZE } from './merkle-hash.js';
import { ED25519_NOTE_TYPE, noteKeyId, parseNoteKey, type NoteKey } from './note-key.js';
import { signatureLine, splitSignedNote } from './signed-note.js';

/**
 * C2SP signed notes (signed-note, Ed25519 type 0x01) carrying tlog-checkpoints (DESIGN.md §3.4):
 *
 *     <origin>\n<tree size>\n<base64 root>\n\n— <origin> <base64(key id ‖ signature)>\n
 *
 * Parsing treats the note as attacker-controlled text.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

export type VerifierKey = NoteKey;

export function checkpointBody({ origin, size, root }: Checkpoint): string {
  if (!origin || origin.includes('\n')) throw new TypeError('origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`size must be a non-negative integer, got ${size}`);
  if (root.length !== HASH_SIZE) throw new TypeError(`root must be ${HASH_SIZE} bytes`);
  return `${origin}\n${size}\n${encodeBase64(root)}\n`;
}

/** Signs a note text (ending in a newline) as `keyName`; `sign` signs with the key whose public half is given. */
export function signNote(text: string, keyName: string, publicKey: Uint8Array, sign: (message: Uint8Array) => Uint8Array): string {
  if (!text.endsWith('\n') || text.includes('\n\n')) throw new TypeError('note text must end in a newline and contain no blank line');
  const signature = sign(utf8(text));
  const payload = new Uint8Array(68);
  payload.set(noteKeyId(keyName, publicKey), 0);
  payload.set(signature, 4);
  return `${text}\n${signatureLine(keyName, payload)}`;
}

/** Parses `name+hexkeyid+base64(0x01 ‖ pubkey)`, checking that the key id matches the key. Undefined if malformed. */
export function parseVerifierKey(vkey: string): VerifierKey | undefined {
  return parseNoteKey(vkey, ED25519_NOTE_TYPE);
}

export type NoteCheck = { ok: true; text: string } | { ok: false; reason: string };

/** Opens a signed note: ok when at least one signature line is by `key` and verifies over the text. */
export function openNote(note: string, key: VerifierKey, verify: StrictVerify): NoteCheck {
  const signed = splitSignedNote(note);
  if (!signed) return { ok: false, reason: 'not a signed note (no blank line before signatures)' };
  const { text } = signed;
  let sawKey = false;
  for (const line of signed.lines) {
    if (!line || line.extra || !line.payload || line.payload.length < 5) return { ok: false, reason: 'malformed signature line' };
    const { name, payload } = line;
    if (name !== key.name || !equalBytes(payload.subarray(0, 4), key.keyId)) continue;
    sawKey = true;
    if (payload.length === 68 && verify(key.publicKey, utf8(text), payload.subarray(4))) return { ok: true, text };
  }
  return { ok: false, reason: sawKey ? 'the signature by the key does not verify' : `no signature by ${key.name}` };
}

/** Reads a checkpoint body; undefined if it is not one. */
export function parseCheckpointBody(text: string): Checkpoint | undefined {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.at(-1) !== '') return undefined;
  const [origin, sizeText, rootText] = lines;
  const root = decodeBase64(rootText);
  if (!origin || !/^(0|[1-9][0-9]*)$/.test(sizeText) || !root || root.length !== HASH_SIZE) return undefined;
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return undefined;
  return { origin, size, root };
}

export type CheckpointCheck = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

/** Verifies a checkpoint note under the ledger's key: signature, then body, then origin = key name. */
export function openCheckpoint(note: string, key: VerifierKey, verify: StrictVerify): CheckpointCheck {
  const opened = openNote(note, key, verify);
  if (!opened.ok) return opened;
  const checkpoint = parseCheckpointBody(opened.text);
  if (!checkpoint) return { ok: false, reason: 'the signed text is not a checkpoint' };
  if (checkpoint.origin !== key.name) return { ok: false, reason: `origin ${checkpoint.origin} is not the key's name ${key.name}` };
  return { ok: true, checkpoint };
}
