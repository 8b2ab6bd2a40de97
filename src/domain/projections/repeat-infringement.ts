import type { ActData } from '../acts/envelope.js';
import { endOfLocalDay, localDateOf, nthWorkingDayAfter, addDays } from '../jurisdictions/calendar.js';
import { CaseHistory } from '../jurisdictions/case-history.js';
import type { RepeatInfringerPolicy, RepeatInfringerRecord, RulePack } from '../jurisdictions/rule-pack.js';
import { packAsOf } from '../jurisdictions/registry.js';
import type { Pack } from '../acts/primitives.js';
import { sanctionsAgainst, type PartyState } from '../party/state.js';
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

export type { RepeatInfringerPolicy } from '../jurisdictions/rule-pack.js';

export const REPEAT_INFRINGER_STATUSES = ['below_threshold', 'action_due', 'actioned', 'policy_breach'] as const;

export interface UserRecord {
  user: string;
  strikes: Strike[];
  activeStrikes: number;
  threshold: number;
  thresholdReachedAt: string | null;
  actionDueBy: string | null;
  actionTakenAt: string | null;
  status: (typeof REPEAT_INFRINGER_STATUSES)[number];
}

export interface UserCases {
  user: string;
  /** The user's cases: their acts, or their strike basis when already known (null: no strike). */
  cases: ({ id: string; recorded: readonly RecordedAct[] } | { id: string; basis: StrikeBasis | null })[];
}

/** The provider's policy, else the pack's default (flagged `default` by the caller). */
export function policyOf(provider: PartyState, pack: RulePack): { policy: RepeatInfringerPolicy; adopted: boolean } {
  const adopted = provider.policy?.repeatInfringer;
  return adopted ? { policy: adopted, adopted: true } : { policy: pack.repeatInfringerDefault, adopted: false };
}

/** What makes a case a strike, whatever the time: when the measure was taken and what later excluded or disputed it. */
export interface StrikeBasis {
  issuedAt: string;
  exclusion?: string;
  disputed: boolean;
  /** The last expiry computed, by window length: policies rarely change, so it is reused. */
  expiry?: { windowDays: number; at: string };
}

/** The strike basis of a case: a measure other than forward_only on a valid notice (§0.4); null when there is none. */
export function strikeBasis(history: CaseHistory, pack: RulePack, assessment?: string): StrikeBasis | null {
  if (!history.notice || (assessment ?? pack.assess(history).status) !== 'valid') return null;
  const measure = history.first('measure.taken', undefined, (m) => m.data.measure !== 'forward_only');
  if (!measure) return null;
  return { issuedAt: measure.recordedAt, exclusion: excludedBecause(history), disputed: !!history.first('counter_notice.submitted', measure.recordedAt) };
}

export function strikeFromBasis(caseId: string, basis: StrikeBasis, policy: RepeatInfringerPolicy, asOf: string): Strike {
  const { issuedAt } = basis;
  if (basis.expiry?.windowDays !== policy.windowDays) basis.expiry = { windowDays: policy.windowDays, at: new Date(Date.parse(issuedAt) + policy.windowDays * 86_400_000).toISOString() };
  const expiresAt = basis.expiry.at;
  if (basis.exclusion) return { case: caseId, issuedAt, expiresAt, status: 'excluded', reason: basis.exclusion };
  if (basis.disputed) return { case: caseId, issuedAt, expiresAt, status: 'disputed', reason: 'counter_notice' };
  return { case: caseId, issuedAt, expiresAt, status: asOf < expiresAt ? 'active' : 'expired' };
}

/** A strike for a measure other than forward_only on a valid notice against the user (§0.4). */
export function strikeOf(caseId: string, recorded: readonly RecordedAct[] | CaseHistory, asOf: string, pack: RulePack, policy: RepeatInfringerPolicy, assessment?: string): Strike | undefined {
  const history = recorded instanceof CaseHistory ? recorded : new CaseHistory(caseId, recorded, asOf);
  const basis = strikeBasis(history, pack, assessment);
  return basis ? strikeFromBasis(caseId, basis, policy, asOf) : undefined;
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
    .map((c) => ('basis' in c ? c.basis && strikeFromBasis(c.id, c.basis, policy, asOf) : strikeOf(c.id, c.recorded, asOf, pack, policy)))
    .filter((s): s is Strike => !!s)
    .sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : 1));
  const counts = (s: Strike) => s.status === 'active' || s.status === 'expired' || (policy.countDisputed && s.status === 'disputed');
  const counted = strikes.filter(counts);
  const activeStrikes = strikes.filter((s) => (s.status === 'active' || (policy.countDisputed && s.status === 'disputed')) && s.issuedAt <= asOf && asOf < s.expiresAt).length;
  const thresholdReachedAt = firstReaching(counted, policy.strikes);
  const { user, ...enforcement } = enforcementOf({ user: input.user, activeStrikes, thresholdReachedAt }, provider, pack, asOf);
  return { user, strikes, ...enforcement };
}

