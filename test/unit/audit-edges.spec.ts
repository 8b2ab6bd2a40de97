import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalize, canonicalizeWith, canonicalizeWithAndWithout } from '../../src/audit/canonical-json.js';
import { parseStrictJson, StrictJsonError } from '../../src/audit/strict-json.js';
import { checkpointBody, openCheckpoint, openNote, parseCheckpointBody, parseVerifierKey, signNote } from '../../src/audit/checkpoint.js';
import { decodeBase64, fromHex } from '../../src/audit/encoding.js';
import { keyPairFromSeed, signNacl } from '../../src/audit/ed25519-nacl.js';
import { isCanonicalScalar, isSmallOrderPoint, passesStrictPrechecks } from '../../src/audit/ed25519-rules.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { hashChildren, hashLeaf } from '../../src/audit/merkle-hash.js';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle-verify.js';
import { noteVerifierKey } from '../../src/audit/note-key.js';

/**
 * Edges of the pure audit code, each with its expected answer written by hand: the guards, the exact
 * failure reasons relying parties read, and the boundaries of the encodings.
 */
const pair = keyPairFromSeed(new Uint8Array(32).fill(5));
const NAME = 'edge.example/log';
const key = parseVerifierKey(noteVerifierKey(NAME, pair.publicKey))!;
const ROOT = new Uint8Array(32).fill(0xab);
const sign = (m: Uint8Array) => signNacl(pair.secretKey, m);
const body = checkpointBody({ origin: NAME, size: 5, root: ROOT });
const note = signNote(body, NAME, pair.publicKey, sign);

