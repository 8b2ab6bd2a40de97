import type { PackCompliance, ProviderCompliance } from '../domain/projections/provider-compliance.js';
import { escape, STATUS_COLOUR } from '../verdict/case-html.js';
import { citationText } from '../verdict/citation-text.js';
import { getJson } from './api.js';

type Repeat = { packs: { pack: string; users: { user: string; activeStrikes: number; threshold: number; status: string; actionDueBy: string | null; strikes: { case: string; status: string; issuedAt: string; expiresAt: string }[] }[] }[] };
type CasePage = { items: { id: string; pack: string; phase: string }[]; total: number };
const VERDICT: Record<string, string> = { eligible: 'ELIGIBLE', at_risk: 'AT RISK', lost_for_period: 'LOST FOR THE PERIOD' };
const STATUSES = ['met', 'late', 'missed', 'early', 'pending', 'not_applicable'] as const;
const WEEKS = 6;

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
<section aria-labelledby="over-time"><h2 id="over-time">Duties over time</h2><div id="duties-over-time"><p>Counting…</p></div></section>
<h2>Falling due within a week <small>(${due.total})</small></h2>
${due.items.length ? `<ul>${due.items.map((c) => `<li><a href="/cases/${encodeURIComponent(c.id)}">${escape(c.id)}</a> (${escape(c.pack)}, ${escape(c.phase.replaceAll('_', ' '))})</li>`).join('')}</ul>` : '<p>Nothing.</p>'}
<h2>Repeat infringers</h2>${repeatSection(repeat)}`;
  await dutiesOverTime(main, id);
}

/** The provider's duties by status at the end of each of the last weeks, summed over keys and packs: a chart and its table. */
async function dutiesOverTime(main: HTMLElement, id: string): Promise<void> {
  const out = main.querySelector<HTMLElement>('#duties-over-time')!;
  const now = Date.now();
  const times = Array.from({ length: WEEKS }, (_, i) => new Date(now - (WEEKS - 1 - i) * 7 * 86_400_000).toISOString());
  // Before the provider registered there is no report: that week counts nothing.
  const reports = await Promise.all(times.map((t) => getJson<ProviderCompliance>(`/v1/providers/${encodeURIComponent(id)}/compliance?asOf=${t}`).catch(() => undefined)));
  const counts = reports.map((r) => {
    const sum = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
    for (const p of r?.packs ?? []) for (const tally of Object.values(p.obligations)) for (const s of STATUSES) sum[s] += tally[s] ?? 0;
    return sum;
  });
  out.innerHTML = `${chart(times, counts)}<table class="over-time"><thead><tr><th>as of</th>${STATUSES.map((s) => `<th>${s.replaceAll('_', ' ')}</th>`).join('')}</tr></thead><tbody>${times
    .map((t, i) => `<tr><td class="n">${escape(t.slice(0, 10))}</td>${STATUSES.map((s) => `<td>${counts[i][s]}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function chart(times: string[], counts: Record<string, number>[]): string {
  const max = Math.max(1, ...counts.map((c) => STATUSES.reduce((n, s) => n + c[s], 0)));
  const [barWidth, gap, height] = [60, 30, 160];
  const bars = counts
    .map((c, i) => {
      let y = height;
      const x = 10 + i * (barWidth + gap);
      const parts = STATUSES.filter((s) => c[s] > 0).map((s) => {
        const h = (c[s] / max) * (height - 10);
        y -= h;
        return `<rect x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}" fill="${STATUS_COLOUR[s]}"><title>${c[s]} ${s.replaceAll('_', ' ')}</title></rect>`;
      });
      return `${parts.join('')}<text x="${x + barWidth / 2}" y="${height + 16}" text-anchor="middle" class="axis">${escape(times[i].slice(5, 10))}</text>`;
    })
    .join('');
  const legend = STATUSES.map((s, i) => `<rect x="${10 + i * 95}" y="${height + 26}" width="10" height="10" fill="${STATUS_COLOUR[s]}"/><text x="${24 + i * 95}" y="${height + 35}" class="axis">${s.replaceAll('_', ' ')}</text>`).join('');
  const width = 20 + counts.length * (barWidth + gap);
  return `<svg viewBox="0 0 ${Math.max(width, 600)} ${height + 44}" width="100%" role="img" aria-label="The provider's duties by status at the end of each of the last ${counts.length} weeks (the table below gives the counts)">${bars}${legend}</svg>`;
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
