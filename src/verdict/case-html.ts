import type { BundleReport } from '../audit/verify-bundle.js';
import type { Obligation } from '../domain/jurisdictions/obligation.js';
import { effectiveAct, type EffectiveAct } from '../domain/case/history-act.js';
import type { CaseJudgementView } from '../domain/projections/case-judgement.js';
import { legalTimeZone, localTime, timelineCells } from './case-text.js';
import type { Rejudgement } from './rejudge.js';
import { citationText } from './citation-text.js';

/** What the court file shows beside the case: how it was verified, against which checkpoint and key. */
export interface CourtFileContext {
  /** The pinned verifier key (`origin+keyid+…`): its name and key id are printed as its fingerprint. */
  ledgerKey: string;
  /** When the file was made (the reader's clock). */
  generatedAt: string;
}

export const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const STATUS_COLOUR: Record<string, string> = { met: '#2e7d32', early: '#8a5300', late: '#c62828', missed: '#c62828', pending: '#1565c0', not_applicable: '#757575' };

/**
 * A case's court file: one self-contained, printable HTML page rendered from a verified bundle and
 * its re-judgement only (no request to anything): the verification, the checkpoint and the key's
 * fingerprint, the timeline in the provider's legal time zone, the deadlines drawn against the acts,
 * and the verdict with the statute each duty comes from.
 */
export function caseCourtFile(report: BundleReport, r: Rejudgement | undefined, context: CourtFileContext): string {
  const title = `Case ${r?.caseId ?? report.summary?.stream ?? 'bundle'}: court file`;
  const body = [header(report, r, context), r && report.ok ? caseSections(r) : invalidSection(report)].join('\n');
  return page(title, body, context.generatedAt, 'case bundle');
}

export function page(title: string, body: string, generatedAt: string, source: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style></head>
<body><main>
${body}
<footer>Rendered offline from a verified ${source} by harbor report case on ${escape(generatedAt)}. Every fact above comes from entries whose signatures and inclusion were checked against the pinned ledger key; the verdict was recomputed from them.</footer>
</main></body></html>
`;
}

function header(report: BundleReport, r: Rejudgement | undefined, context: CourtFileContext): string {
  const s = report.summary;
  const [origin, keyId] = context.ledgerKey.split('+');
  const verdict = !report.ok ? 'INVALID' : r?.failures.length ? 'AUTHENTIC, VERDICT DOES NOT HOLD' : 'VALID';
  const cls = verdict === 'VALID' ? 'ok' : 'bad';
  return `<header>
<h1>Case ${escape(r?.caseId ?? s?.stream ?? '')}</h1>
<p class="banner ${cls}">Verification: ${verdict}</p>
<table class="facts">
<tr><th>Checkpoint</th><td>${s ? `${escape(s.origin)}, tree size ${s.treeSize}<br><code>root ${escape(s.root)}</code>` : 'not trusted'}</td></tr>
<tr><th>Ledger key</th><td><code>${escape(origin ?? '')}+${escape(keyId ?? '')}</code> (pinned out of band)</td></tr>
${r ? `<tr><th>Judged as of</th><td>${escape(localTime(r.asOf, legalTimeZone(r)))} (${escape(legalTimeZone(r))})</td></tr>
<tr><th>Verdict check</th><td>${escape(verdictCheck(r))}</td></tr>` : ''}
</table>
</header>`;
}

function verdictCheck(r: Rejudgement): string {
  if (r.failures.length) return r.failures.map((f) => `${f.code}: ${f.message}`).join('; ');
  return r.compared ? "Recomputed from the entries alone; equal to the ledger's signed judgement." : `Recomputed from the entries as of ${r.asOf}; the ledger's judgement (as of ${r.claim.asOf}) was not compared.`;
}

