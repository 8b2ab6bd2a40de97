import type { Act } from '../../src/domain/acts/envelope.js';
import { evolveParty, initialPartyState, type PartyState } from '../../src/domain/party/state.js';
import type { RecordedAct } from '../../src/domain/recorded-act.js';

/** Acts with the ledger times they were recorded at, as a case stream (seq from 100 on). */
export function timeline(...items: [recordedAt: string, act: Act][]): RecordedAct[] {
  return items.map(([recordedAt, act], i) => ({ act, seq: 100 + i, revision: i, recordedAt, leaf: '00'.repeat(32) }));
}

/** A party folded from its own acts, each with a recorded time. */
export function partyAt(...items: [recordedAt: string, act: Act][]): PartyState {
  return items.reduce((state, [recordedAt, act], i) => evolveParty(state, { act, seq: i, revision: i, recordedAt, leaf: '00'.repeat(32) }), initialPartyState(items[0][1].actor));
}
