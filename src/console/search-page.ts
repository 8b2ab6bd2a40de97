import { PACKS } from '../domain/acts/vocabulary.js';
import { CASE_PHASES } from '../domain/case/phase.js';
import { OBLIGATION_STATUSES } from '../domain/jurisdictions/obligation.js';
import { escape } from '../verdict/case-html.js';
import { getJson } from './api.js';

type CasePage = { items: { id: string; provider: string; notifier: string; user: string | null; pack: string; phase: string; openedAt: string }[]; total: number; next: string | null; asOf: string };
type Misuse = { items: { notifier: string; misuse: { provider: string; status: string; unfoundedInWindow: number }[] }[]; next?: string | null };
type Infringers = { items: { user: string; provider: string; pack: string; activeStrikes: number; threshold: number; status: string; actionDueBy: string | null }[]; next?: string | null };

const TEXT_FIELDS = ['provider', 'notifier', 'user'] as const;
const DATE_FIELDS = [['openedFrom', 'opened from'], ['openedTo', 'opened to'], ['dueBefore', 'due before (with an obligation status)']] as const;

/** `/search?…`: cases by the list endpoint's filters, paged by cursor; notifiers in misuse and repeat infringers across the ledger. */
export async function searchPage(main: HTMLElement, params: URLSearchParams): Promise<void> {
  document.title = 'Search: Safe Harbor Ledger';
  const query = new URLSearchParams([...params].filter(([k, v]) => v !== '' && k !== 'view'));
  // Dates are asked as days: the API takes instants.
  for (const [field] of DATE_FIELDS) if (query.get(field)?.length === 10) query.set(field, `${query.get(field)}T00:00:00.000Z`);
  if (!query.has('limit')) query.set('limit', '50');
  const [cases, misuse, infringers] = await Promise.all([
    getJson<CasePage>(`/v1/cases?${query.toString()}`),
    getJson<Misuse>('/v1/notifiers?misuse=warning_due&limit=20'),
    getJson<Infringers>('/v1/repeat-infringers?status=policy_breach&limit=20'),
  ]);
  main.innerHTML = `<h1>Search</h1>${form(params)}
<h2>Cases <small>(${cases.total} found, as of ${escape(cases.asOf)})</small></h2>
${caseTable(cases)}
${cases.next ? `<p><a class="next" href="/search?${escape(withCursor(params, cases.next))}">Next page</a></p>` : ''}
<h2>Notifiers due a warning for misuse</h2>${misuseTable(misuse)}
<h2>Repeat infringers whose action is overdue</h2>${infringerTable(infringers)}`;
}

function form(params: URLSearchParams): string {
  const text = TEXT_FIELDS.map((f) => `<p><label for="f-${f}">${f}</label><br><input id="f-${f}" name="${f}" value="${escape(params.get(f) ?? '')}"></p>`).join('');
  const select = (name: string, label: string, values: readonly string[]) =>
    `<p><label for="f-${name}">${label}</label><br><select id="f-${name}" name="${name}"><option value="">any</option>${values.map((v) => `<option${params.get(name) === v ? ' selected' : ''}>${escape(v)}</option>`).join('')}</select></p>`;
  const dates = DATE_FIELDS.map(([f, label]) => `<p><label for="f-${f}">${label}</label><br><input id="f-${f}" name="${f}" type="date" value="${escape((params.get(f) ?? '').slice(0, 10))}"></p>`).join('');
  return `<form class="search" method="get" action="/search">${text}${select('pack', 'pack', PACKS)}${select('state', 'state', CASE_PHASES)}${select('obligation', 'an obligation', OBLIGATION_STATUSES)}${dates}<p><button type="submit">Search</button></p></form>`;
}

function withCursor(params: URLSearchParams, cursor: string): string {
  const next = new URLSearchParams(params);
  next.set('cursor', cursor);
  return next.toString();
}

function caseTable(page: CasePage): string {
  if (!page.items.length) return '<p>No case matches.</p>';
  const rows = page.items.map((c) => `<tr><td><a href="/cases/${encodeURIComponent(c.id)}">${escape(c.id)}</a></td><td><a href="/providers/${encodeURIComponent(c.provider)}">${escape(c.provider)}</a></td><td>${escape(c.notifier || '—')}</td><td>${escape(c.user ?? '—')}</td><td>${escape(c.pack)}</td><td>${escape(c.phase.replaceAll('_', ' '))}</td><td class="n">${escape(c.openedAt.slice(0, 16).replace('T', ' '))} UTC</td></tr>`).join('');
  return `<table class="results"><thead><tr><th>case</th><th>provider</th><th>notifier</th><th>user</th><th>pack</th><th>state</th><th>opened</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function misuseTable(page: Misuse): string {
  if (!page.items.length) return '<p>None.</p>';
  const rows = page.items.flatMap((n) => n.misuse.map((m) => `<tr><td>${escape(n.notifier)}</td><td>${escape(m.provider)}</td><td>${m.unfoundedInWindow}</td><td>${escape(m.status.replaceAll('_', ' '))}</td></tr>`)).join('');
  return `<table><thead><tr><th>notifier</th><th>provider</th><th>unfounded in window</th><th>standing</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function infringerTable(page: Infringers): string {
  if (!page.items.length) return '<p>None.</p>';
  const rows = page.items.map((u) => `<tr><td>${escape(u.user)}</td><td><a href="/providers/${encodeURIComponent(u.provider)}">${escape(u.provider)}</a></td><td>${escape(u.pack)}</td><td>${u.activeStrikes} of ${u.threshold}</td><td>${escape(u.actionDueBy ?? '—')}</td></tr>`).join('');
  return `<table><thead><tr><th>user</th><th>provider</th><th>pack</th><th>active strikes</th><th>action was due by</th></tr></thead><tbody>${rows}</tbody></table>`;
}