/**
 * The first time `threshold` counted strikes stood within one window: the issue of a strike s such
 * that the strikes issued at or before it and expiring after it number the threshold. Strikes come
 * sorted by issue and share the window, so their expiries are in the same order: the strikes in
 * force at each issue form a sliding range (linear, where comparing every pair grew with its square).
 */
function firstReaching(counted: readonly Strike[], threshold: number): string | null {
  let inForceFrom = 0;
  let issuedBy = 0;
  for (const { issuedAt } of counted) {
    while (issuedBy < counted.length && counted[issuedBy].issuedAt <= issuedAt) issuedBy++;
    while (inForceFrom < issuedBy && counted[inForceFrom].expiresAt <= issuedAt) inForceFrom++;
    if (issuedBy - inForceFrom >= threshold) return issuedAt;
  }
  return null;
}

/** What a user's strikes come to, counted by the policy as of a time (the projection store counts them for reports). */
export interface ThresholdCrossing {
  user: string;
  activeStrikes: number;
  /** When the counted strikes within one window first reached the policy's number. */
  thresholdReachedAt: string | null;
}

/** A repeat-infringer policy's figures as strikes are counted (the window in milliseconds). */
export interface StrikeCounting {
  threshold: number;
  windowMs: number;
  countDisputed: boolean;
}

export function strikeCounting(provider: PartyState, pack: RulePack): StrikeCounting {
  const { policy } = policyOf(provider, pack);
  return { threshold: policy.strikes, windowMs: policy.windowDays * 86_400_000, countDisputed: policy.countDisputed };
}

/** The provider's duty once a user crosses the threshold: when action is due, whether it was taken, and the status. */
export function enforcementOf(crossing: ThresholdCrossing, provider: PartyState, pack: RulePack, asOf: string): RepeatInfringerRecord {
  const { policy } = policyOf(provider, pack);
  const { user, activeStrikes, thresholdReachedAt } = crossing;
  const base = { user, activeStrikes, threshold: policy.strikes };
  if (!thresholdReachedAt) return { ...base, thresholdReachedAt, actionDueBy: null, actionTakenAt: null, status: 'below_threshold' };
  const tz = pack.timeZone(provider);
  const startDate = localDateOf(thresholdReachedAt, tz);
  const dueDate = pack.repeatInfringerDefault.actionInWorkingDays
    ? policy.actionWithinDays === 0 ? startDate : nthWorkingDayAfter(startDate, policy.actionWithinDays, pack.workingDays(provider))
    : addDays(startDate, policy.actionWithinDays);
  const actionDueBy = endOfLocalDay(dueDate, tz);
  const actions = policy.action === 'terminate' ? ['user.terminated'] : policy.action === 'suspend' ? ['user.suspended', 'user.terminated'] : ['user.warned', 'user.suspended', 'user.terminated'];
  const taken = sanctionsAgainst(provider, user).find((s) => actions.includes(s.type) && s.recordedAt >= thresholdReachedAt && s.recordedAt <= asOf);
  const actionTakenAt = taken?.recordedAt ?? null;
  const status = actionTakenAt ? 'actioned' : asOf > actionDueBy ? 'policy_breach' : 'action_due';
  return { ...base, thresholdReachedAt, actionDueBy, actionTakenAt, status };
}

/** A case's strike facts, for repeat infringement. */
export interface StrikeFacts {
  id: string;
  pack: string;
  user: string | null;
  basis: StrikeBasis | null;
}

/** String.prototype.localeCompare's order (the default locale), without building a collator at each comparison. */
const byLocale = new Intl.Collator().compare;

/** Each pack's users with strikes at this provider. */
export function usersByPack(provider: PartyState, cases: readonly StrikeFacts[], asOf: string): Partial<Record<Pack, UserRecord[]>> {
  const grouped = new Map<Pack, Map<string, { id: string; basis: StrikeBasis | null }[]>>();
  // The pack each id judges by as of the report, looked up once per id (a report reads every strike).
  const packs = new Map<string, RulePack | undefined>();
  const packOf = (id: string) => (packs.has(id) ? packs.get(id) : packs.set(id, packAsOf(id, asOf)).get(id));
  for (const c of cases) {
    const packId = c.pack as Pack;
    if (!c.user || !packOf(packId)) continue;
    let users = grouped.get(packId);
    if (!users) grouped.set(packId, (users = new Map()));
    const list = users.get(c.user);
    if (list) list.push({ id: c.id, basis: c.basis });
    else users.set(c.user, [{ id: c.id, basis: c.basis }]);
  }
  const result: Partial<Record<Pack, UserRecord[]>> = {};
  for (const [packId, users] of grouped) {
    result[packId] = [...users.entries()]
      .map(([user, list]) => userRecord({ user, cases: list }, provider, packOf(packId)!, asOf))
      .filter((u) => u.strikes.length > 0)
      .sort(byActiveStrikesThenUser);
  }
  return result;
}

/** The order users are listed in: most active strikes first, then by name. */
export function byActiveStrikesThenUser(a: RepeatInfringerRecord, b: RepeatInfringerRecord): number {
  return b.activeStrikes - a.activeStrikes || byLocale(a.user, b.user);
}

