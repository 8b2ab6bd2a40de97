import { DateTime } from 'luxon';
import type { ActData } from '../acts/envelope.js';
import { endOfLocalDay, localDateOf, nthWorkingDayAfter, addDays } from '../jurisdictions/calendar.js';
import { CaseHistory } from '../jurisdictions/case-history.js';
import type { RulePack } from '../jurisdictions/rule-pack.js';
import { US_BUSINESS_DAYS } from '../jurisdictions/us-federal-holidays.js';
import type { PartyState } from '../party/state.js';
import type { RecordedAct } from '../recorded-act.js';

/** Repeat infringement (JURISDICTIONS.md §0.4, §7): the output contract. */
export interface Strike {
  case: string;
  issuedAt: string;
  expiresAt: string;
  status: 'active' | 'expired' | 'excluded' | 'disputed';
  /** Why a strike is excluded or disputed. */
  reason?: string;
}

export interface RepeatInfringerPolicy {
  strikes: number;
  windowDays: number;
  action: 'warn' | 'suspend' | 'terminate';
  actionWithinDays: number;
  countDisputed: boolean;
}

export interface UserRecord {
  user: string;
  strikes: Strike[];
  activeStrikes: number;
  threshold: number;
  thresholdReachedAt: string | null;
  actionDueBy: string | null;
  actionTakenAt: string | null;
  status: 'below_threshold' | 'action_due' | 'actioned' | 'policy_breach';
}

export interface UserCases {
  user: string;
  cases: { id: string; recorded: readonly RecordedAct[] }[];
}

/** The provider's policy, else the pack's default (flagged `default` by the caller). */
export function policyOf(provider: PartyState, pack: RulePack): { policy: RepeatInfringerPolicy; adopted: boolean } {
  const adopted = provider.policy?.repeatInfringer;
  return adopted ? { policy: adopted, adopted: true } : { policy: pack.repeatInfringerDefault, adopted: false };
}

/** A strike for a measure other than forward_only on a valid notice against the user (§0.4). */
export function strikeOf(caseId: string, recorded: readonly RecordedAct[], asOf: string, pack: RulePack, policy: RepeatInfringerPolicy): Strike | undefined {
  const history = new CaseHistory(caseId, recorded, asOf);
  if (!history.notice || pack.assess(history).status !== 'valid') return undefined;
  const measure = history.first('measure.taken', undefined, (m) => m.data.measure !== 'forward_only');
  if (!measure) return undefined;
  const issuedAt = measure.recordedAt;
  const expiresAt = DateTime.fromISO(issuedAt, { zone: 'utc' }).plus({ days: policy.windowDays }).toUTC().toISO() as string;
  const exclusion = excludedBecause(history);
  if (exclusion) return { case: caseId, issuedAt, expiresAt, status: 'excluded', reason: exclusion };
  if (history.first('counter_notice.submitted', issuedAt)) return { case: caseId, issuedAt, expiresAt, status: 'disputed', reason: 'counter_notice' };
  return { case: caseId, issuedAt, expiresAt, status: asOf < expiresAt ? 'active' : 'expired' };
}

function excludedBecause(history: CaseHistory): string | undefined {
  if (history.first('notice.withdrawn')) return 'withdrawn';
  const liftedAfterCounter = history.first('measure.lifted', undefined, (l) => (l.data as ActData<'measure.lifted'>).reason === 'counter_notice');
  if (liftedAfterCounter && !history.first('action.filed')) return 'restored_after_counter_notice';
  if (history.first('complaint.decided', undefined, (d) => d.data.outcome === 'reversed')) return 'reversed_on_complaint';
  if (history.first('finding.recorded', undefined, (f) => f.data.outcome === 'not_infringing')) return 'finding_not_infringing';
  return undefined;
}

/** One user's record with one provider as of `asOf`. */
export function userRecord(input: UserCases, provider: PartyState, pack: RulePack, asOf: string): UserRecord {
  const { policy } = policyOf(provider, pack);
  const strikes = input.cases
    .map((c) => strikeOf(c.id, c.recorded, asOf, pack, policy))
    .filter((s): s is Strike => !!s)
    .sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : 1));
  const counts = (s: Strike) => s.status === 'active' || s.status === 'expired' || (policy.countDisputed && s.status === 'disputed');
  const counted = strikes.filter(counts);
  const activeStrikes = strikes.filter((s) => (s.status === 'active' || (policy.countDisputed && s.status === 'disputed')) && s.issuedAt <= asOf && asOf < s.expiresAt).length;
  const thresholdReachedAt = counted.find((s) => counted.filter((o) => o.issuedAt <= s.issuedAt && s.issuedAt < o.expiresAt).length >= policy.strikes)?.issuedAt ?? null;
  const base = { user: input.user, strikes, activeStrikes, threshold: policy.strikes };
  if (!thresholdReachedAt) return { ...base, thresholdReachedAt, actionDueBy: null, actionTakenAt: null, status: 'below_threshold' };
  const tz = pack.timeZone(provider);
  const startDate = localDateOf(thresholdReachedAt, tz);
  const dueDate = pack.repeatInfringerDefault.actionInWorkingDays
    ? policy.actionWithinDays === 0 ? startDate : nthWorkingDayAfter(startDate, policy.actionWithinDays, US_BUSINESS_DAYS)
    : addDays(startDate, policy.actionWithinDays);
  const actionDueBy = endOfLocalDay(dueDate, tz);
  const actions = policy.action === 'terminate' ? ['user.terminated'] : policy.action === 'suspend' ? ['user.suspended', 'user.terminated'] : ['user.warned', 'user.suspended', 'user.terminated'];
  const taken = provider.sanctions.find((s) => s.target === input.user && actions.includes(s.type) && s.recordedAt >= thresholdReachedAt && s.recordedAt <= asOf);
  const actionTakenAt = taken?.recordedAt ?? null;
  const status = actionTakenAt ? 'actioned' : asOf > actionDueBy ? 'policy_breach' : 'action_due';
  return { ...base, thresholdReachedAt, actionDueBy, actionTakenAt, status };
}
