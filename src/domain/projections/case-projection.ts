import type { ActData } from '../acts/envelope.js';
import { effectiveAct } from '../case/history-act.js';
import { casePhase, type CasePhase } from '../case/phase.js';
import { evolveCase, initialCaseState, OPENING_ACTS } from '../case/state.js';
import type { CaseJudgement, PackContext, Protection, RulePack } from '../jurisdictions/rule-pack.js';
import type { PartyState } from '../party/state.js';
import type { RecordedAct } from '../recorded-act.js';
import { assumedYears, outcomesOf, prepareCase } from './case-judgement.js';
import { statusChangesAt } from '../jurisdictions/obligation.js';
import { classifyNotice, restorationCounts, type Classified } from './notifier-conduct.js';
import { strikeBasis, type StrikeBasis } from './repeat-infringement.js';

/** Later than any recorded act: a case judged "as of the end" holds every act it has. */
export const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * Everything the cross-case reports need of one case, derived once from its acts and the current
 * states of its provider and notifier, and kept in the projection store. None of it depends on the
 * time of a query: statuses are computed from the stored obligation windows when asked.
 */
export interface CaseProjection {
  id: string;
  provider: string;
  /** The notice's sender; empty for a case opened on the provider's awareness. */
  notifier: string;
  /** The notice's pack id as it names it (judged only when this build implements the pack). */
  pack: string;
  /** The user whose content is at issue now, and every user the notice or a forward named. */
  user: string | null;
  users: string[];
  openedAt: string;
  lastAt: string;
  lastSeq: number;
  revisions: number;
  phase: CasePhase;
  items: string[];
  judgement: CaseJudgement | null;
  /** When the item is at risk or lost, and why: as of t with after < t <= upTo (empty: always eligible, or no judgement). */
  unprotected: ProtectionSpan[];
  /** Whether a window of the case runs through a year its pack's working-day calendar does not know. */
  calendarAssumed: boolean;
  strike: StrikeBasis | null;
  conduct: Classified | null;
}

export interface CaseProjectionInputs {
  caseId: string;
  recorded: readonly RecordedAct[];
  provider: PartyState;
  /** The notifier when it is a registered party. */
  notifier?: PartyState;
  deploymentSlas?: Record<string, number>;
}

/** Projects a case whose first act is its notice; undefined for a stream that does not open with one. */
export function projectCase({ caseId, recorded, provider, notifier, deploymentSlas }: CaseProjectionInputs): CaseProjection | undefined {
  const state = recorded.reduce(evolveCase, initialCaseState(caseId));
  if (!state.opened || !state.provider) return undefined;
  const prepared = prepareCase({ caseId, recorded, asOf: END_OF_TIME, provider, notifier, deploymentSlas });
  const opening = effectiveAct(recorded[0]);
  const notice = opening.act.data as ActData<'notice.submitted'>;
  const users = new Set<string>();
  for (const r of recorded.map(effectiveAct)) {
    const named = (r.act.data as { user?: string }).user;
    if (named && (OPENING_ACTS.has(r.act.type) || r.act.type === 'notice.forwarded')) users.add(named);
  }
  const last = recorded[recorded.length - 1];
  return {
    id: caseId,
    provider: state.provider,
    // A case opened on the provider's awareness has no notifier.
    notifier: state.notifier ?? '',
    pack: notice.pack,
    user: state.user ?? null,
    users: [...users],
    openedAt: opening.recordedAt,
    lastAt: last.recordedAt,
    lastSeq: last.seq,
    revisions: recorded.length,
    phase: casePhase(state),
    items: (notice.items ?? []).map((i) => i.locator),
    judgement: prepared?.judgement ?? null,
    unprotected: prepared ? unprotectedSpans(prepared.pack, prepared.judgement, prepared.context) : [],
    calendarAssumed: !!prepared && assumedYears(prepared.pack, prepared.judgement.obligations.map((o) => o.window ?? {})).length > 0,
    strike: prepared ? strikeBasis(prepared.history, prepared.pack, prepared.judgement.assessment.status) : null,
    conduct: classifyNotice({ id: caseId, recorded }, END_OF_TIME, !!prepared && restorationCounts(prepared.pack, prepared.judgement.obligations)) ?? null,
  };
}

/** A span of time in which an item is not eligible for protection. */
export interface ProtectionSpan extends Protection {
  status: 'at_risk' | 'lost_for_item';
  after: string;
  upTo: string;
}

/**
 * When the item is at risk or lost. Its protection is a function of the obligations' statuses
 * (and the judgement), and statuses change only as deadlines pass: so it is constant between the
 * case's deadlines d1 < … < dn, and known for every time by judging it at d1, …, dn and the end of
 * time. Spans that are eligible are left out; neighbours alike are joined.
 */
export function unprotectedSpans(pack: RulePack, judgement: CaseJudgement, context: PackContext): ProtectionSpan[] {
  const deadlines = [...new Set(judgement.obligations.map(statusChangesAt).filter((at): at is string => at !== undefined))].sort();
  const spans: ProtectionSpan[] = [];
  let after = '';
  for (const upTo of [...deadlines, END_OF_TIME]) {
    const { status, reasons } = outcomesOf(pack, judgement, context, upTo).protection;
    const last = spans[spans.length - 1];
    if (status !== 'eligible') {
      if (last && last.upTo === after && last.status === status && JSON.stringify(last.reasons) === JSON.stringify(reasons)) last.upTo = upTo;
      else spans.push({ status, reasons, after, upTo });
    }
    after = upTo;
  }
  return spans;
}
