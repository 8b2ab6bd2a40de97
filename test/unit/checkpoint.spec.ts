import { describe, expect, it } from 'vitest';
import { checkpointBody, openCheckpoint, openNote, parseVerifierKey, signNote } from '../../src/audit/checkpoint.js';
import { fromHex, toHex } from '../../src/audit/encoding.js';
import { keyPairFromSeed, signNacl, verifyStrictNacl } from '../../src/audit/ed25519-nacl.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { noteVerifierKey } from '../../src/audit/note-key.js';
import { loadVector } from '../support/vectors.js';

interface NoteVectors {
  published: { c2spExample: { vkey: string; note: string }; goExample: { vkey: string; secondVkey: string; text: string; note: string; noteTwoSignatures: string } };
  derived: { logKey: { name: string; seedHex: string; vkey: string }; witnessKey: { vkey: string }; checkpointBody: string; checkpoint: string };
}
const v = loadVector<NoteVectors>('c2sp-signed-note.json');

describe.each([
  ['node:crypto', verifyStrictNode],
  ['tweetnacl', verifyStrictNacl],
] as const)('C2SP signed notes, verified with %s', (_name, verify) => {
  it('opens the C2SP example note', () => {
    const key = parseVerifierKey(v.published.c2spExample.vkey)!;
    expect(openNote(v.published.c2spExample.note, key, verify)).toEqual({ ok: true, text: 'This is an example message.\n' });
  });

  it('opens the Go example with either of two signatures', () => {
    const { vkey, secondVkey, noteTwoSignatures, note, text } = v.published.goExample;
    expect(openNote(note, parseVerifierKey(vkey)!, verify)).toEqual({ ok: true, text });
    expect(openNote(noteTwoSignatures, parseVerifierKey(secondVkey)!, verify)).toEqual({ ok: true, text });
    expect(openNote(note, parseVerifierKey(secondVkey)!, verify).ok).toBe(false);
  });

  it('opens the derived checkpoint (cosigned by a witness) under the log key', () => {
    const result = openCheckpoint(v.derived.checkpoint, parseVerifierKey(v.derived.logKey.vkey)!, verify);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.checkpoint.size).toBe(8);
      expect(toHex(result.checkpoint.root)).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    }
  });

  it('refuses a checkpoint whose text was changed', () => {
    const tampered = v.derived.checkpoint.replace('\n8\n', '\n9\n');
    expect(openCheckpoint(tampered, parseVerifierKey(v.derived.logKey.vkey)!, verify)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify/) });
  });

  it('refuses a checkpoint signed by another key with the same name', () => {
    const other = keyPairFromSeed(new Uint8Array(32).fill(1));
    const forged = signNote(v.derived.checkpointBody, v.derived.logKey.name, other.publicKey, (m) => signNacl(other.secretKey, m));
    expect(openCheckpoint(forged, parseVerifierKey(v.derived.logKey.vkey)!, verify).ok).toBe(false);
  });
});

describe('signing checkpoints', () => {
  it('reproduces the derived checkpoint signature from the vector seed (Ed25519 is deterministic)', () => {
    const pair = keyPairFromSeed(fromHex(v.derived.logKey.seedHex));
    const note = signNote(v.derived.checkpointBody, v.derived.logKey.name, pair.publicKey, (m) => signNacl(pair.secretKey, m));
    expect(v.derived.checkpoint.startsWith(note)).toBe(true);
  });

  it('writes the body of the vector', () => {
    const root = Buffer.from('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=', 'base64');
    expect(checkpointBody({ origin: v.derived.logKey.name, size: 8, root })).toBe(v.derived.checkpointBody);
  });

  it('parses verifier keys whose base64 holds a plus sign', () => {
    for (let seed = 0; seed < 64; seed++) {
      const pair = keyPairFromSeed(new Uint8Array(32).fill(seed));
      const vkey = noteVerifierKey('harbor.example/log', pair.publicKey);
      expect(Buffer.from(parseVerifierKey(vkey)!.publicKey)).toEqual(Buffer.from(pair.publicKey));
    }
  });

  it('refuses malformed verifier keys', () => {
    expect(parseVerifierKey('name+00000000+AQ==')).toBeUndefined();
    expect(parseVerifierKey(v.derived.logKey.vkey.replace('+39413f34+', '+39413f35+'))).toBeUndefined();
    expect(parseVerifierKey(v.derived.witnessKey.vkey)).toBeUndefined(); // type 0x04 (cosignature), not a note key
  });
});
