import type { Basis } from './obligation.js';
import type { Citation, Reason, RulePack } from './rule-pack.js';

/** Reasons every pack shares: the ledger's own rules, each saying so. */
export const SHARED_REASON_SOURCES: Readonly<Record<string, Citation>> = {
  RECEIPT_RECORDED_LATE: { source: 'this ledger: a notice recorded more than a day after its claimed receipt lets the provider choose when its clock starts', basis: 'default' },
  CALENDAR_ASSUMED: { source: 'this ledger: weekends alone counted where the official working-day calendar is not shipped (JURISDICTIONS.md §0.5)', basis: 'default' },
  PACK_NOT_DECLARED: { source: 'this ledger: notices under a pack the provider never declared are judged and flagged', basis: 'default' },
  LAW_NOT_IN_FORCE: { source: 'this ledger: no version of the pack was in force when the notice arrived; its earliest version judged', basis: 'default' },
  ITEMS_LOST: { source: "this ledger: the provider's standing summarises its items' verdicts (each cites its own source)", basis: 'default' },
  ITEMS_AT_RISK: { source: "this ledger: the provider's standing summarises its items' verdicts (each cites its own source)", basis: 'default' },
};

const OBLIGATION_BASIS: Record<Basis, Citation['basis']> = { statutory: 'statutory', default_sla: 'default' };

/**
 * The source of a reason: an obligation's reason cites the duty (a statutory period is the law's, a
 * default SLA ours); other codes cite the pack's own table, then the shared one.
 */
export function citationOf(pack: RulePack, reason: Pick<Reason, 'code' | 'obligation'>): Citation {
  if (reason.obligation) {
    const duty = pack.duties.find((d) => d.key === reason.obligation);
    if (duty) return { source: duty.source, basis: OBLIGATION_BASIS[duty.basis] };
  }
  const cited = pack.reasonSources[reason.code] ?? SHARED_REASON_SOURCES[reason.code];
  if (!cited) throw new Error(`reason ${reason.code}${reason.obligation ? ` (${reason.obligation})` : ''} has no source in ${pack.id}`);
  return cited;
}

/** The reasons with their sources, in order. */
export function citeReasons<R extends Reason>(pack: RulePack, reasons: readonly R[]): R[] {
  return reasons.map((r) => ({ ...r, ...citationOf(pack, r) }));
}
