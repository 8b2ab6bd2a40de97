import type { ActData } from '../acts/envelope.js';
import { CaseHistory } from '../jurisdictions/case-history.js';
import { citeReasons } from '../jurisdictions/citations.js';
import type { Knowledge, SetAsideFinding } from '../jurisdictions/knowledge.js';
import { evaluate, statusOf, type Obligation, type ObligationOutcome } from '../jurisdictions/obligation.js';
import { packForCase } from '../jurisdictions/registry.js';
import { packVersion, type Assessment, type CaseJudgement, type PackContext, type Protection, type RulePack } from '../jurisdictions/rule-pack.js';
import type { PartyState } from '../party/state.js';
import type { RecordedAct } from '../recorded-act.js';

/** The legal judgement of one case as of a time: the part of the case view the rule packs compute. */
export interface CaseJudgementView {
  /** `us-dmca@2026.2`: the pack version applied, so the verdict can be recomputed exactly. */
  pack: string;
  asOf: string;
  assessment: Assessment;
  obligations: Obligation[];
  protection: Protection;
  /** EU: due-diligence duties (Arts 16-24) whose breach does not remove the liability exemption. */
  dueDiligence?: Obligation[];
  /**
   * `PACK_NOT_DECLARED`: the notice names a pack its provider never declared (recorded and judged, but flagged);
   * `LAW_NOT_IN_FORCE`: no version of the pack was in force when the notice arrived (its earliest judged).
   */
  flags?: string[];
  /** When the provider knew or should have known (its awareness, or a finding), if it did. */
  knowledge?: Knowledge;
  /** Findings of knowledge set aside as contrary to the no-general-monitoring rule, with that rule's source. */
  setAside?: SetAsideFinding[];
  /** Set when a window runs through a year the pack's working-day calendar does not know: its days were assumed. */
  calendar?: { coverage: 'assumed'; years: number[]; note: string };
}

export interface JudgementInputs {
  caseId: string;
  recorded: readonly RecordedAct[];
  asOf: string;
  provider: PartyState;
  notifier?: PartyState;
  /** Deployment-wide default SLAs by obligation key (the provider's policy comes first). */
  deploymentSlas?: Record<string, number>;
}

/** What a pack derives from a case's acts: independent of the evaluation time once every act is in. */
export interface PreparedCase {
  pack: RulePack;
  history: CaseHistory;
  context: PackContext;
  judgement: CaseJudgement;
  /** False when no version of the pack was in force when the notice arrived. */
  inForce: boolean;
}

/** Judges a case under the pack its notice names; undefined when that pack is not implemented. */
export function judgeCase(inputs: JudgementInputs): CaseJudgementView | undefined {
  const prepared = prepareCase(inputs);
  return prepared && evaluateCase(prepared, inputs.asOf);
}

/** The pack's obligations with their windows (step 1 of judging; cacheable while nothing changes). */
export function prepareCase(inputs: JudgementInputs): PreparedCase | undefined {
  const history = new CaseHistory(inputs.caseId, inputs.recorded, inputs.asOf);
  // The notice, or the provider's awareness when the case opened without one.
  const notice = history.opening;
  if (!notice) return undefined;
  const chosen = packForCase((notice.data as ActData<'notice.submitted'>).pack, notice.recordedAt);
  if (!chosen) return undefined;
  const { pack, inForce } = chosen;
  const providerSlas = inputs.provider.policy?.slas ?? {};
  const context: PackContext = {
    asOf: inputs.asOf,
    noticeAt: notice.recordedAt,
    provider: inputs.provider,
    notifier: inputs.notifier,
    slaDays: (key, packDefault) => providerSlas[key] ?? inputs.deploymentSlas?.[key] ?? packDefault,
  };
  const judgement = pack.judge(history, context);
  const late = notice.loggedAt && Date.parse(notice.loggedAt) - Date.parse(notice.recordedAt) > 86_400_000;
  return { pack, history, context, inForce, judgement: late ? { ...judgement, recordedLate: { receivedAt: notice.recordedAt, recordedAt: notice.loggedAt! } } : judgement };
}

