import type { Act, ActType } from './acts/envelope.js';

/** An act as the ledger committed it: the envelope plus the ledger's sequence fields. */
export interface RecordedAct<T extends ActType = ActType> {
  act: Act<T>;
  seq: number;
  revision: number;
  recordedAt: string;
  /** Lowercase hex leaf hash of the entry. */
  leaf: string;
}

/** A decider's answer: the events to append (here, the act itself), or the rule that refuses it. */
export type Decision = { ok: true; events: Act[] } | { ok: false; rejection: import('./errors.js').Rejection };

export const accept = (act: Act): Decision => ({ ok: true, events: [act] });
export const refuse = (rule: string, message: string, field?: string): Decision => ({
  ok: false,
  rejection: { code: 'invalid_state', rule, message, field },
});
