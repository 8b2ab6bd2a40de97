import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalBytes, canonicalizeWith, canonicalizeWithAndWithout, CanonicalJsonError } from '../../src/audit/canonical-json.js';
import { parseStrictJson, StrictJsonError } from '../../src/audit/strict-json.js';
import { toHex } from '../../src/audit/encoding.js';
import { loadVector } from '../support/vectors.js';

interface JcsVectors {
  documents: { name: string; input: string; expected: string; expectedHex: string }[];
  numbers: { ieee754: string; expected: string | null; comment: string }[];
}
const vectors = loadVector<JcsVectors>('jcs-rfc8785.json');

function doubleFromBits(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

describe('RFC 8785 canonical JSON', () => {
  it.each(vectors.documents.map((d) => [d.name, d] as const))('canonicalizes the %s document to the exact bytes', (_name, doc) => {
    const value = parseStrictJson(doc.input);
    expect(canonicalize(value)).toBe(doc.expected);
    expect(toHex(canonicalBytes(value))).toBe(doc.expectedHex);
  });

  it.each(vectors.numbers.map((n) => [n.comment, n] as const))('serializes the number %s', (_comment, n) => {
    const value = doubleFromBits(n.ieee754);
    if (n.expected === null) expect(() => canonicalize(value)).toThrow(CanonicalJsonError);
    else expect(canonicalize(value)).toBe(n.expected);
  });

  describe('refuses what is not plain JSON instead of dropping it', () => {
    it.each([
      ['undefined member', { a: undefined }, '$.a'],
      ['undefined in array', [1, undefined], '$[1]'],
      ['NaN', { n: Number.NaN }, '$.n'],
      ['Infinity', [Infinity], '$[0]'],
      ['lone surrogate', { s: '\ud800' }, '$.s'],
      ['lone surrogate in a name', { '\udc00': 1 }, '$.\udc00'],
      ['Date', { d: new Date(0) }, '$.d'],
      ['Map', { m: new Map() }, '$.m'],
      ['bigint', { b: 1n }, '$.b'],
      ['function', { f: () => 1 }, '$.f'],
      ['sparse array', [1, , 3], '$[1]'], // eslint-disable-line no-sparse-arrays
    ])('%s', (_name, value, path) => {
      expect(() => canonicalize(value)).toThrow(CanonicalJsonError);
      try {
        canonicalize(value);
      } catch (error) {
        expect((error as CanonicalJsonError).path).toBe(path);
      }
    });
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalize(bare)).toBe('{"a":2,"b":1}');
  });
});

describe('strict JSON parsing (I-JSON)', () => {
  it('parses what JSON.parse parses', () => {
    expect(parseStrictJson(' {"a":[1,{"b":"\\u00e9"}],"c":null} ')).toEqual({ a: [1, { b: 'é' }], c: null });
  });

  it.each([
    ['duplicate member names', '{"a":1,"a":2}'],
    ['duplicate names in a nested object', '{"x":[{"k":1,"k":1}]}'],
    ['duplicates spelled with escapes', '{"a":1,"\\u0061":2}'],
    ['a lone surrogate escape', '{"s":"\\ud800"}'],
    ['malformed text', '{"a":'],
    ['trailing garbage', '{} x'],
    ['nesting beyond the limit', '['.repeat(100) + ']'.repeat(100)],
  ])('rejects %s', (_name, text) => {
    expect(() => parseStrictJson(text)).toThrow(StrictJsonError);
  });

  it('keeps equal names in different objects apart', () => {
    expect(parseStrictJson('{"a":{"a":1},"b":{"a":2}}')).toEqual({ a: { a: 1 }, b: { a: 2 } });
  });

  it('handles escaped quotes and backslashes inside names', () => {
    expect(parseStrictJson('{"a\\"b":1,"a\\\\":2}')).toEqual({ 'a"b': 1, 'a\\': 2 });
  });
});

describe('canonicalizing members once', () => {
  const objects = vectors.documents.map((d) => parseStrictJson(d.input)).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));

  it('has object documents to check', () => expect(objects.length).toBeGreaterThan(2));

  it.each(objects.map((o, i) => [i, o] as const))('with and without a member equal canonicalize (document %i)', (_i, object) => {
    for (const key of Object.keys(object)) {
      const { [key]: _omitted, ...rest } = object;
      expect(canonicalizeWithAndWithout(object, key)).toEqual({ with: canonicalize(object), without: canonicalize(rest) });
    }
  });

  it('embeds pre-serialized canonical members exactly where canonicalize puts them', () => {
    const act = { v: 1, id: 'x', data: { b: [1, 'é'], a: null }, sig: 's' };
    const entry = { v: 1, seq: 3, recordedAt: '2030-01-01T00:00:00.000Z', stream: 'case-1', revision: 0, prev: null };
    expect(canonicalizeWith(entry, { act: canonicalize(act) })).toBe(canonicalize({ ...entry, act }));
  });

  it('refuses non-plain objects', () => {
    expect(() => canonicalizeWithAndWithout(new Date() as never, 'sig')).toThrow(CanonicalJsonError);
  });
});
