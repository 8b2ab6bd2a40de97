import type { MisusePolicy, ProviderStanding, RepeatInfringerRecord } from './rule-pack.js';

/**
 * The ledger's misuse thresholds where a provider adopted none: five manifestly unfounded notices
 * making at least half of a notifier's notices in 180 days call for a warning, then a 30-day
 * suspension. No statute sets these figures (DSA Art 23(2)-(3) names the factors, not numbers).
 */
export const LEDGER_MISUSE_DEFAULT: MisusePolicy = { unfounded: 5, share: 0.5, windowDays: 180, suspensionDays: 30 };

/** One reason per user whose repeat-infringer action is overdue under the policy. */
export function breachReasons(users: readonly RepeatInfringerRecord[]): { code: string; user: string }[] {
  return users.filter((u) => u.status === 'policy_breach').map((u) => ({ code: 'REPEAT_INFRINGER_NOT_ACTIONED', user: u.user }));
}

/** A pack with no prerequisites and no provider-level duty: overdue repeat-infringer actions only put the harbor at risk. */
export function policyBreachesOnly(users: readonly RepeatInfringerRecord[]): ProviderStanding {
  return { prerequisites: {}, duties: [], reasons: breachReasons(users), lost: false };
}
