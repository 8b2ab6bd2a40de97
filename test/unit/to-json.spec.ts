import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJsonBytes } from '../../src/application/read-worker/to-json.js';
import { StoredJson, StoredJsonList } from '../../src/application/stored-json.js';

const text = (value: unknown) => new TextDecoder().decode(toJsonBytes(value));
const stored = (value: unknown) => new StoredJson(new TextEncoder().encode(JSON.stringify(value)));

/** A JSON value with some of its parts (at any depth) kept as stored JSON. */
function partlyStored(value: unknown, pick: () => boolean): unknown {
  const inner = Array.isArray(value)
    ? value.map((v) => partlyStored(v, pick))
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, partlyStored(v, pick)]))
      : value;
  return pick() ? stored(value) : inner;
}

describe('toJsonBytes: the read worker’s JSON.stringify, as UTF-8, passing stored JSON on as its bytes', () => {
  it('writes exactly what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(text(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same text when any parts of the value are stored JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.infiniteStream(fc.boolean()), (value, coins) => {
        const it = coins[Symbol.iterator]();
        expect(text(partlyStored(value, () => it.next().value as boolean))).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('copies stored bytes as they are, without parsing them', () => {
    // Not JSON.stringify's spacing: proof that the bytes were copied, not parsed and written again.
    const list = new StoredJsonList<{ case: string }>(new TextEncoder().encode('[{"case": "c1", "items": ["https://x/1"]}, {"case": "c2"}]'), 2);
    expect(text({ packs: [{ itemsAtRisk: list, n: list.length }] })).toBe('{"packs":[{"itemsAtRisk":[{"case": "c1", "items": ["https://x/1"]}, {"case": "c2"}],"n":2}]}');
    expect(list.value().map((i) => i.case)).toEqual(['c1', 'c2']);
    expect(JSON.stringify(list)).toBe('[{"case":"c1","items":["https://x/1"]},{"case":"c2"}]');
  });

  it('leaves out undefined and function members, and writes them as null in arrays, as JSON.stringify does', () => {
    const value = { a: 1, b: undefined, c: () => 1, d: { e: undefined, s: stored(2) }, f: [undefined, () => 1, stored('x')] };
    expect(text(value)).toBe(JSON.stringify(value));
    expect(text(value)).toBe('{"a":1,"d":{"s":2},"f":[null,null,"x"]}');
  });

  it('writes non-ASCII text as UTF-8', () => {
    expect(Buffer.from(toJsonBytes({ basis: '§512(c)', n: stored('é') })).toString('hex')).toBe(Buffer.from('{"basis":"§512(c)","n":"é"}', 'utf8').toString('hex'));
  });

  it('answers a report whose packs are the same objects with the new asOf', () => {
    const packs = [{ pack: 'us-dmca@2026.2', cases: 3, itemsLost: [stored({ case: 'c1' })] }];
    expect(text({ provider: 'p', asOf: 'T1', packs })).toBe('{"provider":"p","asOf":"T1","packs":[{"pack":"us-dmca@2026.2","cases":3,"itemsLost":[{"case":"c1"}]}]}');
    expect(text({ provider: 'p', asOf: 'T2', packs })).toBe('{"provider":"p","asOf":"T2","packs":[{"pack":"us-dmca@2026.2","cases":3,"itemsLost":[{"case":"c1"}]}]}');
  });

  it('answers in a buffer of its own, which can be transferred', () => {
    const bytes = toJsonBytes({ a: 'x' });
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });
});
