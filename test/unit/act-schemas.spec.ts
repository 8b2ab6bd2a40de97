import { describe, expect, it } from 'vitest';
import { ACT_TYPES, parseAct, type ActType } from '../../src/domain/acts/envelope.js';
import { LedgerError } from '../../src/domain/errors.js';
import { act } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const COMMIT = `sha256:${'cd'.repeat(32)}`;
const SOR = { ground: 'illegal_content', facts: 'f', automatedDetection: true, automatedDecision: 'partially' };

/** A realistic example of every act in the catalogue (DESIGN.md §4). */
const EXAMPLES: Record<ActType, Record<string, unknown>> = {
  'party.registered': { name: 'Tube', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], flags: { largePlatform: true }, timeZone: 'Europe/Dublin', contact: COMMIT, publicKey: KEY },
  'party.key_rotated': { publicKey: KEY },
  'provider.agent_designated': { registry: 'DMCA-1024', designatedOn: '2026-01-05', validUntil: '2029-01-05' },
  'provider.policy_adopted': {
    repeatInfringer: { strikes: 3, windowDays: 365, action: 'terminate', actionWithinDays: 7, countDisputed: false },
    misuse: { unfounded: 5, share: 0.5, windowDays: 180, suspensionDays: 30 },
    published: 'https://tube.example/policy',
  },
  'user.warned': { user: 'u', reason: 'second strike', cases: ['c-1', 'c-2'] },
  'user.suspended': { user: 'u', reason: 'r', until: '2030-02-01T00:00:00.000Z' },
  'user.terminated': { user: 'u', reason: 'r', cases: ['c-1'] },
  'notifier.warned': { notifier: 'n', reason: 'manifestly unfounded notices' },
  'notifier.suspended': { notifier: 'n', reason: 'r', until: '2030-02-01T00:00:00.000Z' },
  'notice.submitted': {
    provider: 'p',
    pack: 'us-dmca',
    works: ['w'],
    items: [{ locator: 'https://x/1', description: 'd' }],
    claimant: { name: 'A', contact: COMMIT, address: COMMIT, onBehalfOf: 'B' },
    explanation: 'e',
    evidence: ['ab'.repeat(32)],
    statements: { goodFaith: true, accuracy: true, authorized: false, bonaFide: true },
    category: 'copyright',
    user: 'u',
  },
  'notice.received': { provider: 'p', pack: 'cn-ecom', notifier: 'n', channel: 'email', signed: false, original: `sha256:${'ef'.repeat(32)}` },
  'notice.acknowledged': {},
  'notice.deficiency_contacted': { missing: ['contact'] },
  'notice.forwarded': { published: true },
  'notice.rejected': { reason: 'manifestly_unfounded', explanation: 'e' },
  'notice.withdrawn': { reason: 'settled' },
  'decision.notified': { decision: 'consulting_sender', reasons: 'r' },
  'measure.taken': { measure: 'geo_blocked', items: ['https://x/1'], basis: 'notice', reasons: SOR },
  'reasons.stated': { ...SOR, legalGround: 'Art 14', redress: 'complaint' },
  'reasons.published': { reference: 'tdb-123' },
  'counter_notice.submitted': { statements: { goodFaithMistake: true, consentToJurisdiction: true, acceptService: true }, contact: COMMIT, address: COMMIT, evidence: [] },
  'counter_notice.forwarded': {},
  'action.filed': { forum: 'court', reference: '1:26-cv-01234' },
  'measure.lifted': { items: ['https://x/1'], reason: 'counter_notice' },
  'complaint.lodged': { grounds: 'g' },
  'complaint.decided': { outcome: 'upheld', humanReviewed: true, reasons: 'r' },
  'sender.inquired': {},
  'sender.replied': { consents: false, reasons: 'parody' },
  'disclosure.requested': { route: 'jp_art5_request', about: 'u', scope: ['name', 'address'], returnDate: '2030-03-01' },
  'disclosure.opinion_requested': {},
  'disclosure.opinion_given': { consents: false },
  'disclosure.granted': { disclosed: COMMIT },
  'disclosure.refused': { reasons: 'r' },
  'finding.recorded': { outcome: 'malicious_erroneous_notice', reference: 'ref' },
};

const envelopeOf = (type: ActType, data: Record<string, unknown>) => act(type, 'actor-1', data, type.startsWith('party.') || type.startsWith('provider.') || type.startsWith('user.') || type.startsWith('notifier.') ? undefined : 'c-1');

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
