import { escape } from '../verdict/case-html.js';
import { getJson } from './api.js';

type Page = { items: { id: string; provider: string; pack: string; phase: string; openedAt: string }[]; total: number; next?: string };

/** `/`: the log's size and the verifier key to pin, and the latest cases. */
export async function logPage(main: HTMLElement): Promise<void> {
  const [key, checkpoint, cases] = await Promise.all([
    getJson<{ vkey: string }>('/v1/log/key'),
    getJson<{ size: number; root: string; signedAt: string }>('/v1/log/checkpoint'),
    getJson<Page>('/v1/cases?limit=50'),
  ]);
  document.title = 'The log: Safe Harbor Ledger';
  const rows = cases.items.map((c) => `<tr><td><a href="/cases/${encodeURIComponent(c.id)}">${escape(c.id)}</a></td><td>${escape(c.provider)}</td><td>${escape(c.pack)}</td><td>${escape(c.phase)}</td><td>${escape(c.openedAt)}</td></tr>`).join('');
  main.innerHTML = `<h1>The log</h1>
<table class="facts"><tr><th>Entries</th><td>${checkpoint.size}, last checkpoint signed ${escape(checkpoint.signedAt)}</td></tr>
<tr><th>Root</th><td><code>${escape(checkpoint.root)}</code></td></tr>
<tr><th>Verifier key</th><td><code>${escape(key.vkey)}</code><br><small>Pin it from a source you trust (your court file, the operator's publication), not from this page alone.</small></td></tr></table>
<h2>Cases <small>(${cases.total}, the first 50)</small></h2>
<table><thead><tr><th>case</th><th>provider</th><th>pack</th><th>phase</th><th>opened</th></tr></thead><tbody>${rows}</tbody></table>`;
}
