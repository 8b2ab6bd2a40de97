import type { PackCompliance, ProviderCompliance } from '../domain/projections/provider-compliance.js';
import { escape, STATUS_COLOUR } from '../verdict/case-html.js';
import { citationText } from '../verdict/citation-text.js';
import { getJson } from './api.js';

type Repeat = { packs: { pack: string; users: { user: string; activeStrikes: number; threshold: number; status: string; actionDueBy: string | null; strikes: { case: string; status: string; issuedAt: string; expiresAt: string }[] }[] }[] };
type CasePage = { items: { id: string; pack: string; phase: string }[]; total: number };
const VERDICT: Record<string, string> = { eligible: 'ELIGIBLE', at_risk: 'AT RISK', lost_for_period: 'LOST FOR THE PERIOD' };
const STATUSES = ['met', 'late', 'missed', 'early', 'pending', 'not_applicable'] as const;

/** `/providers/<id>`: its standing per pack with every reason, duties by key and status, items at risk and lost, prerequisites, repeat infringers, what falls due within a week. */
export async function providerPage(main: HTMLElement, id: string): Promise<void> {
  const week = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const enc = encodeURIComponent(id);
  const [compliance, repeat, due] = await Promise.all([
    getJson<ProviderCompliance>(`/v1/providers/${enc}/compliance`),
    getJson<Repeat>(`/v1/providers/${enc}/repeat-infringers`),
    getJson<CasePage>(`/v1/cases?provider=${enc}&obligation=pending&dueBefore=${week}&limit=50`),
  ]);
  document.title = `${compliance.name}: Safe Harbor Ledger`;
  main.innerHTML = `<h1>${escape(compliance.name)} <small>(${escape(compliance.provider)}${compliance.providerKind ? `, ${escape(compliance.providerKind)}` : ''})</small></h1>
<p class="lead">Standing as of ${escape(compliance.asOf)}.</p>
${compliance.packs.map(packSection).join('\n')}
<h2>Falling due within a week <small>(${due.total})</small></h2>
${due.items.length ? `<ul>${due.items.map((c) => `<li><a href="/cases/${encodeURIComponent(c.id)}">${escape(c.id)}</a> (${escape(c.pack)}, ${escape(c.phase.replaceAll('_', ' '))})</li>`).join('')}</ul>` : '<p>Nothing.</p>'}
<h2>Repeat infringers</h2>${repeatSection(repeat)}`;
}

function packSection(p: PackCompliance<unknown[]>): string {
  const reasons = p.safeHarbor.reasons.map((r) => `<li>${escape(r.code)}${r.obligation ? ` — ${escape(r.obligation)}` : ''}${r.count ? ` ×${r.count}` : ''}${r.user ? ` (user ${escape(r.user)})` : ''} <span class="cite">(${escape(citationText(r))})</span></li>`).join('');
  const duties = Object.entries(p.obligations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, counts]) => `<tr><td>${escape(key)}</td>${STATUSES.map((s) => `<td class="n">${counts[s] ? `<span class="status" style="background:${STATUS_COLOUR[s]}">${counts[s]}</span>` : ''}</td>`).join('')}</tr>`)
    .join('');
  const items = (list: unknown[], what: string) =>
    list.length ? `<p>${what}: ${(list as { case: string }[]).slice(0, 20).map((i) => `<a href="/cases/${encodeURIComponent(i.case)}">${escape(i.case)}</a>`).join(', ')}${list.length > 20 ? ` and ${list.length - 20} more` : ''}</p>` : '';
  const agent = p.prerequisites.designatedAgent as { status: string; validUntil?: string } | undefined;
  return `<section><h2>${escape(p.pack)} <small>${p.cases} case(s)</small></h2>
<p class="banner ${p.safeHarbor.status === 'eligible' ? 'ok' : 'bad'}">Safe harbor: ${VERDICT[p.safeHarbor.status] ?? escape(p.safeHarbor.status)}</p>
${reasons ? `<ul>${reasons}</ul>` : '<p>No reason against it.</p>'}
${agent ? `<p>Designated agent: ${escape(agent.status)}${agent.validUntil ? `, valid until ${escape(agent.validUntil)}` : ''}</p>` : ''}
<table><thead><tr><th>duty</th>${STATUSES.map((s) => `<th>${s.replaceAll('_', ' ')}</th>`).join('')}</tr></thead><tbody>${duties}</tbody></table>
${items(p.itemsLost as unknown[], 'Items lost')}${items(p.itemsAtRisk as unknown[], 'Items at risk')}</section>`;
}

function repeatSection(r: Repeat): string {
  const rows = r.packs.flatMap((p) => p.users.map((u) => `<tr><td>${escape(u.user)}</td><td>${escape(p.pack)}</td><td>${u.activeStrikes} of ${u.threshold}</td><td>${escape(u.status.replaceAll('_', ' '))}</td><td>${escape(u.actionDueBy ?? '—')}</td></tr>`)).join('');
  return rows ? `<table><thead><tr><th>user</th><th>pack</th><th>active strikes</th><th>status</th><th>action due by</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>None.</p>';
}
