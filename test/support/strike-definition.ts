import fc from 'fast-check';
import { initialPartyState, type PartyState } from '../../src/domain/party/state.js';
import type { RepeatInfringerPolicy } from '../../src/domain/projections/repeat-infringement.js';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (ms: number) => new Date(ms).toISOString();

export interface StrikeRow {
  user: string;
  issuedMs: number;
  exclusion?: string;
  disputed: boolean;
}

/**
 * The definition, pair by pair (JURISDICTIONS.md §0.4): a strike counts unless excluded, or disputed
 * under a policy that does not count disputed ones; the threshold is reached at the first counted
 * strike s with at least `strikes` counted strikes o issued at or before s and expiring after it.
 */
export function byDefinition(strikes: readonly StrikeRow[], p: RepeatInfringerPolicy, asOfMs: number) {
  const window = p.windowDays * DAY;
  const result: { user: string; thresholdReachedAt: string; activeStrikes: number; nextExpiry?: string }[] = [];
  for (const user of [...new Set(strikes.map((s) => s.user))].sort()) {
    const counted = strikes.filter((s) => s.user === user && !s.exclusion && (!s.disputed || p.countDisputed)).map((s) => s.issuedMs);
    const reached = counted.filter((s) => counted.filter((o) => o <= s && s < o + window).length >= p.strikes);
    if (reached.length === 0) continue;
    const inForce = counted.filter((o) => o <= asOfMs && asOfMs < o + window);
    const later = counted.map((o) => o + window).filter((e) => e > asOfMs);
    result.push({ user, thresholdReachedAt: at(Math.min(...reached)), activeStrikes: inForce.length, ...(later.length ? { nextExpiry: at(Math.min(...later)) } : {}) });
  }
  return result;
}

export const strikePolicy = (over: Partial<RepeatInfringerPolicy>): RepeatInfringerPolicy => ({ strikes: 3, windowDays: 10, action: 'suspend', actionWithinDays: 2, countDisputed: false, ...over });

/** An EU platform in Brussels with this policy. */
export const strikePlatform = (p: RepeatInfringerPolicy): PartyState => ({ ...initialPartyState('p'), registered: true, roles: ['provider'], packs: ['eu-dsa'], timeZone: 'Europe/Brussels', policy: { repeatInfringer: p, seq: 1, recordedAt: at(T0) } });

// Whole days and short windows, a millisecond off now and then: strikes that expire exactly when another is issued are common.
const issued = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom(0, 0, 0, -1)).map(([days, off]) => T0 + days * DAY + off);
export const strikeRows = fc.array(fc.record({ user: fc.constantFrom('a', 'b', 'c'), issuedMs: issued, exclusion: fc.option(fc.constant('withdrawn'), { nil: undefined, freq: 5 }), disputed: fc.boolean() }), { minLength: 1, maxLength: 25 });
export const strikePolicies = fc.record({ strikes: fc.integer({ min: 1, max: 4 }), windowDays: fc.integer({ min: 1, max: 6 }), countDisputed: fc.boolean() }).map(strikePolicy);
