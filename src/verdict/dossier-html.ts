import type { DossierReport } from '../audit/verify-dossier.js';
import type { PackCompliance } from '../domain/projections/provider-compliance.js';
import { escape, invalidSection, page, STATUS_COLOUR, type CourtFileContext } from './case-html.js';
import type { DossierRejudgement } from './dossier.js';
import { citationText } from './citation-text.js';

const VERDICT: Record<string, string> = { eligible: 'ELIGIBLE', at_risk: 'AT RISK', lost_for_period: 'LOST FOR THE PERIOD' };

/**
 * A provider dossier's court file: the verification, the provider's safe-harbor standing per pack
 * recomputed offline (every reason, the obligations by key and status, repeat infringers), and each
 * case's verdict in one line. Self-contained and printable, like the case file.
 */
export function dossierCourtFile(report: DossierReport, r: DossierRejudgement | undefined, context: CourtFileContext): string {
  const s = report.summary;
  const [origin, keyId] = context.ledgerKey.split('+');
  const verdict = !report.ok ? 'INVALID' : r?.failures.length ? 'AUTHENTIC, VERDICTS DO NOT HOLD' : 'VALID';
  const period = s ? [s.from && `from ${s.from}`, s.to && `to ${s.to}`].filter(Boolean).join(' ') || 'all time' : '';
  const head = `<header>
<h1>Dossier of ${escape(s?.provider ?? '')}</h1>
<p class="banner ${verdict === 'VALID' ? 'ok' : 'bad'}">Verification: ${verdict}</p>
<table class="facts">
<tr><th>Cases</th><td>${s ? `${s.cases}, opened ${escape(period)}` : ''}</td></tr>
<tr><th>Checkpoint</th><td>${s ? `${escape(s.origin)}, tree size ${s.treeSize}<br><code>root ${escape(s.root)}</code>` : 'not trusted'}</td></tr>
<tr><th>Ledger key</th><td><code>${escape(origin ?? '')}+${escape(keyId ?? '')}</code> (pinned out of band)</td></tr>
${r ? `<tr><th>Judged as of</th><td>${escape(r.asOf)}</td></tr><tr><th>Verdict check</th><td>${escape(r.failures.length ? r.failures.map((f) => f.message).join('; ') : `every case recomputed from its entries; all equal to the ledger's signed judgements`)}</td></tr>` : ''}
</table>
</header>`;
  const body = !report.ok || !r ? invalidSection(report) : [...r.compliance.packs.map(packSection), casesSection(r)].join('\n');
  return page(`Dossier of ${s?.provider ?? ''}: court file`, `${head}\n${body}`, context.generatedAt, 'provider dossier');
}

function packSection(pack: PackCompliance<unknown[]>): string {
  const reasons = pack.safeHarbor.reasons.map((x) => `<li>${escape(x.code)}${x.obligation ? ` — ${escape(x.obligation)}` : ''}${x.count ? ` ×${x.count}` : ''}${x.user ? ` (user ${escape(x.user)})` : ''}${x.source ? ` <span class="cite">(${escape(citationText(x))})</span>` : ''}</li>`).join('');
  const tallies = { ...pack.obligations, ...(pack.dueDiligence ?? {}) };
  const rows = Object.entries(tallies)
    .sort()
    .map(([key, t]) => `<tr><td>${escape(key)}</td>${(['met', 'late', 'missed', 'early', 'pending', 'not_applicable'] as const).map((k) => `<td class="n">${t[k]}</td>`).join('')}</tr>`)
    .join('');
  return `<section><h2>${escape(pack.pack)}: ${pack.cases} case(s), safe harbor ${VERDICT[pack.safeHarbor.status] ?? escape(pack.safeHarbor.status)}</h2>
${reasons ? `<ul>${reasons}</ul>` : '<p>No reason against it.</p>'}
<table><thead><tr><th>duty</th><th>met</th><th>late</th><th>missed</th><th>early</th><th>pending</th><th>n/a</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function casesSection(r: DossierRejudgement): string {
  const rows = r.cases
    .map((c) => {
      const j = c.judgement;
      const duties = j ? [...j.obligations, ...(j.dueDiligence ?? [])].map((o) => `<span class="duty">${escape(o.key)} <span class="status" style="background:${STATUS_COLOUR[o.status] ?? '#555'}">${escape(o.status.replaceAll('_', ' '))}</span></span>`).join(' ') : '';
      return `<tr><td class="n">${escape(c.caseId)}</td><td class="n">${escape(j?.pack ?? '-')}</td><td>${duties}</td><td class="n">${escape(j ? j.protection.status.replaceAll('_', ' ') : 'not judged')}</td></tr>`;
    })
    .join('');
  return `<section><h2>The cases</h2><table><thead><tr><th>case</th><th>pack</th><th>duties</th><th>item</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
