import { describe, expect, it } from 'vitest';
import { initialPartyState, type PartyState } from '../../src/domain/party/state.js';
import { accessLogScope, erasureRule, mayRead, READ_RULES, releaseRule, type HeldValue, type ReadContext, type Reader } from '../../src/domain/read-rules.js';

const NOW = '2026-11-30T12:00:00.000Z';
const party = (id: string, extra: Partial<PartyState> = {}): PartyState => ({ ...initialPartyState(id), registered: true, keys: [{ publicKey: `key-of-${id}`, fromSeq: 0, fromRecordedAt: '' }], ...extra });
const as = (state: PartyState): Reader => ({ kind: 'party', party: state });
const anonymous: Reader = { kind: 'anonymous' };
const accreditedCourt = party('court', { accreditations: [{ status: 'authority', by: 'anchor', reference: 'r', seq: 1, recordedAt: '2026-01-01T00:00:00.000Z' }] as PartyState['accreditations'] });
const revokedCourt = party('court-2', { accreditations: [{ status: 'authority', by: 'anchor', reference: 'r', seq: 1, recordedAt: '2026-01-01T00:00:00.000Z', revokedAt: '2026-06-01T00:00:00.000Z' }] as PartyState['accreditations'] });
const claimsAuthority = party('self-made', { roles: ['authority'] });
const ctx = (mode: ReadContext['mode'] = 'public'): ReadContext => ({ mode, anchors: new Map([['anchor', 'key-of-anchor']]), operators: new Map([['ops', 'key-of-ops']]), now: NOW });

describe('read rules: who may read what (a pure table)', () => {
  it('names a rule for every resource', () => {
    expect(Object.keys(READ_RULES).sort()).toEqual(['access_log', 'cases', 'log', 'parties', 'reports', 'verification']);
  });

  it('keeps verification public in both modes', () => {
    for (const mode of ['public', 'private'] as const) expect(mayRead('verification', anonymous, ctx(mode))).toBeUndefined();
  });

  it('answers the log, cases, parties and reports to everyone when public, to registered parties only when private', () => {
    for (const resource of ['log', 'cases', 'parties', 'reports'] as const) {
      expect(mayRead(resource, anonymous, ctx('public'))).toBeUndefined();
      expect(mayRead(resource, anonymous, ctx('private'))).toMatchObject({ status: 401, code: 'unauthenticated', rule: 'PrivateReadsToParties' });
      expect(mayRead(resource, as(party('p')), ctx('private'))).toBeUndefined();
    }
  });

  describe('clear personal data', () => {
    const contact: HeldValue = { seq: 3, path: 'data.claimant.contact', committedBy: 'holder', subject: 'holder' };
    const identity: HeldValue = { seq: 9, path: 'data.disclosed', committedBy: 'host', subject: 'user', requester: 'holder' };

    it('goes to the committer, the subject, an authority and the requester of a granted disclosure, under their rule', () => {
      expect(releaseRule(as(party('holder')), contact, ctx())).toBe('ClearValueToCommitter');
      expect(releaseRule(as(party('user')), identity, ctx())).toBe('ClearValueToSubject');
      expect(releaseRule(as(accreditedCourt), contact, ctx())).toBe('ClearValueToAuthority');
      expect(releaseRule(as(party('anchor')), contact, { ...ctx(), anchors: new Map([['anchor', 'key-of-anchor']]) })).toBe('ClearValueToAuthority');
      expect(releaseRule(as(party('holder')), identity, ctx())).toBe('ClearValueToRequester');
    });

    it('goes to nobody else, whatever the mode: not the provider of another’s value, not the operator, not a self-declared or revoked authority', () => {
      for (const reader of [party('host'), party('ops'), claimsAuthority, revokedCourt, party('other')]) {
        for (const mode of ['public', 'private'] as const) expect(releaseRule(as(reader), contact, ctx(mode))).toMatchObject({ status: 403, code: 'not_allowed', rule: 'ClearPersonalData' });
      }
      expect(releaseRule(anonymous, contact, ctx())).toMatchObject({ status: 401, rule: 'ClearPersonalData' });
      expect(releaseRule(as(party('other')), { ...identity, requester: undefined }, ctx())).toMatchObject({ status: 403 });
    });
  });

  it('shows authorities the whole access log, a party the releases of its own data, nobody unsigned', () => {
    expect(accessLogScope(as(accreditedCourt), ctx())).toEqual({ all: true });
    expect(accessLogScope(as(party('user')), ctx())).toEqual({ subject: 'user' });
    expect(accessLogScope(as(party('ops')), ctx())).toEqual({ subject: 'ops' });
    expect(accessLogScope(anonymous, ctx())).toMatchObject({ status: 401 });
    expect(mayRead('access_log', anonymous, ctx())).toMatchObject({ status: 401, rule: 'AccessLogToAuthoritiesAndSubjects' });
  });

  it('lets the subject, an authority or an operator (pinned key) erase a value, nobody else', () => {
    const value: HeldValue = { seq: 4, path: 'data.contact', committedBy: 'user', subject: 'user' };
    for (const allowed of [party('user'), accreditedCourt, party('ops', { keys: [{ publicKey: 'key-of-ops', fromSeq: 0, fromRecordedAt: '' }] })]) expect(erasureRule(allowed, value, ctx())).toBeUndefined();
    const impostor = party('ops', { keys: [{ publicKey: 'another-key', fromSeq: 0, fromRecordedAt: '' }] });
    for (const refused of [party('holder'), impostor, claimsAuthority]) expect(erasureRule(refused, value, ctx())).toMatchObject({ status: 403, rule: 'ErasureBySubjectAuthorityOrOperator' });
  });
});
