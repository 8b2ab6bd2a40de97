import type { RepeatInfringersView } from '../application/compliance-service.js';
import type { ProviderCompliance } from '../domain/projections/provider-compliance.js';
import { citationText } from '../verdict/citation-text.js';

const VERDICT: Record<string, string> = { eligible: 'ELIGIBLE', at_risk: 'AT RISK', lost_for_period: 'LOST FOR THE PERIOD' };

/** A provider's compliance as a regulator reads it: the verdict per pack with every reason, the duties, items and repeat infringers. */
export function formatCompliance(report: ProviderCompliance, repeat: RepeatInfringersView): string {
  const lines = [`Compliance of ${report.name} (${report.provider}, ${report.providerKind ?? 'provider'}) as of ${report.asOf}`, ''];
  for (const pack of report.packs) {
    lines.push(`${pack.pack}: ${pack.cases} case(s) — safe harbor ${VERDICT[pack.safeHarbor.status]}`);
    for (const r of pack.safeHarbor.reasons) lines.push(`  reason: ${r.code}${r.obligation ? ` ${r.obligation}` : ''}${r.count ? ` ×${r.count}` : ''}${r.user ? ` (user ${r.user})` : ''}${r.source ? ` — ${citationText(r)}` : ''}`);
    for (const [name, value] of Object.entries(pack.prerequisites)) lines.push(`  ${name}: ${JSON.stringify(value)}`);
    lines.push('  obligations           met  late  missed  early  pending  n/a');
    const rows = { ...pack.obligations, ...(pack.dueDiligence ?? {}) };
    for (const [key, t] of Object.entries(rows).sort()) {
      const dd = pack.dueDiligence && key in pack.dueDiligence ? ' (due diligence)' : '';
      lines.push(`  ${key.padEnd(22)}${String(t.met).padStart(3)}${String(t.late).padStart(6)}${String(t.missed).padStart(8)}${String(t.early).padStart(7)}${String(t.pending).padStart(9)}${String(t.not_applicable).padStart(5)}${dd}`);
    }
    if (pack.itemsLost.length) lines.push(`  items where the harbor is lost: ${pack.itemsLost.map((i) => `${i.case} (${i.reasons.map((r) => r.obligation ?? r.code).join(', ')})`).join('; ')}`);
    if (pack.itemsAtRisk.length) lines.push(`  items at risk: ${pack.itemsAtRisk.map((i) => `${i.case} (${i.reasons.map((r) => r.obligation ?? r.code).join(', ')})`).join('; ')}`);
    const users = repeat.packs.find((p) => p.pack === pack.pack)?.users ?? [];
    const notable = users.filter((u) => u.status !== 'below_threshold');
    lines.push(`  repeat infringers: ${notable.length ? notable.map((u) => `${u.user} ${u.activeStrikes}/${u.threshold} active strikes, ${u.status}${u.actionDueBy ? ` (due ${u.actionDueBy})` : ''}`).join('; ') : 'none over the threshold'}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
