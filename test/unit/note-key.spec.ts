import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/audit/encoding.js';
import { noteVerifierKey } from '../../src/audit/note-key.js';
import { loadVector } from '../support/vectors.js';

interface NoteVectors {
  derived: Record<string, { name: string; pubHex: string; vkey: string } | unknown>;
}
const vectors = loadVector<NoteVectors>('c2sp-signed-note.json');
const logKey = vectors.derived.logKey as { name: string; pubHex: string; vkey: string };

describe('C2SP signed-note verifier keys', () => {
  it('derives the key id and verifier key of the vector log key', () => {
    expect(noteVerifierKey(logKey.name, fromHex(logKey.pubHex))).toBe(logKey.vkey);
  });

  it('refuses a key name with a space or a plus', () => {
    expect(() => noteVerifierKey('bad name', new Uint8Array(32))).toThrow(/note key name/);
    expect(() => noteVerifierKey('bad+name', new Uint8Array(32))).toThrow(/note key name/);
  });
});