describe('checkpoint bodies and signed notes', () => {
  it('writes a body as three lines: origin, size, base64 root', () => {
    expect(body).toBe(`${NAME}\n5\n${Buffer.from(ROOT).toString('base64')}\n`);
    expect(checkpointBody({ origin: NAME, size: 0, root: ROOT }).split('\n')[1]).toBe('0');
  });

  it.each([
    ['an empty origin', { origin: '', size: 1, root: ROOT }, /origin/],
    ['an origin of two lines', { origin: 'a\nb', size: 1, root: ROOT }, /origin/],
    ['a negative size', { origin: NAME, size: -1, root: ROOT }, /size/],
    ['a fractional size', { origin: NAME, size: 1.5, root: ROOT }, /size/],
    ['a short root', { origin: NAME, size: 1, root: new Uint8Array(31) }, /root must be 32 bytes/],
  ])('refuses to write a body with %s', (_n, cp, message) => {
    expect(() => checkpointBody(cp)).toThrow(message);
  });

  it.each([['no final newline', 'text'], ['a blank line', 'a\n\nb\n']])('refuses to sign a note text with %s', (_n, text) => {
    expect(() => signNote(text, NAME, pair.publicKey, sign)).toThrow(/end in a newline and contain no blank line/);
  });

  it('opens a note it signed, giving back the text', () => {
    expect(openNote(note, key, verifyStrictNode)).toEqual({ ok: true, text: body });
    expect(openCheckpoint(note, key, verifyStrictNode)).toEqual({ ok: true, checkpoint: { origin: NAME, size: 5, root: ROOT } });
  });

  it.each([
    ['no blank line', body, 'not a signed note (no blank line before signatures)'],
    ['no final newline', note.slice(0, -1), 'not a signed note (no blank line before signatures)'],
    ['a signature line without the em dash', note.replace('\u2014 ', '- '), 'malformed signature line'],
    ['a signature line with an extra field', note.replace(/\n$/, ' extra\n'), 'malformed signature line'],
    ['a signature payload of 4 bytes', `${body}\n\u2014 ${NAME} AAAAAA==\n`, 'malformed signature line'],
    ['a signature payload that is not base64', `${body}\n\u2014 ${NAME} !!!!\n`, 'malformed signature line'],
    ['only another key’s signature', signNote(body, 'other.example/log', pair.publicKey, sign), `no signature by ${NAME}`],
    ['a truncated signature by the key', note.replace(/ (\S+)\n$/, (_m, b64: string) => ` ${Buffer.from(Buffer.from(b64, 'base64').subarray(0, 60)).toString('base64')}\n`), 'the signature by the key does not verify'],
  ])('refuses a note with %s, saying why', (_n, text, reason) => {
    expect(openNote(text, key, verifyStrictNode)).toEqual({ ok: false, reason });
  });

  it('refuses a signed text that is not a checkpoint, and one whose origin is not the key’s name', () => {
    expect(openCheckpoint(signNote('hello\n', NAME, pair.publicKey, sign), key, verifyStrictNode)).toEqual({ ok: false, reason: 'the signed text is not a checkpoint' });
    const foreign = signNote(checkpointBody({ origin: 'other.example/log', size: 1, root: ROOT }), NAME, pair.publicKey, sign);
    expect(openCheckpoint(foreign, key, verifyStrictNode)).toEqual({ ok: false, reason: `origin other.example/log is not the key's name ${NAME}` });
  });

  it.each([
    ['three lines without the final newline', `${NAME}\n5\n${Buffer.from(ROOT).toString('base64')}`],
    ['two lines', `${NAME}\n5\n`],
    ['an empty origin', `\n5\n${Buffer.from(ROOT).toString('base64')}\n`],
    ['a size with a leading zero', `${NAME}\n05\n${Buffer.from(ROOT).toString('base64')}\n`],
    ['a size with a sign', `${NAME}\n+5\n${Buffer.from(ROOT).toString('base64')}\n`],
    ['a size with trailing text', `${NAME}\n5x\n${Buffer.from(ROOT).toString('base64')}\n`],
    ['a size beyond 2^53', `${NAME}\n9007199254740993\n${Buffer.from(ROOT).toString('base64')}\n`],
    ['a root of 31 bytes', `${NAME}\n5\n${Buffer.from(new Uint8Array(31)).toString('base64')}\n`],
    ['a root that is not base64', `${NAME}\n5\nnot base64\n`],
  ])('parses no checkpoint from a body with %s', (_n, text) => {
    expect(parseCheckpointBody(text)).toBeUndefined();
  });

  it('parses a body with extension lines after the root', () => {
    expect(parseCheckpointBody(`${body}extension\n`)).toEqual({ origin: NAME, size: 5, root: ROOT });
  });

  it.each([
    ['leading text', `x ${noteVerifierKey(NAME, pair.publicKey)}`],
    ['trailing text', `${noteVerifierKey(NAME, pair.publicKey)} x`],
    ['an upper-case key id', noteVerifierKey(NAME, pair.publicKey).replace(/\+([0-9a-f]{8})\+/, (_m, id: string) => `+${id.toUpperCase()}+`)],
    ['a key of 31 bytes', `${NAME}+00000000+${Buffer.from([1, ...new Uint8Array(31)]).toString('base64')}`],
    ['a key of another type', noteVerifierKey(NAME, pair.publicKey).replace(/\+([^+]+)$/, () => `+${Buffer.from([2, ...pair.publicKey]).toString('base64')}`)],
  ])('refuses a verifier key with %s', (_n, vkey) => {
    expect(parseVerifierKey(vkey)).toBeUndefined();
  });

  it('reads a verifier key with surrounding whitespace', () => {
    expect(parseVerifierKey(`  ${noteVerifierKey(NAME, pair.publicKey)}\n`)?.name).toBe(NAME);
  });
});

