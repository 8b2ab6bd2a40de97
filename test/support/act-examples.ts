import { isCaseActType, type ActType } from '../../src/domain/acts/envelope.js';
import { act } from './decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const COMMIT = `sha256:${'cd'.repeat(32)}`;
const SOR = { ground: 'illegal_content', facts: 'f', automatedDetection: true, automatedDecision: 'partially' };

/** A realistic example of every act in the catalogue (DESIGN.md §4). */
export const EXAMPLES: Record<ActType, Record<string, unknown>> = {
  'party.registered': { name: 'Tube', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], flags: { largePlatform: true }, timeZone: 'Europe/Dublin', contact: COMMIT, publicKey: KEY },
  'party.key_rotated': { publicKey: KEY, proof: 'A'.repeat(86) + '==' },
  'party.accredited': { party: 'flagger-1', status: 'trusted_flagger', reference: 'DSC-IE/TF/2026/7', until: '2029-01-01T00:00:00.000Z' },
  'party.accreditation_revoked': { party: 'flagger-1', status: 'trusted_flagger', reason: 'Art 22(6): no longer meets the conditions' },
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
  'awareness.recorded': { provider: 'p', pack: 'us-dmca', items: [{ locator: 'https://x.example/1' }], source: 'own_detection', awareAt: '2026-03-01T00:00:00.000Z' },
  'notice.received': { provider: 'p', pack: 'cn-ecom', notifier: 'n', channel: 'email', signed: false, original: `sha256:${'ef'.repeat(32)}` },
  'notice.acknowledged': {},
  'history.attested': {
    occurredAt: '2015-04-01T02:00:00.000Z',
    act: { type: 'notice.received', actor: 'p', data: { provider: 'p', pack: 'cn-civil', notifier: 'n', channel: 'mail' } },
    provenance: { reference: '(2017)京73民终1194号', evidence: ['cd'.repeat(32)], note: 'from the judgment' },
  },
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
  'personal_data.erased': { seq: 4, path: 'data.claimant.contact', reason: 'the data subject asked for erasure (GDPR Art 17)' },
};


/** An envelope of the given type with the given data, a case id on case acts. */
export const envelopeOf = (type: ActType, data: Record<string, unknown>) => act(type, 'actor-1', data, isCaseActType(type) ? 'c-1' : undefined);
