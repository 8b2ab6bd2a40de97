import { escape } from '../verdict/case-html.js';
import { getJson } from './api.js';

type Page = { items: { id: string; provider: string; pack: string; phase: string; openedAt: string }[]; total: number; next?: string };
type Checkpoint = { size: number; root: string; signedAt: string; note: string };
type History = { items: Checkpoint[]; next?: string };

const HISTORY_PAGE = 50;

/** `/` (or `/?before=<size>` for older checkpoints): the log's size, its history of checkpoints, the verifier key to pin, the latest cases. */
export async function logPage(main: HTMLElement, before: string | null = null): Promise<void> {
  const [key, checkpoint, history, cases] = await Promise.all([
    getJson<{ vkey: string }>('/v1/log/key'),
    getJson<{ size: number; root: string; signedAt: string; cosignatures: { witness: string; timestamp: number }[] }>('/v1/log/checkpoint'),
    getJson<History>(`/v1/log/checkpoints?limit=${HISTORY_PAGE}${before ? `&before=${encodeURIComponent(before)}` : ''}`),
    getJson<Page>('/v1/cases?limit=50'),
  ]);
  document.title = 'The log: Safe Harbor Ledger';
  const rows = cases.items.map((c) => `<tr><td><a href="/cases/${encodeURIComponent(c.id)}">${escape(c.id)}</a></td><td>${escape(c.provider)}</td><td>${escape(c.pack)}</td><td>${escape(c.phase)}</td><td>${escape(c.openedAt)}</td></tr>`).join('');
  main.innerHTML = `<h1>The log</h1>
<table class="facts"><tr><th>Entries</th><td>${checkpoint.size}, last checkpoint signed ${escape(checkpoint.signedAt)}</td></tr>
<tr><th>Root</th><td><code>${escape(checkpoint.root)}</code></td></tr>
<tr><th>Witnesses</th><td>${witnessesText(checkpoint.cosignatures)}</td></tr>
<tr><th>Verifier key</th><td><code>${escape(key.vkey)}</code><br><small>Pin it from a source you trust (your court file, the operator's publication), not from this page alone.</small></td></tr></table>
${historySection(history, before)}
<h2>Cases <small>(${cases.total}, the first 50)</small></h2>
<table><thead><tr><th>case</th><th>provider</th><th>pack</th><th>phase</th><th>opened</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Who cosigned the latest checkpoint (C2SP cosignature/v1), and when. */
function witnessesText(cosignatures: { witness: string; timestamp: number }[]): string {
  if (!cosignatures.length) return 'No witness has cosigned this checkpoint (the ledger names none, or none has answered yet).';
  const each = cosignatures.map((c) => `<li><code>${escape(c.witness)}</code>, cosigned ${escape(new Date(c.timestamp * 1000).toISOString().replace('.000Z', 'Z'))}</li>`).join('');
  return `<ul class="plain">${each}</ul><small>Check them with <code>harbor verify … --witness &lt;key&gt; --min-witnesses k</code>, the witnesses' keys pinned from their operators.</small>`;
}

/** The signed checkpoints of one page, oldest left: the log's size over time, then each checkpoint. */
function historySection(history: History, before: string | null): string {
  const older = history.next ? `<a class="older" href="/?before=${encodeURIComponent(history.next)}">Older checkpoints</a>` : '';
  const newer = before ? `<a class="newer" href="/">The latest checkpoints</a>` : '';
  const rows = history.items
    .map((c) => `<tr><td class="n">${c.size}</td><td class="n">${escape(c.signedAt)}</td><td><code>${escape(c.root.slice(0, 16))}…</code></td></tr>`)
    .join('');
  return `<h2>Checkpoints over time <small>(${history.items.length} signed checkpoints${before ? ` before size ${escape(before)}` : ', the latest'})</small></h2>
${history.items.length > 1 ? growthChart([...history.items].reverse()) : ''}
<table class="checkpoints"><thead><tr><th>size</th><th>signed at (UTC)</th><th>root</th></tr></thead><tbody>${rows}</tbody></table>
<p class="pager">${newer} ${older}</p>`;
}

/** Size against signing time, as steps: the log only grows, and each step is a checkpoint. */
function growthChart(oldestFirst: Checkpoint[]): string {
  const [width, height, left, bottom] = [640, 160, 70, 24];
  const signed = oldestFirst.map((c) => Date.parse(c.signedAt));
  // Checkpoints signed within the same millisecond (a burst, a test clock) are spread evenly instead.
  const times = signed[signed.length - 1] > signed[0] ? signed : signed.map((_, i) => i);
  const [t0, t1] = [times[0], times[times.length - 1]];
  const [s0, s1] = [oldestFirst[0].size, Math.max(oldestFirst[0].size + 1, oldestFirst[oldestFirst.length - 1].size)];
  const x = (t: number) => (left + ((t - t0) / (t1 - t0)) * (width - left - 10)).toFixed(1);
  const y = (s: number) => (10 + (1 - (s - s0) / (s1 - s0)) * (height - 10 - bottom)).toFixed(1);
  const steps = oldestFirst.map((c, i) => `${i === 0 ? 'M' : `H${x(times[i])} V`}${i === 0 ? `${x(times[0])},${y(c.size)}` : y(c.size)}`).join(' ');
  const dots = oldestFirst.map((c, i) => `<circle cx="${x(times[i])}" cy="${y(c.size)}" r="2.5" fill="#1f4e79"><title>${c.size} entries, signed ${escape(c.signedAt)}</title></circle>`).join('');
  const axis = `<text x="${left - 6}" y="${y(s1)}" text-anchor="end" class="axis">${s1}</text><text x="${left - 6}" y="${y(s0)}" text-anchor="end" class="axis">${s0}</text>
<text x="${left}" y="${height - 6}" class="axis">${escape(oldestFirst[0].signedAt.slice(0, 19))}Z</text><text x="${width - 10}" y="${height - 6}" text-anchor="end" class="axis">${escape(oldestFirst[oldestFirst.length - 1].signedAt.slice(0, 19))}Z</text>`;
  return `<svg class="growth" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="The log's size at each of these ${oldestFirst.length} checkpoints, from ${s0} to ${s1} entries (the table below lists them)"><path d="${steps}" fill="none" stroke="#1f4e79" stroke-width="1.5"/>${dots}${axis}</svg>`;
}