export function invalidSection(report: { failures: { code: string; seq?: number; message: string }[] }): string {
  const rows = report.failures.map((f) => `<tr><td>${escape(f.code)}</td><td>${f.seq ?? ''}</td><td>${escape(f.message)}</td></tr>`).join('');
  return `<section><h2>Why the bundle is not valid</h2><p>Nothing in this bundle can be relied on. The failures found:</p>
<table><thead><tr><th>code</th><th>seq</th><th>what</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function caseSections(r: Rejudgement): string {
  return caseSectionsOf(r.caseActs.map(effectiveAct), r.judgement, legalTimeZone(r));
}

/** The timeline, the deadlines against the acts and the verdict: the court file's body, and the console's case page. */
export function caseSectionsOf(acts: readonly EffectiveAct[], j: CaseJudgementView | null, zone: string): string {
  const timeline = acts
    .map((a) => {
      const { type, said } = timelineCells(a);
      return `<tr${a.attestation ? ' class="attested"' : ''}><td class="n">${a.seq}</td><td class="n">${escape(localTime(a.recordedAt, zone))}<br><span class="utc">${escape(a.recordedAt.slice(0, 16).replace('T', ' '))} UTC</span></td><td class="n">${escape(a.act.actor)}</td><td>${escape(type)}</td><td>${escape(said)}</td></tr>`;
    })
    .join('');
  const sections = [`<section><h2>Timeline <small>(${escape(zone)})</small></h2>
<table><thead><tr><th>seq</th><th>when</th><th>by</th><th>act</th><th>what it said</th></tr></thead><tbody>${timeline}</tbody></table></section>`];
  if (!j) return [...sections, '<section><h2>Verdict</h2><p>The case has no notice of a pack this verifier judges.</p></section>'].join('\n');
  const duties = [...j.obligations, ...(j.dueDiligence ?? [])];
  sections.push(`<section><h2>Deadlines against the acts</h2>${deadlineChart(duties, acts, zone)}</section>`);
  const rows = duties
    .map((o) => `<tr><td>${escape(o.key)}</td><td class="n">${escape(o.party)}</td><td class="n">${escape(o.basis)}</td><td>${escape(windowText(o, zone))}</td><td class="n">${escape(localTime(o.metAt, zone))}</td><td><span class="status" style="background:${STATUS_COLOUR[o.status] ?? '#555'}">${escape(o.status.replaceAll('_', ' '))}</span></td><td>${escape(o.source)}</td></tr>`)
    .join('');
  const reasons = j.protection.reasons.map((x) => `<li>${escape(x.code)}${x.obligation ? ` — ${escape(x.obligation)}` : ''}${x.source ? ` <span class="cite">(${escape(citationText(x))})</span>` : ''}</li>`).join('');
  sections.push(`<section><h2>Verdict under ${escape(j.pack)}</h2>
<p>Notice: <strong>${escape(j.assessment.status)}</strong>${j.assessment.missing.length ? ` (missing ${escape(j.assessment.missing.join(', '))})` : ''}</p>
<table><thead><tr><th>duty</th><th>party</th><th>basis</th><th>window</th><th>met</th><th>status</th><th>source</th></tr></thead><tbody>${rows}</tbody></table>
<p class="protection">Protection of the item: <strong>${escape(j.protection.status.replaceAll('_', ' ').toUpperCase())}</strong></p>
${reasons ? `<ul>${reasons}</ul>` : ''}</section>`);
  return sections.join('\n');
}

function windowText(o: Obligation, zone: string): string {
  if (!o.by) return '-';
  return o.from ? `${localTime(o.from, zone)} to ${localTime(o.by, zone)}` : `by ${localTime(o.by, zone)}`;
}

/** Each duty's window as a bar on one time axis, the moment it was met as a dot, every act as a tick. */
function deadlineChart(duties: Obligation[], acts: readonly EffectiveAct[], zone: string): string {
  const times = [...acts.map((a) => Date.parse(a.recordedAt)), ...duties.flatMap((o) => [o.from, o.by, o.metAt].filter((t): t is string => !!t).map(Date.parse))];
  const start = Math.min(...times);
  const end = Math.max(...times, start + 86_400_000);
  const [left, width, rowHeight] = [170, 560, 22];
  const x = (t: number) => left + ((t - start) / (end - start)) * width;
  const height = 30 + duties.length * rowHeight + 24;
  const noticeAt = Date.parse(acts[0]?.recordedAt ?? new Date(start).toISOString());
  const bars = duties
    .map((o, i) => {
      const y = 30 + i * rowHeight;
      const from = o.from ? Date.parse(o.from) : noticeAt;
      const bar = o.by ? `<rect x="${x(from).toFixed(1)}" y="${y + 4}" width="${Math.max(2, x(Date.parse(o.by)) - x(from)).toFixed(1)}" height="12" fill="${STATUS_COLOUR[o.status] ?? '#555'}" opacity="0.35"/>` : '';
      const met = o.metAt ? `<circle cx="${x(Date.parse(o.metAt)).toFixed(1)}" cy="${y + 10}" r="5" fill="${STATUS_COLOUR[o.status] ?? '#555'}"/>` : '';
      return `<text x="4" y="${y + 14}" class="label">${escape(o.key)}</text>${bar}${met}`;
    })
    .join('');
  const ticks = acts.map((a) => `<line x1="${x(Date.parse(a.recordedAt)).toFixed(1)}" x2="${x(Date.parse(a.recordedAt)).toFixed(1)}" y1="22" y2="${height - 22}" class="act"><title>${escape(`${a.seq} ${a.act.type}`)}</title></line>`).join('');
  const axis = `<text x="${left}" y="${height - 6}" class="axis">${escape(localTime(new Date(start).toISOString(), zone))}</text><text x="${left + width}" y="${height - 6}" class="axis" text-anchor="end">${escape(localTime(new Date(end).toISOString(), zone))}</text>`;
  return `<svg viewBox="0 0 ${left + width + 10} ${height}" width="100%" role="img" aria-label="Deadlines of each duty drawn against the acts of the case">
<text x="${left}" y="14" class="axis">each bar: the window to act; dot: when it was met; grey lines: the acts</text>${ticks}${bars}${axis}</svg>`;
}

export const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 "DejaVu Serif", Georgia, "WenQuanYi Micro Hei", "Noto Serif CJK SC", serif; color: #111; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 2.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #bbb; padding-bottom: .2rem; }
small { font-weight: normal; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: .86rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .45rem; border-bottom: 1px solid #ddd; }
thead th { background: #f0f0f0; }
td.n { white-space: nowrap; }
.utc { color: #444; font-size: .8rem; }
.duty { white-space: nowrap; margin-right: .6rem; }
table.facts th { width: 9rem; background: none; }
code { font: .8rem "DejaVu Sans Mono", monospace; word-break: break-all; }
.banner { display: inline-block; font: bold 1rem "DejaVu Sans", sans-serif; padding: .3rem .8rem; border-radius: 3px; color: #fff; }
.banner.ok { background: #2e7d32; } .banner.bad { background: #c62828; }
.status { color: #fff; border-radius: 3px; padding: 0 .35rem; font: bold .75rem "DejaVu Sans", sans-serif; text-transform: uppercase; }
.protection { font-size: 1.05rem; margin-top: .8rem; }
.cite { color: #444; font-size: .85rem; }
tr.attested td { font-style: italic; }
svg .label { font: 11px "DejaVu Sans Mono", monospace; fill: #222; }
svg .axis { font: 10px "DejaVu Sans", sans-serif; fill: #555; }
svg .act { stroke: #999; stroke-width: 1; stroke-dasharray: 2 2; }
footer { margin-top: 2rem; font-size: .8rem; color: #555; border-top: 1px solid #bbb; padding-top: .5rem; }
@media print { main { padding: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } @page { size: A4; margin: 16mm; } }
`;
