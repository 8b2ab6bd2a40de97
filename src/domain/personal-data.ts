import { effectiveAct } from './case/history-act.js';
import { evolveCase, initialCaseState } from './case/state.js';
import type { RecordedAct } from './recorded-act.js';
import type { HeldValue } from './read-rules.js';

/** The path of the identity a `disclosure.granted` discloses: the case's user, committed by the provider. */
const DISCLOSED_IDENTITY = 'data.disclosed';

/**
 * Who committed each clear value held for a stream's acts, whose data it is, and (for a disclosed
 * identity) who asked for it: what the read and erasure rules judge. `recorded` is the whole stream
 * in order; `held` the values the store holds, by seq and path.
 */
export function heldValues(recorded: readonly RecordedAct[], held: readonly { seq: number; path: string }[]): HeldValue[] {
  const wanted = new Set(held.map((h) => h.seq));
  const out: HeldValue[] = [];
  let state = initialCaseState('');
  let requester: string | undefined;
  for (const r of recorded) {
    if (wanted.has(r.seq)) {
      for (const { path } of held.filter((h) => h.seq === r.seq)) out.push(heldValue(r, path, state.user, requester));
    }
    if (r.act.type === 'disclosure.requested') requester = r.act.actor;
    if (r.act.case !== undefined) state = evolveCase(state, r);
  }
  return out;
}

function heldValue(r: RecordedAct, path: string, caseUser: string | undefined, requester: string | undefined): HeldValue {
  const committedBy = r.act.actor;
  if (r.act.type === 'disclosure.granted' && path === DISCLOSED_IDENTITY && caseUser) return { seq: r.seq, path, committedBy, subject: caseUser, ...(requester ? { requester } : {}) };
  // In attested history the court commits the value; it is the data of the past act's own actor.
  const subject = r.act.type === 'history.attested' ? effectiveAct(r).act.actor : committedBy;
  return { seq: r.seq, path, committedBy, subject };
}
