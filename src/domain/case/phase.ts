import type { CaseState } from './state.js';

/** Where a case stands, in one word, for lists and filters (README "Listing cases"). */
export const CASE_PHASES = ['open', 'measure_in_force', 'disputed', 'restored', 'in_litigation', 'withdrawn'] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

/**
 * The first that applies: withdrawn; in litigation (an action was filed); disputed (a counter-notice
 * or complaint while material is still under a measure); measure in force; restored (every measure
 * lifted); else open (a notice and no measure yet).
 */
export function casePhase(state: CaseState): CasePhase {
  if (state.withdrawn) return 'withdrawn';
  if (state.actionsFiled > 0) return 'in_litigation';
  const underMeasure = state.itemsUnderMeasure.length > 0;
  if (underMeasure && (state.counterNotices > 0 || state.complaintsLodged > state.complaintsDecided)) return 'disputed';
  if (underMeasure) return 'measure_in_force';
  if (state.measuresTaken > 0) return 'restored';
  return 'open';
}
