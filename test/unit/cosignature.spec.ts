import { describe, expect, it } from 'vitest';
import { noteVerifierKey } from '../../src/audit/note-key.js';
import { checkpointBody, signNote } from '../../src/audit/checkpoint.js';
import { cosign, parseWitnessKey, verifyCosignature, witnessVerifierKey } from '../../src/audit/cosignature.js';
import { decodeBase64, encodeBase64 } from '../../src/audit/encoding.js';
import { checkWitnessQuorum } from '../../src/audit/witness-quorum.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { fastKeyPair, fastSign } from '../support/fast-ed25519.js';

const body = checkpointBody({ origin: 'ledger.test/log', size: 3, root: new Uint8Array(32).fill(3) });
const log = fastKeyPair();
const note = signNote(body, 'ledger.test/log', log.publicKey, (m) => fastSign(log.secretKey, m));
function witness(name: string) {
  const keys = fastKeyPair();
  const vkey = witnessVerifierKey(name, keys.publicKey);
  return { name, keys, vkey, key: parseWitnessKey(vkey)!, line: (t = 1_700_000_000) => cosign(body, name, keys.publicKey, t, (m) => fastSign(keys.secretKey, m)) };
}

describe('witness verifier keys', () => {
  it('round-trips, and refuses a note key, a wrong key id, a short key and a malformed string', () => {
    const w = witness('witness.test/w1');
    expect(w.key.name).toBe('witness.test/w1');
    expect(Buffer.from(w.key.publicKey)).toEqual(Buffer.from(w.keys.publicKey));
    expect(w.vkey).toMatch(/^witness\.test\/w1\+[0-9a-f]{8}\+/);
    expect(parseWitnessKey(noteVerifierKey('witness.test/w1', w.keys.publicKey))).toBeUndefined(); // type 0x01, not 0x04
    const [, name, id, material] = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(w.vkey)!; // base64 may hold '+'
    expect(parseWitnessKey(`${name}+00000000+${material}`)).toBeUndefined();
    expect(parseWitnessKey(`${name}+${id}+${encodeBase64(decodeBase64(material)!.subarray(0, 32))}`)).toBeUndefined();
    expect(parseWitnessKey(`${name} ${id} ${material}`)).toBeUndefined();
    expect(parseWitnessKey(`${name}+${id}+!!!`)).toBeUndefined();
    expect(parseWitnessKey(`  ${w.vkey}\n`)?.name).toBe('witness.test/w1');
    expect(parseWitnessKey(`junk ${w.vkey}`)).toBeUndefined();
    expect(parseWitnessKey(`${w.vkey} junk`)).toBeUndefined();
  });
});

describe('verifying a cosignature', () => {
  it('finds the witness’s line among others and returns its time', () => {
    const w = witness('witness.test/w1');
    const other = witness('witness.test/w2');
    expect(verifyCosignature(note + other.line(5) + w.line(1_700_000_123), w.key, verifyStrictNode)).toEqual({ ok: true, timestamp: 1_700_000_123 });
  });

  it('says why not: no note, no line of that witness, a line that does not verify', () => {
    const w = witness('witness.test/w1');
    expect(verifyCosignature('no blank line\n', w.key, verifyStrictNode)).toEqual({ ok: false, reason: 'not a signed note' });
    expect(verifyCosignature(note.slice(0, -1), w.key, verifyStrictNode)).toEqual({ ok: false, reason: 'not a signed note' });
    expect(verifyCosignature(note, w.key, verifyStrictNode)).toEqual({ ok: false, reason: 'no cosignature of witness.test/w1' });
    // The same name and key id, but the signature of another key: seen, and refused.
    const impostor = fastKeyPair();
    const forged = cosign(body, 'witness.test/w1', w.keys.publicKey, 9, (m) => fastSign(impostor.secretKey, m));
    expect(verifyCosignature(note + forged, w.key, verifyStrictNode)).toEqual({ ok: false, reason: 'the cosignature of witness.test/w1 does not verify' });
    // A note signature of the witness's name (68 bytes, no time) is not a cosignature.
    const plain = signNote(body, 'witness.test/w1', w.keys.publicKey, (m) => fastSign(w.keys.secretKey, m)).split('\n\n')[1];
    expect(verifyCosignature(note + plain, w.key, verifyStrictNode).ok).toBe(false);
  });

  it('skips lines of another name, or of the name with another key id, or not 76 bytes long', () => {
    const w = witness('witness.test/w1');
    const line = w.line(11);
    const payload = line.trim().split(' ')[2];
    const renamed = line.replace('witness.test/w1', 'witness.test/w9');
    expect(verifyCosignature(note + renamed, w.key, verifyStrictNode)).toEqual({ ok: false, reason: 'no cosignature of witness.test/w1' });
    const otherId = decodeBase64(payload)!;
    otherId[0] ^= 1;
    expect(verifyCosignature(`${note}\u2014 witness.test/w1 ${encodeBase64(otherId)}\n`, w.key, verifyStrictNode)).toEqual({ ok: false, reason: 'no cosignature of witness.test/w1' });
    const long = new Uint8Array(77);
    long.set(decodeBase64(payload)!);
    expect(verifyCosignature(`${note}\u2014 witness.test/w1 ${encodeBase64(long)}\n`, w.key, verifyStrictNode)).toEqual({ ok: false, reason: 'no cosignature of witness.test/w1' });
    expect(verifyCosignature(note + line, w.key, verifyStrictNode)).toEqual({ ok: true, timestamp: 11 }); // the control
  });

  it('refuses a timestamp of zero, as the spec requires', () => {
    const w = witness('witness.test/w1');
    expect(() => w.line(0)).toThrow(RangeError);
    const payload = decodeBase64(w.line(7).trim().split(' ')[2])!;
    payload.fill(0, 4, 12); // time 0
    expect(verifyCosignature(`${note}\u2014 witness.test/w1 ${encodeBase64(payload)}\n`, w.key, verifyStrictNode).ok).toBe(false);
  });
});

describe('a quorum of witnesses', () => {
  it('holds with k valid cosignatures of the witnesses named, and names those missing otherwise', () => {
    const [a, b, c] = ['w.test/a', 'w.test/b', 'w.test/c'].map(witness);
    const cosigned = note + a.line(10) + b.line(20);
    expect(checkWitnessQuorum(cosigned, [a.key, b.key, c.key], 2, verifyStrictNode)).toEqual({ cosigned: [{ witness: 'w.test/a', timestamp: 10 }, { witness: 'w.test/b', timestamp: 20 }] });
    const short = checkWitnessQuorum(cosigned, [a.key, b.key, c.key], 3, verifyStrictNode);
    expect(short.failure).toEqual({ code: 'WITNESS_QUORUM', message: '2 of the 3 witness cosignatures required verify (none from w.test/c)' });
    expect(checkWitnessQuorum(note, [a.key], 1, verifyStrictNode).failure?.message).toBe('0 of the 1 witness cosignatures required verify (none from w.test/a)');
  });
});
