import type { Act, ActData } from '../acts/envelope.js';
import { accept, refuse, type Decision } from '../recorded-act.js';
import { currentKey, type PartyState } from './state.js';

/**
 * State rules of a party stream. Who may record what is checked before (actor-rules.ts); the decider
 * refuses only what cannot happen.
 */
export function decideParty(state: PartyState, act: Act): Decision {
  switch (act.type) {
    case 'party.registered':
      return state.registered
        ? refuse('PartyIdIsFree', `party ${JSON.stringify(state.id)} is already registered`, 'actor')
        : accept(act);
    case 'party.key_rotated': {
      if (!state.registered) return refuse('PartyIsRegistered', `party ${JSON.stringify(state.id)} is not registered`, 'actor');
      const { publicKey } = act.data as ActData<'party.key_rotated'>;
      if (state.keys.some((key) => key.publicKey === publicKey)) {
        return refuse('RotatedKeyIsNew', 'the new key was already used by this party', 'data.publicKey');
      }
      return currentKey(state) ? accept(act) : refuse('PartyIsRegistered', 'the party has no key to rotate', 'actor');
    }
    case 'party.accredited':
      return state.registered ? accept(act) : refuse('PartyIsRegistered', `party ${JSON.stringify(state.id)} is not registered`, 'data.party');
    case 'party.accreditation_revoked': {
      if (!state.registered) return refuse('PartyIsRegistered', `party ${JSON.stringify(state.id)} is not registered`, 'data.party');
      const { status } = act.data as ActData<'party.accreditation_revoked'>;
      return state.accreditations.some((a) => a.status === status && !a.revokedAt)
        ? accept(act)
        : refuse('AccreditationIsHeld', `${state.id} holds no ${status} accreditation to revoke`, 'data.status');
    }
    default:
      return state.registered ? accept(act) : refuse('PartyIsRegistered', `party ${JSON.stringify(state.id)} is not registered`, 'actor');
  }
}
