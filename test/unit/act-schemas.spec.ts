import { describe, expect, it } from 'vitest';
import { ACT_TYPES, parseAct } from '../../src/domain/acts/envelope.js';
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
