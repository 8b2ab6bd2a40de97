import { describe, expect, it } from 'vitest';
import { commit } from '../../src/audit/commitment.js';
import { checkDisclosures } from '../../src/domain/acts/disclosures.js';
import type { Act } from '../../src/domain/acts/envelope.js';
import { partyStanding } from '../../src/domain/party/standing.js';
import { accreditedAt } from '../../src/domain/party/state.js';
import { partyAt } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const OTHER_KEY = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=';
const T = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString();

describe('accreditations over time', () => {
  const registration: [string, Act] = [T(1), act('party.registered', 'p', { name: 'P', roles: ['rights_holder'], flags: { trustedFlagger: true }, publicKey: KEY })];
  const accredited = partyAt(registration, [T(5), act('party.accredited', 'dsc', { party: 'p', status: 'trusted_flagger', until: T(20) })]);
  // The accreditation is the second act folded: seq 1.

  it('holds from the act after it until its end, not before and not at the end', () => {
    expect(accreditedAt(accredited, 'trusted_flagger', T(4))).toBe(false);
    expect(accreditedAt(accredited, 'trusted_flagger', T(6))).toBe(true);
    expect(accreditedAt(accredited, 'trusted_flagger', T(20))).toBe(false);
    expect(accreditedAt(accredited, 'authority', T(6))).toBe(false);
    expect(accreditedAt(undefined, 'authority', T(6))).toBe(false);
  });

  it('decides by log order within the instant of the accreditation', () => {
    expect(accreditedAt(accredited, 'trusted_flagger', T(5), 2)).toBe(true);
    expect(accreditedAt(accredited, 'trusted_flagger', T(5), 1)).toBe(false);
    expect(accreditedAt(accredited, 'trusted_flagger', T(5))).toBe(true);
  });

  it('ends at its revocation, and a new accreditation holds again', () => {
    const revoked = partyAt(
      registration,
      [T(5), act('party.accredited', 'dsc', { party: 'p', status: 'trusted_flagger' })],
      [T(10), act('party.accreditation_revoked', 'dsc', { party: 'p', status: 'trusted_flagger', reason: 'Art 22(6)' })],
      [T(15), act('party.accredited', 'dsc', { party: 'p', status: 'trusted_flagger' })],
    );
    expect(revoked.accreditations.map((a) => a.revokedAt ?? null)).toEqual([T(10), null]);
    expect([T(9), T(10), T(12), T(16)].map((t) => accreditedAt(revoked, 'trusted_flagger', t))).toEqual([true, false, false, true]);
  });

  it('revokes only the status named', () => {
    const both = partyAt(
      registration,
      [T(2), act('party.accredited', 'anchor', { party: 'p', status: 'authority' })],
      [T(3), act('party.accredited', 'anchor', { party: 'p', status: 'trusted_flagger' })],
      [T(4), act('party.accreditation_revoked', 'anchor', { party: 'p', status: 'authority', reason: 'r' })],
    );
    expect(accreditedAt(both, 'authority', T(5))).toBe(false);
    expect(accreditedAt(both, 'trusted_flagger', T(5))).toBe(true);
    expect(both.accreditations[1]).toEqual({ status: 'trusted_flagger', by: 'anchor', seq: 2, recordedAt: T(3) });
  });
});

describe('what a party’s claims are worth', () => {
  const anchors = new Map([['anchor', KEY]]);
  const registered = (id: string, roles: string[], publicKey = KEY, flags = {}) => partyAt([T(1), act('party.registered', id, { name: id, roles, flags, publicKey })]);

  it.each([
    ['a trust anchor', registered('anchor', ['authority']), { authority: 'trust_anchor', trustedFlagger: 'none' }],
    ['a party with an anchor’s id and another key', registered('anchor', ['authority'], OTHER_KEY), { authority: 'claimed_unaccredited', trustedFlagger: 'none' }],
    ['a self-declared authority', registered('court', ['authority']), { authority: 'claimed_unaccredited', trustedFlagger: 'none' }],
    ['a self-declared trusted flagger', registered('ngo', ['rights_holder'], KEY, { trustedFlagger: true }), { authority: 'none', trustedFlagger: 'claimed_unaccredited' }],
    ['a rights holder claiming nothing', registered('acme', ['rights_holder']), { authority: 'none', trustedFlagger: 'none' }],
  ])('%s', (_n, party, standing) => {
    expect(partyStanding(party, anchors, T(10))).toEqual(standing);
  });

  it('an accredited party, whatever it claimed', () => {
    const court = partyAt([T(1), act('party.registered', 'court', { name: 'C', roles: ['user'], publicKey: KEY })], [T(2), act('party.accredited', 'anchor', { party: 'court', status: 'authority' })], [T(3), act('party.accredited', 'court', { party: 'court', status: 'trusted_flagger' })]);
    expect(partyStanding(court, anchors, T(10))).toEqual({ authority: 'accredited', trustedFlagger: 'accredited' });
  });
});

describe('disclosures beside an act', () => {
  const contact = commit('legal@acme.example');
  const address = commit('1 Harbor Way');
  const notice = act('notice.submitted', 'acme', { provider: 'p', pack: 'us-dmca', claimant: { name: 'Acme', contact: contact.commitment, address: address.commitment } }, 'c-1');
  const refusal = (disclosures: { path: string; value: string; salt: string }[]) => {
    try {
      checkDisclosures(notice, disclosures);
    } catch (error) {
      return { code: (error as { code: string }).code, field: (error as { field: string }).field, message: (error as Error).message };
    }
    return undefined;
  };

  it('accepts values that open their commitments', () => {
    expect(refusal([{ path: 'data.claimant.contact', value: 'legal@acme.example', salt: contact.salt }, { path: 'data.claimant.address', value: '1 Harbor Way', salt: address.salt }])).toBeUndefined();
  });

  it.each([
    ['a path to a field that carries no commitment', [{ path: 'data.claimant.name', value: 'Acme', salt: contact.salt }], { code: 'schema', field: 'disclosures[0].path', message: 'disclosures[0].path must end in a committed field (contact, address, disclosed)' }],
    ['the same path twice', [{ path: 'data.claimant.contact', value: 'legal@acme.example', salt: contact.salt }, { path: 'data.claimant.contact', value: 'legal@acme.example', salt: contact.salt }], { code: 'schema', field: 'disclosures[1].path', message: 'disclosures[1].path repeats data.claimant.contact' }],
    ['a path where the act has no commitment', [{ path: 'data.counter.contact', value: 'x', salt: contact.salt }], { code: 'commitment_mismatch', field: 'disclosures[0].path', message: 'disclosures[0]: the act has no commitment at data.counter.contact' }],
    ['another value', [{ path: 'data.claimant.contact', value: 'other@acme.example', salt: contact.salt }], { code: 'commitment_mismatch', field: 'disclosures[0].value', message: 'disclosures[0]: value and salt do not open the commitment at data.claimant.contact' }],
    ['another salt', [{ path: 'data.claimant.address', value: '1 Harbor Way', salt: contact.salt }], { code: 'commitment_mismatch', field: 'disclosures[0].value', message: 'disclosures[0]: value and salt do not open the commitment at data.claimant.address' }],
  ])('refuses %s, naming the disclosure', (_n, disclosures, expected) => {
    expect(refusal(disclosures)).toEqual(expected);
  });
});
