import type { Pack, ProviderKind } from '../acts/primitives.js';
import type { ServiceClass } from './service-class.js';
import type { PartyState } from '../party/state.js';
import type { WorkingDays } from './calendar.js';
import type { CaseHistory } from './case-history.js';
import type { Knowledge, SetAsideFinding } from './knowledge.js';
import type { Basis, Obligation, ObligationOutcome, ObligationSpec } from './obligation.js';

/** Notice assessment (JURISDICTIONS.md §0.2). */
export type AssessmentStatus = 'valid' | 'deficient_curable' | 'not_a_notice' | 'incomplete' | 'manifestly_unfounded';

/**
 * Where a verdict element comes from: a statute or regulation, case law, or a default of ours where
 * the law sets no figure or leaves a question open (JURISDICTIONS.md §6, §11).
 */
export type CitationBasis = 'statutory' | 'case_law' | 'default';
export interface Citation {
  source: string;
  basis: CitationBasis;
}

/** One element a notice must carry under a pack (§0.2), with the provision that asks for it. */
export interface NoticeElement extends Citation {
  key: string;
  present: boolean;
}

export interface Assessment {
  status: AssessmentStatus;
  /** Element keys of the pack that the notice lacks. */
  missing: string[];
  /** Every element the pack asks for, present or not, with its source. */
  elements: NoticeElement[];
}

/** A reason in a verdict: a code, what it concerns, and the source it rests on (set by `citeReasons`). */
export interface Reason {
  code: string;
  obligation?: string;
  source?: string;
  basis?: CitationBasis;
}

/** Protection of the item (§0.4). */
export interface Protection {
  status: 'eligible' | 'at_risk' | 'lost_for_item';
  reasons: Reason[];
}

/** Everything outside the case a pack may consult, as of the evaluation time. */
export interface PackContext {
  asOf: string;
  /** When the case's notice was recorded. */
  noticeAt?: string;
  provider: PartyState;
  /** The notifier, when it is a registered party. */
  notifier?: PartyState;
  /** Days for a default-SLA duty: the provider's policy, else the deployment's, else the pack's default. */
  slaDays(key: string, packDefault: number): number;
}

/** The judgement of one case under one pack. */
export interface CaseJudgement {
  pack: string;
  assessment: Assessment;
  obligations: ObligationSpec[];
  /** EU only: due-diligence duties (Arts 16-24), whose breach does not remove the liability exemption. */
  dueDiligenceKeys?: readonly string[];
  /** Prerequisites the provider lacked when the notice arrived (e.g. NO_DESIGNATED_AGENT): they cost the item its harbor. */
  lackingPrerequisites?: string[];
  /** When the provider knew or should have known, without or before a notice (knowledge.ts). */
  knowledge?: Knowledge;
  /** Findings of knowledge set aside: they rest on the absence of monitoring alone. */
  setAside?: SetAsideFinding[];
  /** Measures out of proportion to the service (China: Civil Code Art 1195 ¶2), by seq. */
  disproportionate?: { seq: number; note: string }[];
  /** A received notice recorded more than a day after the receipt its provider claims (set for every pack, by prepareCase). */
  recordedLate?: { receivedAt: string; recordedAt: string };
}

/** A duty of a pack, as its table lists it: the key, whether its figure is the law's or our default, and its source. */
export interface DutyInfo {
  key: string;
  basis: Basis;
  source: string;
}

/** What the provider-level standing reads of a user with strikes (the repeat-infringement projection's record). */
export interface RepeatInfringerRecord {
  user: string;
  activeStrikes: number;
  threshold: number;
  thresholdReachedAt: string | null;
  actionDueBy: string | null;
  actionTakenAt: string | null;
  status: 'below_threshold' | 'action_due' | 'actioned' | 'policy_breach';
}

export interface ProviderStandingInput {
  provider: PartyState;
  users: readonly RepeatInfringerRecord[];
  asOf: string;
  /** Whether the provider adopted a repeat-infringer policy of its own. */
  policyAdopted: boolean;
}

/** The part of a provider's standing that only its pack knows: prerequisites, provider-level duties, and what they cost. */
export interface ProviderStanding {
  prerequisites: Record<string, unknown>;
  duties: Obligation[];
  reasons: { code: string; user?: string }[];
  /** Whether these reasons remove the harbor for the period (else they put it at risk at most). */
  lost: boolean;
}