/** Statuses as of a time, and the protection they leave (step 2 of judging). */
export function evaluateCase({ pack, judgement, context: prepared, inForce }: PreparedCase, asOf: string): CaseJudgementView {
  const context = prepared.asOf === asOf ? prepared : { ...prepared, asOf };
  const all = judgement.obligations.map((spec) => evaluate(spec, asOf));
  const dueDiligenceKeys = judgement.dueDiligenceKeys;
  const obligations = dueDiligenceKeys ? all.filter((o) => !dueDiligenceKeys.includes(o.key)) : all;
  const dueDiligence = dueDiligenceKeys ? all.filter((o) => dueDiligenceKeys.includes(o.key)) : [];
  const assumed = assumedYears(pack, all);
  const flags = [
    ...(context.provider.packs.includes(pack.id) ? [] : ['PACK_NOT_DECLARED']),
    ...(inForce ? [] : ['LAW_NOT_IN_FORCE']),
    ...(judgement.setAside?.length ? ['FINDING_CONTRARY_TO_NO_MONITORING'] : []),
  ];
  return {
    pack: packVersion(pack),
    asOf,
    assessment: judgement.assessment,
    obligations: all,
    protection: withCaseReasons(pack, pack.protection(obligations, judgement, context), judgement, assumed),
    ...(judgement.dueDiligenceKeys ? { dueDiligence } : {}),
    ...(flags.length ? { flags } : {}),
    ...(judgement.knowledge ? { knowledge: judgement.knowledge } : {}),
    ...(judgement.setAside?.length ? { setAside: judgement.setAside } : {}),
    ...(assumed.length ? { calendar: { coverage: 'assumed' as const, years: assumed, note: `no official working-day calendar for ${assumed.join(', ')} in this build: weekends alone were counted as rest days there` } } : {}),
  };
}

/** The years the case's windows run through that the pack's calendar does not know. */
export function assumedYears(pack: RulePack, obligations: readonly { fromLocalDate?: string; byLocalDate?: string }[]): number[] {
  if (!pack.calendarCovers) return [];
  const years = new Set<number>();
  for (const o of obligations) {
    if (!o.byLocalDate) continue;
    for (let y = Number((o.fromLocalDate ?? o.byLocalDate).slice(0, 4)); y <= Number(o.byLocalDate.slice(0, 4)); y++) years.add(y);
  }
  return [...years].filter((y) => !pack.calendarCovers!(`${y}-01-01`)).sort();
}

/**
 * Reasons every pack shares, added to the pack's own: a verdict resting on assumed calendar days says
 * so (the status stays the duties'); every reason cites its source; a received notice recorded more than a day after its claimed
 * receipt puts the item at risk at least, since the provider chose when its own clock started.
 */
function withCaseReasons(pack: RulePack, protection: Protection, judgement: CaseJudgement, assumed: number[]): Protection {
  const reasons = [...protection.reasons];
  let status = protection.status;
  if (judgement.recordedLate) {
    reasons.push({ code: 'RECEIPT_RECORDED_LATE' });
    if (status === 'eligible') status = 'at_risk';
  }
  if (assumed.length) reasons.push({ code: 'CALENDAR_ASSUMED' });
  return { status, reasons: citeReasons(pack, reasons) };
}

/** Outcomes only (key and status) and the protection they leave: what cross-case reports need, cheaply. */
export interface CaseOutcomes {
  pack: string;
  assessment: Assessment;
  obligations: ObligationOutcome[];
  dueDiligence?: ObligationOutcome[];
  protection: Protection;
}

export function caseOutcomes({ pack, judgement, context }: PreparedCase, asOf: string): CaseOutcomes {
  return outcomesOf(pack, judgement, context, asOf);
}

/** The same from a stored judgement: its obligation specs are all a status needs. */
export function outcomesOf(pack: RulePack, judgement: CaseJudgement, prepared: PackContext, asOf: string): CaseOutcomes {
  const context = prepared.asOf === asOf ? prepared : { ...prepared, asOf };
  const all = judgement.obligations.map((spec) => ({ key: spec.key, status: statusOf(spec, asOf) }));
  const dueDiligenceKeys = judgement.dueDiligenceKeys;
  const obligations = dueDiligenceKeys ? all.filter((o) => !dueDiligenceKeys.includes(o.key)) : all;
  return {
    pack: packVersion(pack),
    assessment: judgement.assessment,
    obligations: all,
    protection: withCaseReasons(pack, pack.protection(obligations, judgement, context), judgement, assumedYears(pack, judgement.obligations.map((o) => o.window ?? {}))),
    ...(dueDiligenceKeys ? { dueDiligence: all.filter((o) => dueDiligenceKeys.includes(o.key)) } : {}),
  };
}
