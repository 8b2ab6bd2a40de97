import type { Comparison } from '../domain/projections/compare.js';
import { citationText } from './citation-text.js';
import { formatTable } from './table.js';

/** A comparison as a person reads it: one row per regime, then each regime's duties and reasons. */
export function formatComparison(c: Comparison): string {
  const rows = c.regimes.map((r) => [
    `${r.pack}${r.own ? ' (the case’s own)' : ''}`,
    `${r.service.kind} as ${r.service.role}`,
    r.assessment.status,
    r.obligations.map((o) => `${o.key} ${o.status}`).join(', ') || '-',
    r.protection.status.replaceAll('_', ' '),
  ]);
  const lines = [`Case ${c.case} judged under ${c.regimes.length} regime(s) as of ${c.asOf}: ${c.agree ? 'they agree' : 'they diverge'}`, ''];
  lines.push(...formatTable(['pack', 'service', 'notice', 'duties', 'protection'], rows));
  for (const r of c.regimes) {
    lines.push('', `${r.pack}: the service is classed ${r.service.role} (${citationText(r.service)})`);
    if (r.knowledge) lines.push(`  knowledge from ${r.knowledge.at}: ${r.knowledge.note}`);
    for (const reason of r.protection.reasons) lines.push(`  ${reason.code}${reason.obligation ? ` ${reason.obligation}` : ''} (${citationText(reason)})`);
    for (const flag of r.flags ?? []) lines.push(`  flag: ${flag}`);
  }
  return lines.join('\n');
}