export interface RepeatInfringerPolicy {
  strikes: number;
  windowDays: number;
  action: 'warn' | 'suspend' | 'terminate';
  actionWithinDays: number;
  countDisputed: boolean;
}

/** Thresholds at which a notifier's unfounded notices call for a warning, then a suspension (DSA Art 23(2)-style). */
export interface MisusePolicy {
  unfounded: number;
  share: number;
  windowDays: number;
  suspensionDays: number;
}

/**
 * A rule pack: versioned data plus pure functions (`us-dmca@2026.2`). Everything a projection needs
 * to know about a regime comes from here, so a new regime or duty touches its pack alone.
 */
export interface RulePack {
  id: Pack;
  version: string;
  /** The legal time zone for this provider (§0.5). */
  timeZone(provider: PartyState): string;
  /** The notice's assessment alone (§0.2), cheaper than judge(). */
  assess(history: CaseHistory): Assessment;
  /** The case-level duties the pack derives, one entry per obligation key, in the order judge() lists them. */
  duties: readonly DutyInfo[];
  /** Keys of due-diligence duties, whose breach never removes the liability exemption (DSA Arts 16-24). */
  dueDiligenceKeys?: readonly string[];
  /** Repeat-infringer policy when the provider adopted none, and whether its action deadline counts working days. */
  repeatInfringerDefault: RepeatInfringerPolicy & { actionInWorkingDays: boolean };
  /** The provider's working days under the pack (its repeat-infringer action deadline, when in working days). */
  workingDays(provider: PartyState): WorkingDays;
  /** Misuse thresholds for a provider that adopted none. */
  misuseDefault: MisusePolicy & Citation;
  judge(history: CaseHistory, context: PackContext): CaseJudgement;
  /**
   * The duty to restore an item after a counter-notice once the notifier's statutory time to sue has
   * run (US §512(g)(2)(C), China's wait): a restoration before its window opened is the provider's
   * act, not the notifier's failure, so notifier conduct counts only restorations within it. None:
   * the law has no such wait, and restorations never count against the notifier.
   */
  restorationDuty?: string;
  /**
   * Whether the pack's working-day calendar knows the year of this local date (China: the State
   * Council's schedules shipped as data). Absent: every year is known (a library computes them).
   */
  calendarCovers?(localDate: string): boolean;
  protection(obligations: readonly ObligationOutcome[], judgement: CaseJudgement, context: PackContext): Protection;
  /** Prerequisites and provider-level duties (designated agent, repeat infringers, prior warnings). */
  providerStanding(input: ProviderStandingInput): ProviderStanding;
  /** How the regime classes a provider's kind: the role its rules apply to, with the source. */
  serviceOf(kind: ProviderKind | undefined): ServiceClass;
  /** The regime's rule that providers have no general duty to monitor (none: it has no such rule). */
  noGeneralMonitoring?: Citation;
  /** Where the regime's law applies, as exports name it: ISO 3166 alpha-2, or `EU`. */
  jurisdiction: string;
  /** Whether statements of reasons must go to the EU Transparency Database (DSA Art 24(5)), and its source. */
  transparencyDatabase?: Citation;
  /** Sources of the reason codes the pack itself raises (obligation reasons cite their duty). */
  reasonSources: Readonly<Record<string, Citation>>;
}

export const packVersion = (pack: RulePack): string => `${pack.id}@${pack.version}`;

/** A rejection or finding that the notice was manifestly unfounded overrides the element check. */
export function manifestlyUnfounded(history: CaseHistory): boolean {
  return (
    history.all('notice.rejected').some((r) => r.data.reason === 'manifestly_unfounded') ||
    history.all('finding.recorded').some((f) => f.data.outcome === 'manifestly_unfounded')
  );
}

/** An assessment from the elements the pack asks for and which of them the notice carries. */
export function elementsOf<K extends string>(sources: Readonly<Record<K, Citation>>, present: Readonly<Record<K, boolean>>): { elements: NoticeElement[]; missing: K[] } {
  const keys = Object.keys(sources) as K[];
  return {
    elements: keys.map((key) => ({ key, present: present[key], ...sources[key] })),
    missing: keys.filter((key) => !present[key]),
  };
}
