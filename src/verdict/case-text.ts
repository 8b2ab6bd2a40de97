import { DateTime } from 'luxon';
import type { BundleReport } from '../audit/verify-bundle.js';
import { packOfVersion } from '../domain/jurisdictions/registry.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { CaseJudgementView } from '../domain/projections/case-judgement.js';
import type { Rejudgement } from './rejudge.js';
import { formatTable } from './table.js';
import { citationText } from './citation-text.js';
import { effectiveAct, type Attestation, type EffectiveAct } from '../domain/case/history-act.js';

/** The legal time zone of the case's provider under its pack (UTC when none applies). */
export function legalTimeZone(r: Rejudgement): string {
  const pack = r.judgement ? packOfVersion(r.judgement.pack) : undefined;
  return pack && r.provider ? pack.timeZone(r.provider) : 'UTC';
}

export function localTime(instant: string | null | undefined, zone: string): string {
  if (!instant) return '-';
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd HH:mm ZZZZ');
}

/** What an act said, in one line: its data with commitments shown as such, shortened. */
export function actSummary(act: RecordedAct['act']): string {
  const text = JSON.stringify(act.data, (_key, value: unknown) => (typeof value === 'string' && value.startsWith('sha256:') ? '(committed)' : value));
  const plain = text === '{}' ? '' : text.replace(/^\{|\}$/g, '').replaceAll('"', '');
  return plain.length > 90 ? `${plain.slice(0, 89)}…` : plain;
}

/** A timeline row's act and what it said; an act of a past procedure says who attested it, on what, and when that was recorded. */
export function timelineCells(a: EffectiveAct): { type: string; said: string } {
  if (!a.attestation) return { type: a.act.type, said: actSummary(a.act) };
  const { by, reference, recordedAt } = a.attestation;
  return { type: `${a.act.type} (attested)`, said: `attested by ${by}, ${reference}, recorded ${recordedAt.slice(0, 10)}; ${actSummary(a.act)}` };
}

/** The case as a person reads it: verification, the verdict's check, the timeline, the obligations, the item's protection. */
export function formatCaseText(report: BundleReport, r: Rejudgement): string {
  const zone = legalTimeZone(r);
  const head = [
    `Case ${r.caseId}${r.judgement ? ` under ${r.judgement.pack}` : ''}, judged as of ${localTime(r.asOf, zone)} (${zone})`,
    `Verification: ${report.ok ? 'VALID' : 'INVALID'}${report.summary ? ` against checkpoint ${report.summary.origin}, tree size ${report.summary.treeSize}` : ''}`,
    `Judgement: ${verdictLine(r)}`,
  ];
  return formatCaseBody(head, r.caseActs.map(effectiveAct), r.judgement, zone);
}

/** A timeline item of the case the ledger serves (GET /v1/cases/:id). */
export type ServedTimelineItem = { seq: number; recordedAt: string; actor: string; type: string; data: unknown; attested?: Attestation & { occurredAt: string } };

/** The served timeline as the acts the law reads: an attested act at when it occurred, with its attestation. */
export function servedActs(timeline: readonly ServedTimelineItem[]): EffectiveAct[] {
  return timeline.map((t) => ({
    ...{ seq: t.seq, revision: 0, recordedAt: t.attested?.occurredAt ?? t.recordedAt, leaf: '', act: { actor: t.actor, type: t.type, data: t.data } as RecordedAct['act'] },
    ...(t.attested ? { attestation: t.attested } : {}),
  }));
}

/** The case as the ledger serves it (GET /v1/cases/:id), for harbor show case: the same layout, said to be the ledger's word. */
export function formatServedCase(view: { id: string; asOf: string; judged: boolean; timeline: ServedTimelineItem[] } & Partial<CaseJudgementView>): string {
  const judgement = view.judged ? (view as CaseJudgementView) : null;
  const zone = judgement?.obligations[0]?.timeZone ?? 'UTC';
  const acts = servedActs(view.timeline);
  const head = [`Case ${view.id}${judgement ? ` under ${judgement.pack}` : ''}, as the ledger judges it as of ${localTime(view.asOf, zone)} (${zone})`, 'To check it offline: harbor fetch bundle, then harbor verify.'];
  return formatCaseBody(head, acts, judgement, zone);
}

function formatCaseBody(head: string[], acts: EffectiveAct[], j: CaseJudgementView | null, zone: string): string {
  const lines = [
    ...head,
    '',
    `Timeline (${zone})`,
    ...formatTable(['seq', 'when', 'actor', 'act', 'what it said'], acts.map((a) => [String(a.seq), localTime(a.recordedAt, zone), a.act.actor, timelineCells(a).type, timelineCells(a).said])).map((l) => `  ${l}`),
  ];
  if (!j) return [...lines, '', 'No judgement: the case has no notice of a pack this verifier judges.'].join('\n');
  lines.push('', `Notice: ${j.assessment.status}${j.assessment.missing.length ? ` (missing ${j.assessment.missing.join(', ')})` : ''}`, '', 'Obligations');
  const duties = [...j.obligations, ...(j.dueDiligence ?? [])];
  const rows = duties.map((o) => [o.key, o.party, o.basis, o.from ? `${localTime(o.from, zone)} to ${localTime(o.by, zone)}` : `by ${localTime(o.by, zone)}`, localTime(o.metAt, zone), o.status.toUpperCase(), o.source]);
  lines.push(...formatTable(['duty', 'party', 'basis', 'window', 'met', 'status', 'source'], rows).map((l) => `  ${l}`));
  const reasons = j.protection.reasons.map((x) => `${x.code}${x.obligation ? ` ${x.obligation}` : ''}${x.source ? ` (${citationText(x)})` : ''}`);
  lines.push('', `Protection of the item: ${j.protection.status.replaceAll('_', ' ').toUpperCase()}${reasons.length ? ` — ${reasons.join('; ')}` : ''}`);
  return lines.join('\n');
}

function verdictLine(r: Rejudgement): string {
  if (r.failures.length) return `FAILED — ${r.failures.map((f) => `${f.code}: ${f.message}`).join('; ')}`;
  if (!r.compared) return `recomputed from the entries as of ${r.asOf} (the ledger's claim, as of ${r.claim.asOf}, was not compared)`;
  return "recomputed from the entries alone; it equals the ledger's signed claim";
}
