import type { ObligationSpec } from './obligation.js';
import type { DutyInfo } from './rule-pack.js';

/** The fields every obligation of a duty shares: its key, basis and source, the provider, the legal time zone. */
export type DutyBase = Pick<ObligationSpec, 'key' | 'basis' | 'source' | 'party' | 'timeZone'>;

/**
 * One duty in a pack's table, as the deciders' rules are: what it is, and how the facts of a case
 * derive it — none, one, or one per trigger (each measure, each complaint, each request).
 */
export interface DutyRule<Facts> extends DutyInfo {
  derive(facts: Facts, base: DutyBase): ObligationSpec | ObligationSpec[] | undefined | false;
}

/** Every duty of the table for one case, in table order. */
export function deriveDuties<Facts>(table: readonly DutyRule<Facts>[], facts: Facts, party: string, timeZone: string): ObligationSpec[] {
  const specs: ObligationSpec[] = [];
  for (const rule of table) {
    const derived = rule.derive(facts, { key: rule.key, basis: rule.basis, source: rule.source, party, timeZone });
    if (Array.isArray(derived)) specs.push(...derived);
    else if (derived) specs.push(derived);
  }
  return specs;
}

/** The table as the pack lists it (key, basis, source), without the functions. */
export const dutiesOf = <Facts>(table: readonly DutyRule<Facts>[]): DutyInfo[] => table.map(({ key, basis, source }) => ({ key, basis, source }));
