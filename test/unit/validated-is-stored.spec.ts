import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalize } from '../../src/audit/canonical-json.js';
import { parseStrictJson, StrictJsonError } from '../../src/audit/strict-json.js';
import { CASE_ACT_DATA } from '../../src/domain/acts/case-acts.js';
import { ACT_TYPES, EnvelopeSchema, isCaseActType, parseAct, type ActType } from '../../src/domain/acts/envelope.js';
import { PARTY_ACT_DATA } from '../../src/domain/acts/party-acts.js';
import { LedgerError } from '../../src/domain/errors.js';
import { EXAMPLES, envelopeOf } from '../support/act-examples.js';

/** What the schemas themselves make of an envelope: the zod output of the envelope with its data's. */
function zodOutput(input: Record<string, unknown>): unknown {
  const envelope = EnvelopeSchema.parse(input);
  const schema: z.ZodType = isCaseActType(envelope.type) ? CASE_ACT_DATA[envelope.type] : PARTY_ACT_DATA[envelope.type as keyof typeof PARTY_ACT_DATA];
  return { ...envelope, data: schema.parse(input.data) };
}

/** Every object inside a JSON value, with the path of member names that leads to it. */
function objectPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const here = Array.isArray(value) ? [] : [path];
  return [...here, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, Array.isArray(value) ? Number(k) : k]))];
}

/** The JSON text of `base` with one member `name: value` added to the object at `path`, written as raw text. */
function withMember(base: unknown, path: (string | number)[], name: string, value: unknown): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  const target = path.reduce<Record<string, unknown>>((node, step) => node[step] as Record<string, unknown>, copy);
  target['__placeholder__'] = 0;
  // Written as text: assigning `__proto__` in JavaScript would set a prototype, not add a member.
  return JSON.stringify(copy).replace('"__placeholder__":0', () => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
}

const memberName = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'contact', 'surprise'), fc.string({ maxLength: 12 }));

describe('what is stored is exactly what was validated', () => {
  it('refuses a __proto__ member inside data, whatever the act (regression: it used to be stored unchecked)', () => {
    const text = JSON.stringify(envelopeOf('notice.acknowledged', {})).replace('"data":{}', '"data":{"__proto__":{"contact":"alice@example.com"}}');
    // The parser the API uses refuses the name outright, naming the member.
    expect(() => parseStrictJson(text)).toThrow(StrictJsonError);
    try {
      parseStrictJson(text);
    } catch (error) {
      expect((error as StrictJsonError).field).toBe('data.__proto__');
    }
    // The schemas, given what a plain JSON.parse makes of it, refuse it too.
    expect(() => parseAct(JSON.parse(text))).toThrow(expect.objectContaining({ code: 'schema', field: 'data.__proto__' }));
  });

  it.each([['constructor'], ['prototype']])('refuses a %s member at any depth when parsing', (name) => {
    expect(() => parseStrictJson(`{"a":[{"b":{"${name}":1}}]}`)).toThrow(expect.objectContaining({ field: `a[0].b.${name}` }));
  });

  it.each(ACT_TYPES.map((t) => [t]))('property: %s is accepted only when the stored JSON equals the schemas’ output', (type: ActType) => {
    const base = envelopeOf(type, EXAMPLES[type]);
    const paths = objectPaths(base).filter((p) => p.length > 0 && p[0] === 'data');
    expect(paths.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...paths), memberName, fc.jsonValue({ maxDepth: 2 }), (path, name, value) => {
        const text = withMember(base, path, name, value);
        let stored: Record<string, unknown>;
        try {
          stored = parseAct(JSON.parse(text)) as unknown as Record<string, unknown>;
        } catch (error) {
          expect(error).toBeInstanceOf(LedgerError);
          return;
        }
        expect(canonicalize(stored)).toBe(canonicalize(zodOutput(stored)));
        expect(['__proto__', 'constructor', 'prototype', 'surprise']).not.toContain(name);
      }),
      { numRuns: 60 },
    );
  });
});
