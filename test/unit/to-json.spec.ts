import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/application/read-worker/to-json.js';

describe('toJson: the read worker’s JSON.stringify that reuses the JSON of unchanged parts', () => {
  it('writes exactly what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(toJson(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out undefined and function members, as JSON.stringify does', () => {
    const value = { a: 1, b: undefined, c: () => 1, d: { e: undefined } };
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it('answers a report whose packs are the same objects with the new asOf', () => {
    const packs = [{ pack: 'us-dmca@2026.1', cases: 3 }];
    expect(toJson({ provider: 'p', asOf: 'T1', packs })).toBe('{"provider":"p","asOf":"T1","packs":[{"pack":"us-dmca@2026.1","cases":3}]}');
    expect(toJson({ provider: 'p', asOf: 'T2', packs })).toBe('{"provider":"p","asOf":"T2","packs":[{"pack":"us-dmca@2026.1","cases":3}]}');
  });
});
