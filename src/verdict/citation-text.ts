import type { Reason } from '../domain/jurisdictions/rule-pack.js';

const BASIS: Record<NonNullable<Reason['basis']>, string> = { statutory: 'statute', case_law: 'case law', default: "this ledger's default" };

/** A reason's source as a reader sees it: `17 U.S.C. §512(c)(1)(C); this ledger's default` (empty when uncited). */
export function citationText(reason: Pick<Reason, 'source' | 'basis'>): string {
  if (!reason.source) return '';
  return reason.basis ? `${reason.source}; ${BASIS[reason.basis]}` : reason.source;
}
