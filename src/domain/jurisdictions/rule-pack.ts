import type { Pack } from '../acts/primitives.js';
import type { PartyState } from '../party/state.js';
import type { CaseHistory } from './case-history.js';
import type { ObligationOutcome, ObligationSpec } from './obligation.js';

/** Notice assessment (JURISDICTIONS.md §0.2). */
export type AssessmentStatus = 'valid' | 'deficient_curable' | 'not_a_notice' | 'incomplete' | 'manifestly_unfounded';

export interface Assessment {
  status: AssessmentStatus;
  /** Element keys of the pack that the notice lacks. */
  missing: string[];
}

/** Protection of the item (§0.4). */
export interface Protection {
  status: 'eligible' | 'at_risk' | 'lost_for_item';
  reasons: { code: string; obligation?: string }[];
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
  dueDiligenceKeys?: string[];
  /** Prerequisites the provider lacked when the notice arrived (e.g. NO_DESIGNATED_AGENT): they cost the item its harbor. */
  lackingPrerequisites?: string[];
  /** A received notice recorded more than a day after the receipt its provider claims (set for every pack, by prepareCase). */
  recordedLate?: { receivedAt: string; recordedAt: string };
}

/** A rule pack: versioned data plus pure functions (`us-dmca@2026.2`). */
export interface RulePack {
  id: Pack;
  version: string;
  /** The legal time zone for this provider (§0.5). */
  timeZone(provider: PartyState): string;
  /** The notice's assessment alone (§0.2), cheaper than judge(). */
  assess(history: CaseHistory): Assessment;
  /** Repeat-infringer policy when the provider adopted none, and whether its action deadline counts working days. */
  repeatInfringerDefault: { strikes: number; windowDays: number; action: 'warn' | 'suspend' | 'terminate'; actionWithinDays: number; countDisputed: boolean; actionInWorkingDays: boolean };
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
}

export const packVersion = (pack: RulePack): string => `${pack.id}@${pack.version}`;

/** A rejection or finding that the notice was manifestly unfounded overrides the element check. */
export function manifestlyUnfounded(history: CaseHistory): boolean {
  return (
    history.all('notice.rejected').some((r) => r.data.reason === 'manifestly_unfounded') ||
    history.all('finding.recorded').some((f) => f.data.outcome === 'manifestly_unfounded')
  );
}
