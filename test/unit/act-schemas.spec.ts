import { describe, expect, it } from 'vitest';
import { ACT_TYPES, assertStoredIsValidated, parseAct, streamOf } from '../../src/domain/acts/envelope.js';
import { LedgerError } from '../../src/domain/errors.js';
import { EXAMPLES, envelopeOf } from '../support/act-examples.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';


function schemaField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('schema');
    return (error as LedgerError).field;
  }
  throw new Error('expected a schema error');
}

describe('act schemas', () => {
  it('has an example for every act of the catalogue', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ACT_TYPES].sort());
  });

  it.each(ACT_TYPES.map((t) => [t]))('accepts a full %s', (type) => {
    expect(() => parseAct(envelopeOf(type, EXAMPLES[type]))).not.toThrow();
  });

  it.each(ACT_TYPES.map((t) => [t]))('refuses an unknown data field in %s, naming it', (type) => {
    expect(schemaField(() => parseAct(envelopeOf(type, { ...EXAMPLES[type], surprise: 1 })))).toBe('data.surprise');
  });

  it('records a notice with empty lists and false statements: completeness is the pack’s judgement', () => {
    expect(() => parseAct(envelopeOf('notice.submitted', { provider: 'p', pack: 'eu-dsa', works: [], items: [], statements: { goodFaith: false } }))).not.toThrow();
  });

  it.each([
    ['a string where a list belongs', 'notice.submitted', { provider: 'p', pack: 'us-dmca', works: 'w' }, 'data.works'],
    ['an unknown pack', 'notice.submitted', { provider: 'p', pack: 'us-sopa' }, 'data.pack'],
    ['a clear e-mail as contact', 'notice.submitted', { provider: 'p', pack: 'us-dmca', claimant: { contact: 'a@b.example' } }, 'data.claimant.contact'],
    ['an item without a locator', 'notice.submitted', { provider: 'p', pack: 'us-dmca', items: [{}] }, 'data.items[0].locator'],
    ['a measure on no items', 'measure.taken', { measure: 'removed', items: [], basis: 'notice' }, 'data.items'],
    ['a forward to nobody', 'notice.forwarded', {}, 'data.user'],
    ['a suspension without an end', 'user.suspended', { user: 'u', reason: 'r' }, 'data.until'],
    ['a date that does not exist', 'provider.agent_designated', { registry: 'r', designatedOn: '2026-02-30' }, 'data.designatedOn'],
    ['a provider without packs', 'party.registered', { name: 'P', roles: ['provider'], providerKind: 'hosting', publicKey: KEY }, 'data.packs'],
    ['an unknown time zone', 'party.registered', { name: 'P', roles: ['user'], publicKey: KEY, timeZone: 'Mars/Olympus' }, 'data.timeZone'],
    ['a short public key', 'party.registered', { name: 'P', roles: ['user'], publicKey: 'AAAA' }, 'data.publicKey'],
  ] as const)('refuses %s', (_name, type, data, field) => {
    expect(schemaField(() => parseAct(envelopeOf(type, data)))).toBe(field);
  });

  it.each([
    ['v', { v: 2 }],
    ['id', { id: 'not-a-uuid' }],
    ['at', { at: '2030-01-01T00:00:00Z' }],
    ['at', { at: '2030-02-30T00:00:00.000Z' }],
    ['actor', { actor: 'has space' }],
    ['case', { case: 'x'.repeat(129) }],
    ['sig', { sig: 'c2ln' }],
    ['extra', { extra: true }],
  ])('refuses a bad envelope field %s', (field, patch) => {
    const result = schemaField(() => parseAct({ ...envelopeOf('notice.acknowledged', {}), ...patch }));
    expect(result).toBe(field);
  });
});

describe('the envelope and its stream', () => {
  const fieldOf = (input: unknown) => {
    try {
      parseAct(input);
    } catch (error) {
      return { field: (error as LedgerError).field, message: (error as LedgerError).message };
    }
    return undefined;
  };

  it('refuses a case act without a case id, and a party act with one', () => {
    const { case: _c, ...noCase } = envelopeOf('notice.acknowledged', {}) as unknown as Record<string, unknown>;
    expect(fieldOf(noCase)).toEqual({ field: 'case', message: 'notice.acknowledged is a case act and needs a case id' });
    expect(fieldOf({ ...envelopeOf('user.warned', EXAMPLES['user.warned']), case: 'c-1' })).toEqual({ field: 'case', message: 'user.warned is a party act and takes no case id' });
  });

  it('refuses an unknown act type, naming it', () => {
    expect(fieldOf({ ...envelopeOf('notice.acknowledged', {}), type: 'notice.ignored' })).toEqual({ field: 'type', message: 'unknown act type "notice.ignored"' });
  });

  it('names an unknown member itself, and an envelope problem without a field as the body', () => {
    expect(fieldOf({ ...envelopeOf('notice.acknowledged', {}), extra: 1 })).toEqual({ field: 'extra', message: 'extra: is not a field of this act' });
    expect(fieldOf('not an object')?.field).toBeUndefined();
  });

  it('refuses a registration that repeats a role, or a provider without its kind', () => {
    const base = { name: 'P', publicKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' };
    expect(fieldOf(envelopeOf('party.registered', { ...base, roles: ['user', 'user'] }))).toEqual({ field: 'data.roles', message: 'data.roles: must not repeat a role' });
    expect(fieldOf(envelopeOf('party.registered', { ...base, roles: ['provider'], packs: ['us-dmca'] }))).toEqual({ field: 'data.providerKind', message: 'data.providerKind: is required for a provider' });
    expect(fieldOf(envelopeOf('party.registered', { ...base, roles: ['user'] }))).toBeUndefined();
  });

  it('puts an accreditation in the stream of the party it names, other party acts in the actor’s', () => {
    expect(streamOf(envelopeOf('party.accredited', EXAMPLES['party.accredited']))).toBe('party-flagger-1');
    expect(streamOf(envelopeOf('party.accreditation_revoked', EXAMPLES['party.accreditation_revoked']))).toBe('party-flagger-1');
    expect(streamOf(envelopeOf('user.warned', EXAMPLES['user.warned']))).toBe('party-actor-1');
    expect(streamOf(envelopeOf('notice.acknowledged', {}))).toBe('case-c-1');
  });
});

describe('what is stored must be what was validated (the guard behind the schemas)', () => {
  const refusal = (input: unknown, validated: unknown) => {
    try {
      assertStoredIsValidated(input, validated);
    } catch (error) {
      return { code: (error as LedgerError).code, field: (error as LedgerError).field, message: (error as LedgerError).message };
    }
    return undefined;
  };

  it('passes equal JSON, whatever the member order', () => {
    expect(refusal({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeUndefined();
  });

  it.each([
    ['a member the schema dropped', { data: { a: 1, hidden: 'x' } }, { data: { a: 1 } }, 'data.hidden'],
    ['a value the schema changed', { data: { items: [1, 2] } }, { data: { items: [1, 3] } }, 'data.items[1]'],
    ['a nested object turned scalar', { data: { a: { b: 1 } } }, { data: { a: 1 } }, 'data.a'],
  ])('refuses %s, naming where', (_n, input, validated, field) => {
    expect(refusal(input, validated)).toEqual({ code: 'schema', field, message: `${field}: holds a member that its schema does not check` });
  });
});