describe('Merkle proof verification says why it fails', () => {
  const leaves = Array.from({ length: 5 }, (_, i) => hashLeaf(Uint8Array.of(i)));
  const h = (a: number, b: number): Uint8Array => (b - a === 1 ? leaves[a] : hashChildren(h(a, a + split(b - a)), h(a + split(b - a), b)));
  const split = (n: number) => 2 ** Math.floor(Math.log2(n - 1));
  const root5 = h(0, 5);
  const root4 = h(0, 4);
  // Inclusion of leaf 4 in 5 leaves: the sibling is the subtree of the first 4. Consistency 4 -> 5: the leaf 4.
  const proof4in5 = [root4];
  // RFC 6962 §2.1.2 by hand: SUBPROOF(3, D[0:5]) = SUBPROOF(3, D[0:4]) + MTH(D[4:5]) = [leaf 2, leaf 3, MTH(D[0:2]), leaf 4].
  const proof3to5 = [leaves[2], leaves[3], h(0, 2), leaves[4]];

  it('accepts the proofs worked out by hand', () => {
    expect(verifyInclusion(4, 5, leaves[4], proof4in5, root5)).toEqual({ ok: true });
    expect(verifyInclusion(0, 1, leaves[0], [], leaves[0])).toEqual({ ok: true });
    expect(verifyConsistency(4, 5, root4, root5, [leaves[4]])).toEqual({ ok: true });
    expect(verifyConsistency(5, 5, root5, root5, [])).toEqual({ ok: true });
    expect(verifyConsistency(3, 5, h(0, 3), root5, proof3to5)).toEqual({ ok: true });
  });

  it.each([
    ['a hash that is not 32 bytes', () => verifyInclusion(4, 5, leaves[4].subarray(1), proof4in5, root5), 'a hash is not 32 bytes'],
    ['an index outside the tree', () => verifyInclusion(5, 5, leaves[4], proof4in5, root5), 'leaf index 5 is not inside a tree of size 5'],
    ['a negative index', () => verifyInclusion(-1, 5, leaves[4], proof4in5, root5), 'leaf index -1 is not inside a tree of size 5'],
    ['a fractional size', () => verifyInclusion(0, 1.5, leaves[0], [], root5), 'leaf index 0 is not inside a tree of size 1.5'],
    ['a proof one hash too long', () => verifyInclusion(4, 5, leaves[4], [...proof4in5, root4], root5), 'the proof is longer than the path to the root'],
    ['a proof one hash too short', () => verifyInclusion(0, 5, leaves[0], [leaves[1]], root5), 'the proof is shorter than the path to the root'],
    ['another root', () => verifyInclusion(4, 5, leaves[4], proof4in5, root4), 'the proof does not lead to the root'],
  ])('inclusion: %s', (_n, run, reason) => {
    expect(run()).toEqual({ ok: false, reason });
  });

  it.each([
    ['a hash that is not 32 bytes', () => verifyConsistency(4, 5, root4, root5.subarray(2), [leaves[4]]), 'a hash is not 32 bytes'],
    ['a first size of 0', () => verifyConsistency(0, 5, root4, root5, [leaves[4]]), 'sizes 0 -> 5 cannot be proved consistent (need 0 < size1 <= size2)'],
    ['sizes going down', () => verifyConsistency(5, 4, root5, root4, [leaves[4]]), 'sizes 5 -> 4 cannot be proved consistent (need 0 < size1 <= size2)'],
    ['equal sizes with a proof', () => verifyConsistency(5, 5, root5, root5, [leaves[4]]), 'equal sizes need an empty proof'],
    ['equal sizes and other roots', () => verifyConsistency(5, 5, root5, root4, []), 'equal sizes with different roots'],
    ['an empty proof', () => verifyConsistency(4, 5, root4, root5, []), 'the proof is empty'],
    ['a proof too long', () => verifyConsistency(4, 5, root4, root5, [leaves[4], leaves[4]]), 'the proof is longer than needed'],
    ['a proof too short', () => verifyConsistency(3, 5, h(0, 3), root5, [leaves[3]]), 'the proof is shorter than needed'],
    ['another old root', () => verifyConsistency(3, 5, root4, root5, proof3to5), 'the proof does not lead to the old root'],
    ['another new root', () => verifyConsistency(4, 5, root4, root4, [leaves[4]]), 'the proof does not lead to the new root'],
  ])('consistency: %s', (_n, run, reason) => {
    expect(run()).toEqual({ ok: false, reason });
  });
});

