import type { ActData } from '../acts/envelope.js';
import type { Pack } from '../acts/primitives.js';
import { CaseHistory } from '../jurisdictions/case-history.js';
import { evaluate, type Obligation } from '../jurisdictions/obligation.js';
import { RULE_PACKS } from '../jurisdictions/packs.js';
import { packVersion, type Assessment, type PackContext, type Protection } from '../jurisdictions/rule-pack.js';
import type { PartyState } from '../party/state.js';
import type { RecordedAct } from '../recorded-act.js';

/** The legal judgement of one case as of a time: the part of the case view the rule packs compute. */
export interface CaseJudgementView {
  /** `us-dmca@2026.1`: the pack version applied, so the verdict can be recomputed exactly. */
  pack: string;
  asOf: string;
  assessment: Assessment;
  obligations: Obligation[];
  protection: Protection;
  /** EU: due-diligence duties (Arts 16-24) whose breach does not remove the liability exemption. */
  dueDiligence?: Obligation[];
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

/** Judges a case under the pack its notice names; undefined when that pack is not implemented. */
export function judgeCase(inputs: JudgementInputs): CaseJudgementView | undefined {
  const history = new CaseHistory(inputs.caseId, inputs.recorded, inputs.asOf);
  const notice = history.notice;
  if (!notice) return undefined;
  const pack = RULE_PACKS[(notice.data as ActData<'notice.submitted'>).pack as Pack];
  if (!pack) return undefined;
  const providerSlas = inputs.provider.policy?.slas ?? {};
  const context: PackContext = {
    asOf: inputs.asOf,
    noticeAt: notice.recordedAt,
    provider: inputs.provider,
    notifier: inputs.notifier,
    slaDays: (key, packDefault) => providerSlas[key] ?? inputs.deploymentSlas?.[key] ?? packDefault,
  };
  const judgement = pack.judge(history, context);
  const all = judgement.obligations.map((spec) => evaluate(spec, inputs.asOf));
  const dueDiligenceKeys = new Set(judgement.dueDiligenceKeys ?? []);
  const obligations = all.filter((o) => !dueDiligenceKeys.has(o.key));
  const dueDiligence = all.filter((o) => dueDiligenceKeys.has(o.key));
  return {
    pack: packVersion(pack),
    asOf: inputs.asOf,
    assessment: judgement.assessment,
    obligations: all,
    protection: pack.protection(obligations, judgement, context),
    ...(judgement.dueDiligenceKeys ? { dueDiligence } : {}),
  };
}
