import type { Act, CaseActType } from '../acts/envelope.js';
import { accept, refuse, type Decision } from '../recorded-act.js';
import { CASE_STATE_RULES } from './rules.js';
import type { CaseState } from './state.js';

/** Decides a case act against the case's state: the act itself as the event, or the first state rule it breaks. */
export function decideCase(state: CaseState, act: Act): Decision {
  for (const rule of CASE_STATE_RULES[act.type as CaseActType]) {
    const reason = rule.check(state, act);
    if (reason) return refuse(rule.name, `${act.type}: ${reason} (${rule.name})`, rule.field);
  }
  return accept(act);
}