describe('Ed25519 acceptance rules at their boundaries', () => {
  // L = 2^252 + 27742317777372353535851937790883648493, little-endian.
  const L = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
  const withByte = (bytes: Uint8Array, index: number, value: number) => Uint8Array.from(bytes, (b, i) => (i === index ? value : b));

  it('takes S = L - 1 and refuses S = L and S = L + 1', () => {
    expect(isCanonicalScalar(withByte(L, 0, 0xec))).toBe(true);
    expect(isCanonicalScalar(L)).toBe(false);
    expect(isCanonicalScalar(withByte(L, 0, 0xee))).toBe(false);
  });

  it('decides on the most significant byte that differs', () => {
    expect(isCanonicalScalar(withByte(L, 31, 0x0f))).toBe(true); // below L in the top byte, whatever follows
    expect(isCanonicalScalar(withByte(withByte(L, 31, 0x0f), 0, 0xff))).toBe(true);
    expect(isCanonicalScalar(withByte(L, 31, 0x11))).toBe(false);
    expect(isCanonicalScalar(new Uint8Array(32))).toBe(true);
  });

  it('knows small-order points with either sign bit, and nothing that differs in one byte', () => {
    const identity = fromHex('0100000000000000000000000000000000000000000000000000000000000000');
    expect(isSmallOrderPoint(identity)).toBe(true);
    expect(isSmallOrderPoint(withByte(identity, 31, 0x80))).toBe(true);
    expect(isSmallOrderPoint(withByte(identity, 30, 0x01))).toBe(false);
    expect(isSmallOrderPoint(withByte(identity, 0, 0x02))).toBe(false);
    expect(isSmallOrderPoint(pair.publicKey)).toBe(false);
  });

  it('refuses inputs of the wrong length by throwing (points, scalars) or rejecting (keys, signatures)', () => {
    expect(() => isSmallOrderPoint(new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => isCanonicalScalar(new Uint8Array(33))).toThrow(/32 bytes/);
    expect(passesStrictPrechecks(pair.publicKey.subarray(1), new Uint8Array(64))).toBe(false);
    expect(passesStrictPrechecks(pair.publicKey, new Uint8Array(63))).toBe(false);
  });
});

describe('encodings', () => {
  it.each([
    ['unpadded', 'AQ'],
    ['URL-safe', '-_8='],
    ['with whitespace', 'AQ== '],
    ['with non-zero trailing bits', 'AR=='],
  ])('refuses base64 that is %s', (_n, text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('decodes standard padded base64', () => {
    expect(Array.from(decodeBase64('AQ==')!)).toEqual([1]);
    expect(Array.from(decodeBase64('+/8=')!)).toEqual([0xfb, 0xff]);
  });

  it.each([['upper case', 'AB'], ['an odd length', 'abc'], ['a prefix', '0x00']])('refuses hex in %s', (_n, hex) => {
    expect(() => fromHex(hex)).toThrow(/lowercase hex/);
  });
});

/** The error `run` throws; fails the test when it throws nothing. */
function thrownBy<E extends Error>(run: () => unknown): E {
  try {
    run();
  } catch (error) {
    return error as E;
  }
  throw new Error('expected an error');
}

describe('strict JSON: depth, member names and what JSON.parse hides', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const errorOf = (text: string) => thrownBy<StrictJsonError>(() => parseStrictJson(text));

  it('takes nesting of exactly 64 levels and refuses 65, saying where', () => {
    expect(() => parseStrictJson(nested(64))).not.toThrow();
    const error = errorOf(nested(65));
    expect(error.message).toBe('nesting deeper than 64 at offset 64');
    expect(error).toMatchObject({ code: 'malformed', name: 'StrictJsonError', offset: 64 });
  });

  it('counts only brackets outside strings, escaped quotes included', () => {
    expect(() => parseStrictJson(`["${'['.repeat(100)}"]`)).not.toThrow();
    expect(() => parseStrictJson(`["\\"${'{'.repeat(100)}"]`)).not.toThrow();
    expect(() => parseStrictJson(`{"a":"\\\\"}`)).not.toThrow();
    // Closing brackets lower the depth again: 40 arrays, closed, then 40 more, never 65 deep.
    expect(() => parseStrictJson(`[${nested(40)},${nested(40)}]`)).not.toThrow();
    expect(() => parseStrictJson(`[{"a":${nested(40)}},{"b":${nested(40)}}]`)).not.toThrow();
  });

  it('names the member at fault with its path, array indexes included', () => {
    expect(errorOf('{"a":[{"x":1},{"b":{"a":1,"a":2}}]}')).toMatchObject({ field: 'a[1].b.a', message: 'duplicate member name "a" at offset 26' });
    expect(errorOf('[[], {"__proto__": 1}]')).toMatchObject({ field: '[1].__proto__', message: 'the member name "__proto__" is not allowed at offset 6' });
    expect(errorOf('{"s": "\\udc00"}')).toMatchObject({ message: 'lone surrogate in string at offset 6' });
  });

  it('reads empty containers, scalars and whitespace everywhere', () => {
    expect(parseStrictJson(' [ ] ')).toEqual([]);
    expect(parseStrictJson('{ }')).toEqual({});
    expect(parseStrictJson('\t{\n"a" :\r[ 1 , true , null , "x" ] }\n')).toEqual({ a: [1, true, null, 'x'] });
    expect(parseStrictJson('-1.5e3')).toBe(-1500);
    expect(parseStrictJson('[1,[2,[3]],{"k":[]}]')).toEqual([1, [2, [3]], { k: [] }]);
  });
});

describe('canonical JSON refuses what is not JSON, naming where', () => {
  const errorOf = (value: unknown) => thrownBy<CanonicalJsonError>(() => canonicalize(value));

  it.each([
    ['a non-finite number', { a: [Number.NaN] }, 'non-finite number at $.a[0]'],
    ['undefined', { a: undefined }, 'undefined is not a JSON value at $.a'],
    ['a bigint', [1n], 'bigint is not a JSON value at $[0]'],
    ['a lone surrogate', { s: '\ud800' }, 'lone surrogate in string at $.s'],
    ['a lone surrogate in a name', { '\udc00': 1 }, 'lone surrogate in string at $.\udc00'],
    ['a sparse array', { a: [1, , 3] }, 'sparse array at $.a[1]'],
    ['a Date', { d: new Date(0) }, 'Date object is not plain JSON at $.d'],
    ['an object of a prototype without a constructor', { o: Object.create(Object.create(null) as object) }, 'exotic object is not plain JSON at $.o'],
  ])('%s', (_n, value, message) => {
    const error = errorOf(value);
    expect(error.message).toBe(message);
    expect(error).toMatchObject({ code: 'not_canonicalizable', name: 'CanonicalJsonError' });
  });

  it('takes objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: [true, null] });
    expect(canonicalize(bare)).toBe('{"a":[true,null],"b":1}');
  });

  it('refuses a class instance as the envelope it splits with and without a member', () => {
    expect(() => canonicalizeWithAndWithout(new Date(0) as unknown as Record<string, unknown>, 'sig')).toThrow('not a plain object at $');
    expect(canonicalizeWithAndWithout(Object.assign(Object.create(null) as Record<string, unknown>, { sig: 's', a: 1 }), 'sig')).toEqual({ with: '{"a":1,"sig":"s"}', without: '{"a":1}' });
  });

  it('escapes names as strings when embedding pre-serialized members', () => {
    expect(canonicalizeWith({ 'q"': 1 }, { act: '{"x":1}' })).toBe('{"act":{"x":1},"q\\"":1}');
  });
});
