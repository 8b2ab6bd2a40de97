import type { Act, ActData, CaseActType } from '../acts/envelope.js';
import { accept, refuse, type Decision } from '../recorded-act.js';
import { CASE_STATE_RULES } from './rules.js';
import type { CaseState } from './state.js';

/** Decides a case act against the case's state: the act itself as the event, or the first state rule it breaks. */
export function decideCase(state: CaseState, act: Act): Decision {
  for (const rule of CASE_STATE_RULES[act.type as CaseActType]) {
    const reason = rule.check(state, act);
    if (reason) return refuse(rule.name, `${act.type}: ${reason} (${rule.name})`, rule.field);
  }
  return act.type === 'history.attested' ? decideAttested(state, act) : accept(act);
}

/** An attested past act passes the state rules of the act it attests, as of when it occurred. */
function decideAttested(state: CaseState, act: Act): Decision {
  const { occurredAt, act: past } = act.data as ActData<'history.attested'>;
  const asItWas = { ...act, type: past.type, actor: past.actor, data: past.data, at: occurredAt } as Act;
  for (const rule of CASE_STATE_RULES[past.type as CaseActType]) {
    const reason = rule.check(state, asItWas);
    if (reason) return refuse(rule.name, `history.attested ${past.type}: ${reason} (${rule.name})`, rule.field === 'case' ? 'case' : `data.act.${rule.field ?? 'type'}`);
  }
  return accept(act);
}
