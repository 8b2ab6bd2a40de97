import { isTrustAnchor, type TrustAnchors } from '../actor-rules.js';
import { accreditedAt, type PartyState } from './state.js';

/** How a party holds a status that confers power: earned (anchor, accredited), only claimed, or not at all. */
export type Standing = 'trust_anchor' | 'accredited' | 'claimed_unaccredited' | 'none';

export interface PartyStanding {
  authority: Standing;
  trustedFlagger: Standing;
}

/**
 * What a party's claims are worth at `at`: a role or flag the party declared itself confers nothing
 * until an anchor (or, for trusted flaggers, an accredited authority) accredits it; views say which.
 */
export function partyStanding(party: PartyState, anchors: TrustAnchors, at: string): PartyStanding {
  const authority = isTrustAnchor(party, anchors) ? 'trust_anchor' : accreditedAt(party, 'authority', at) ? 'accredited' : party.roles.includes('authority') ? 'claimed_unaccredited' : 'none';
  const trustedFlagger = accreditedAt(party, 'trusted_flagger', at) ? 'accredited' : party.flags.trustedFlagger ? 'claimed_unaccredited' : 'none';
  return { authority, trustedFlagger };
}
