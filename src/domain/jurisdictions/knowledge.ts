import type { CaseHistory, Happened } from './case-history.js';
import type { DutyBase } from './duty-table.js';
import type { ObligationSpec, Window } from './obligation.js';
import type { Assessment, Citation } from './rule-pack.js';

/**
 * Knowledge without a notice (JURISDICTIONS.md §2.7(4), §3.7, §4.7, §5.7): when the provider knew or
 * should have known of the case's material, from its own record of awareness or an authority's
 * finding, and which findings the no-general-monitoring rule sets aside.
 */
export interface Knowledge {
  /** The earliest time knowledge arose. */
  at: string;
  /** What it rests on: `awareness` (awareness.recorded) or `finding` (knew, should_have_known). */
  from: 'awareness' | 'finding';
  seq: number;
  note: string;
}

export interface SetAsideFinding extends Citation {
  seq: number;
  code: 'FINDING_CONTRARY_TO_NO_MONITORING';
}

export interface KnowledgeFacts {
  knowledge?: Knowledge;
  /** Findings of knowledge that rest on the absence of monitoring alone: contrary to the pack's no-monitoring rule, not taken. */
  setAside: SetAsideFinding[];
}

/** The assessment of a case that opened without a notice: there is none to assess. */
export const NO_NOTICE: Assessment = { status: 'not_a_notice', missing: [], elements: [] };

const iso = (t: string) => new Date(Date.parse(t)).toISOString();

/** `noMonitoring`: the pack's rule that no general monitoring duty exists (none: the regime has no such rule). */
export function knowledgeOf(history: CaseHistory, noMonitoring: Citation | undefined): KnowledgeFacts {
  const candidates: Knowledge[] = [];
  const setAside: SetAsideFinding[] = [];
  const negated = history.first('finding.recorded', undefined, (f) => f.data.outcome === 'no_knowledge');
  const opening = history.opening;
  if (opening?.type === 'awareness.recorded') {
    const { source } = (opening as Happened<'awareness.recorded'>).data;
    // The provider's own detection is knowledge whatever a court later finds; awareness others report may be found wanting.
    if (source === 'own_detection' || !negated) candidates.push({ at: opening.recordedAt, from: 'awareness', seq: opening.seq, note: `aware: ${source.replaceAll('_', ' ')}` });
  }
  for (const finding of history.all('finding.recorded', (f) => f.data.outcome === 'knew' || f.data.outcome === 'should_have_known')) {
    const grounds = finding.data.grounds ?? [];
    if (noMonitoring && grounds.length > 0 && grounds.every((g) => g === 'absence_of_monitoring')) {
      setAside.push({ seq: finding.seq, code: 'FINDING_CONTRARY_TO_NO_MONITORING', ...noMonitoring });
      continue;
    }
    const at = finding.data.knowledgeAt ? iso(finding.data.knowledgeAt) : finding.recordedAt;
    candidates.push({ at, from: 'finding', seq: finding.seq, note: `found: ${finding.data.outcome.replaceAll('_', ' ')}${grounds.length ? ` (${grounds.join(', ').replaceAll('_', ' ')})` : ''}` });
  }
  const knowledge = candidates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))[0];
  return { knowledge, setAside };
}

/**
 * The duty to act expeditiously once the provider knows (or, as found, should know): due some days
 * after knowledge arose, met by the first measure in the case (one taken before is in time too).
 */
export function awarenessDuty(facts: KnowledgeFacts, base: DutyBase, window: (at: string) => Window, metAt: string | undefined, notApplicable?: string): ObligationSpec | undefined {
  const { knowledge } = facts;
  if (!knowledge) return undefined;
  return { ...base, window: window(knowledge.at), metAt, notApplicable, note: knowledge.note };
}
