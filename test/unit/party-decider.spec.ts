import { describe, expect, it } from 'vitest';
import { keyValidAt } from '../../src/domain/party/state.js';
import { act, given, partyFrom } from '../support/decider-spec.js';

const KEY_A = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const KEY_B = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=';
const hostRegistration = act('party.registered', 'host', { name: 'Tube', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], publicKey: KEY_A });
const userRegistration = act('party.registered', 'user', { name: 'U', roles: ['user'], publicKey: KEY_A });
const host = partyFrom(hostRegistration);
const user = partyFrom(userRegistration);

describe('party decider', () => {
  it('a new party registers itself', () => given([]).when(hostRegistration).then());
  it('a party id registers once', () => given([host], [hostRegistration]).when(hostRegistration).thenRejects('invalid_state', 'PartyIdIsFree'));
  it('a party rotates to a new key', () => given([host], [hostRegistration]).when(act('party.key_rotated', 'host', { publicKey: KEY_B })).then());
  it('a key is never reused', () =>
    given([host], [hostRegistration]).when(act('party.key_rotated', 'host', { publicKey: KEY_A })).thenRejects('invalid_state', 'RotatedKeyIsNew'));
  it('an unregistered party cannot rotate', () => given([]).when(act('party.key_rotated', 'ghost', { publicKey: KEY_B })).thenRejects('invalid_state', 'PartyIsRegistered'));

  const providerActs = [
    act('provider.agent_designated', 'host', { registry: 'DMCA-1', designatedOn: '2026-01-01' }),
    act('provider.policy_adopted', 'host', { repeatInfringer: { strikes: 3, windowDays: 365, action: 'terminate', actionWithinDays: 7, countDisputed: false } }),
    act('user.warned', 'host', { user: 'user', reason: 'two strikes' }),
    act('user.suspended', 'host', { user: 'user', reason: 'r', until: '2030-02-01T00:00:00.000Z' }),
    act('user.terminated', 'host', { user: 'user', reason: 'r' }),
    act('notifier.warned', 'host', { notifier: 'holder', reason: 'r' }),
    act('notifier.suspended', 'host', { notifier: 'holder', reason: 'r', until: '2030-02-01T00:00:00.000Z' }),
  ];
  for (const providerAct of providerActs) {
    it(`a provider records ${providerAct.type}`, () => given([host], [hostRegistration]).when(providerAct).then());
    it(`a user cannot record ${providerAct.type}`, () =>
      given([user], [userRegistration]).when({ ...providerAct, actor: 'user' }).thenRejects('not_allowed', 'ActorHasRole'));
  }
});

describe('party decider: accreditations earned from a trust anchor', () => {
  const ANCHORS = new Map([['anchor', KEY_A]]);
  const anchorRegistration = act('party.registered', 'anchor', { name: 'Registry', roles: ['authority'], publicKey: KEY_A });
  const anchor = partyFrom(anchorRegistration);
  const authority = partyFrom(act('party.registered', 'dsc', { name: 'DSC', roles: ['authority'], publicKey: KEY_B }), act('party.accredited', 'anchor', { party: 'dsc', status: 'authority' }));
  const selfDeclared = partyFrom(act('party.registered', 'fake-dsc', { name: 'Fake DSC', roles: ['authority'], publicKey: KEY_B }));
  const accredit = (by: string, status: string, party = 'user') => act('party.accredited', by, { party, status });

  it('an anchor registers with the key the deployment pins for it', () => given([], [], ANCHORS).when(anchorRegistration).then());
  it('nobody takes an anchor’s id with another key', () =>
    given([], [], ANCHORS).when(act('party.registered', 'anchor', { name: 'Impostor', roles: ['authority'], publicKey: KEY_B })).thenRejects('not_allowed', 'AnchorRegistersWithPinnedKey'));
  it('an anchor accredits an authority', () => given([anchor, user], [userRegistration], ANCHORS).when(accredit('anchor', 'authority')).then());
  it('an accredited authority accredits a trusted flagger (DSA Art 22)', () => given([authority, user], [userRegistration], ANCHORS).when(accredit('dsc', 'trusted_flagger')).then());
  it('an accredited authority cannot make another authority', () =>
    given([authority, user], [userRegistration], ANCHORS).when(accredit('dsc', 'authority')).thenRejects('not_allowed', 'ActorMayAccredit'));
  it('a self-declared authority cannot accredit (regression: roles were self-declared)', () =>
    given([selfDeclared, user], [userRegistration], ANCHORS).when(accredit('fake-dsc', 'trusted_flagger')).thenRejects('not_allowed', 'ActorMayAccredit'));
  it('a party that is not registered cannot be accredited', () =>
    given([anchor], [], ANCHORS).when(accredit('anchor', 'authority', 'ghost')).thenRejects('invalid_state', 'PartyIsRegistered'));
  it('an anchor revokes a status the party holds', () =>
    given([anchor, user], [userRegistration, accredit('anchor', 'trusted_flagger')], ANCHORS).when(act('party.accreditation_revoked', 'anchor', { party: 'user', status: 'trusted_flagger', reason: 'Art 22(6)' })).then());
  it('no revocation of a status not held', () =>
    given([anchor, user], [userRegistration], ANCHORS).when(act('party.accreditation_revoked', 'anchor', { party: 'user', status: 'authority', reason: 'x' })).thenRejects('invalid_state', 'AccreditationIsHeld'));
});

describe('party state: keys by position', () => {
  it('verifies each act with the key valid at its seq', () => {
    const state = partyFrom(hostRegistration, act('party.key_rotated', 'host', { publicKey: KEY_B }));
    // registration at seq 0, rotation at seq 1 (signed by the old key), the new key from seq 2 on
    expect(keyValidAt(state, 0)).toBe(KEY_A);
    expect(keyValidAt(state, 1)).toBe(KEY_A);
    expect(keyValidAt(state, 2)).toBe(KEY_B);
    expect(state.keys[0].retiredAtSeq).toBe(1);
  });

  it('keeps provider kind, packs and flags', () => {
    const eu = partyFrom(act('party.registered', 'vlop', { name: 'V', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], flags: { largePlatform: true }, publicKey: KEY_A, timeZone: 'Europe/Dublin' }));
    expect(eu).toMatchObject({ providerKind: 'platform', packs: ['eu-dsa'], flags: { largePlatform: true, microSmall: false, trustedFlagger: false }, timeZone: 'Europe/Dublin' });
  });
});
