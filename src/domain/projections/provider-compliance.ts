import type { Pack } from '../acts/primitives.js';
import { localDateOf } from '../jurisdictions/calendar.js';
import { evaluate, instantWindow, OBLIGATION_STATUSES, type Obligation, type ObligationOutcome, type ObligationStatus } from '../jurisdictions/obligation.js';
import { RULE_PACKS } from '../jurisdictions/packs.js';
import { packVersion, type Protection } from '../jurisdictions/rule-pack.js';
import { usAgentStatus, usAgentValidUntil } from '../jurisdictions/us-dmca.js';
import { sanctionsAgainst, type PartyState } from '../party/state.js';
import type { CaseOutcomes } from './case-judgement.js';
import { policyOf, type UserRecord } from './repeat-infringement.js';

/** A list of items at risk or lost, or anything standing for one that knows its length (e.g. the list as stored JSON). */
export interface ItemList {
  readonly length: number;
}

/** Provider compliance per pack (JURISDICTIONS.md §0.4, §7): the output contract. */
export interface PackCompliance<Items extends ItemList = ItemStanding[]> {
  pack: string;
  cases: number;
  obligations: Record<string, Record<ObligationStatus, number>>;
  itemsAtRisk: Items;
  itemsLost: Items;
  prerequisites: Record<string, unknown>;
  /** Provider-level duties: acting on repeat infringers, prior warnings before suspensions. */
  providerObligations: Obligation[];
  safeHarbor: { status: 'eligible' | 'at_risk' | 'lost_for_period'; reasons: { code: string; obligation?: string; count?: number; user?: string }[] };
  /** EU: due-diligence breaches by key (they never remove the liability exemption). */
  dueDiligence?: Record<string, Record<ObligationStatus, number>>;
}

export interface ItemStanding {
  case: string;
  items: string[];
  reasons: Protection['reasons'];
}

export interface ProviderCompliance<Items extends ItemList = ItemStanding[]> {
  provider: string;
  name: string;
  providerKind?: string;
  asOf: string;
  packs: PackCompliance<Items>[];
}

export interface JudgedCase {
  id: string;
  /** The item locators of the notice, read only for items at risk or lost. */
  items: () => string[];
  judgement: CaseOutcomes;
}

const emptyTally = (): Record<ObligationStatus, number> => Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;

/** What a pack's report needs of the provider's cases: counts, tallies by key and status, items at risk or lost. */
export interface CaseFacts<Items extends ItemList = ItemStanding[]> {
  cases: number;
  obligations: PackCompliance['obligations'];
  dueDiligence: PackCompliance['obligations'];
  itemsAtRisk: Items;
  itemsLost: Items;
}

export function providerCompliance(provider: PartyState, judged: readonly JudgedCase[], repeatInfringers: Partial<Record<Pack, UserRecord[]>>, asOf: string, onlyPack?: Pack): ProviderCompliance {
  return complianceFromFacts(provider, caseFactsByPack(judged), repeatInfringers, asOf, onlyPack);
}

/** The same from facts already gathered by pack version (`us-dmca@2026.2`), e.g. aggregated by a store (a pack without facts lists none). */
export function complianceFromFacts<Items extends ItemList>(provider: PartyState, facts: ReadonlyMap<string, CaseFacts<Items>>, repeatInfringers: Partial<Record<Pack, UserRecord[]>>, asOf: string, onlyPack?: Pack): ProviderCompliance<Items | ItemStanding[]> {
  const packs = new Set<Pack>(provider.packs);
  for (const version of facts.keys()) packs.add(version.split('@')[0] as Pack);
  const reports = [...packs]
    .filter((p) => (!onlyPack || p === onlyPack) && RULE_PACKS[p])
    .sort()
    .map((p) => packCompliance<Items | ItemStanding[]>(p, provider, facts.get(packVersion(RULE_PACKS[p]!)) ?? emptyFacts(), repeatInfringers[p] ?? [], asOf));
  return { provider: provider.id, name: provider.name, providerKind: provider.providerKind, asOf, packs: reports };
}

export const emptyFacts = (): CaseFacts => ({ cases: 0, obligations: {}, dueDiligence: {}, itemsAtRisk: [], itemsLost: [] });

/** Judged cases tallied by pack version in one pass: a report may cover hundreds of thousands of cases. */
function caseFactsByPack(judged: readonly JudgedCase[]): Map<string, CaseFacts> {
  const byVersion = new Map<string, CaseFacts>();
  for (const c of judged) {
    let facts = byVersion.get(c.judgement.pack);
    if (!facts) byVersion.set(c.judgement.pack, (facts = emptyFacts()));
    facts.cases++;
    const ddKeys = new Set((c.judgement.dueDiligence ?? []).map((o) => o.key));
    for (const o of c.judgement.obligations) tally(ddKeys.has(o.key) ? facts.dueDiligence : facts.obligations, o);
    const status = c.judgement.protection.status;
    if (status === 'lost_for_item') facts.itemsLost.push({ case: c.id, items: c.items(), reasons: c.judgement.protection.reasons });
    if (status === 'at_risk') facts.itemsAtRisk.push({ case: c.id, items: c.items(), reasons: c.judgement.protection.reasons });
  }
  return byVersion;
}

/** Reasons that put a provider's safe harbor at risk when nothing removes it. */
const AT_RISK_REASONS = new Set(['OBLIGATION_MISSED', 'OBLIGATION_LATE', 'REPEAT_INFRINGER_NOT_ACTIONED', 'ITEMS_LOST', 'ITEMS_AT_RISK']);

function packCompliance<Items extends ItemList>(packId: Pack, provider: PartyState, facts: CaseFacts<Items>, users: UserRecord[], asOf: string): PackCompliance<Items> {
  const pack = RULE_PACKS[packId]!;
  // Copies: provider-level duties are tallied in too, and the facts may be reused.
  const obligations = copyTallies(facts.obligations);
  const dueDiligence = copyTallies(facts.dueDiligence);
  const { itemsAtRisk, itemsLost } = facts;
  const providerObligations = providerLevelObligations(packId, provider, users, asOf);
  for (const o of providerObligations) tally(packId === 'eu-dsa' ? dueDiligence : obligations, o);

  const reasons: PackCompliance['safeHarbor']['reasons'] = [];
  let lost = false;
  const prerequisites: Record<string, unknown> = {};
  const { policy, adopted } = policyOf(provider, pack);
  prerequisites.repeatInfringerPolicy = { adopted, published: provider.policy?.published ?? null, policy, ...(adopted ? {} : { note: `pack default of ${packVersion(pack)}` }) };
  const breaches = users.filter((u) => u.status === 'policy_breach');
  prerequisites.repeatInfringerEnforcement = {
    usersOverThreshold: users.filter((u) => u.thresholdReachedAt).length,
    actioned: users.filter((u) => u.status === 'actioned').length,
    actionDue: users.filter((u) => u.status === 'action_due').length,
    breaches: breaches.length,
  };
  if (packId === 'us-dmca') {
    if (provider.providerKind !== 'conduit') {
      const agent = usAgentStatus(provider, localDateOf(asOf, pack.timeZone(provider)));
      prerequisites.designatedAgent = { status: agent, ...(provider.agent ? { registry: provider.agent.registry, designatedOn: provider.agent.designatedOn, validUntil: usAgentValidUntil(provider.agent) } : {}) };
      if (agent !== 'valid') {
        lost = true;
        reasons.push({ code: agent === 'none' ? 'NO_DESIGNATED_AGENT' : 'AGENT_DESIGNATION_EXPIRED' });
      }
    }
    // §512(i): adopted, reasonably implemented and communicated — a paper policy that is not applied fails.
    if (!adopted) {
      lost = true;
      reasons.push({ code: 'NO_REPEAT_INFRINGER_POLICY' });
    }
  }
  if (breaches.length) {
    if (packId === 'us-dmca') lost = true;
    for (const b of breaches) reasons.push({ code: 'REPEAT_INFRINGER_NOT_ACTIONED', user: b.user });
  }
  const countBy = (key: string, status: ObligationStatus) => obligations[key]?.[status] ?? 0;
  for (const key of Object.keys(obligations).sort()) {
    if (countBy(key, 'missed')) reasons.push({ code: 'OBLIGATION_MISSED', obligation: key, count: countBy(key, 'missed') });
    if (countBy(key, 'late')) reasons.push({ code: 'OBLIGATION_LATE', obligation: key, count: countBy(key, 'late') });
  }
  // Every verdict carries its reasons: items lost or at risk are reasons of their own, since an item
  // can be lost without any obligation being late or missed (a put-back made too early, for one).
  if (itemsLost.length) reasons.push({ code: 'ITEMS_LOST', count: itemsLost.length });
  if (itemsAtRisk.length) reasons.push({ code: 'ITEMS_AT_RISK', count: itemsAtRisk.length });
  // Recorded and judged all the same; a pack the provider never declared is said, not held against it.
  if (facts.cases && !provider.packs.includes(packId)) reasons.push({ code: 'PACK_NOT_DECLARED', count: facts.cases });
  const atRisk = reasons.some((r) => AT_RISK_REASONS.has(r.code));
  return {
    pack: packVersion(pack),
    cases: facts.cases,
    obligations,
    itemsAtRisk,
    itemsLost,
    prerequisites,
    providerObligations,
    safeHarbor: { status: lost ? 'lost_for_period' : atRisk ? 'at_risk' : 'eligible', reasons },
    ...(packId === 'eu-dsa' ? { dueDiligence } : {}),
  };
}

/** Duties of the provider as a whole: acting on repeat infringers (US), warning before suspending (EU Art 23). */
function providerLevelObligations(packId: Pack, provider: PartyState, users: UserRecord[], asOf: string): Obligation[] {
  const pack = RULE_PACKS[packId]!;
  const tz = pack.timeZone(provider);
  if (packId === 'us-dmca') {
    return users
      .filter((u) => u.thresholdReachedAt)
      .map((u) =>
        evaluate(
          {
            key: 'US.repeatInfringerAction',
            party: provider.id,
            basis: 'default_sla',
            source: '17 U.S.C. §512(i)(1)(A)',
            timeZone: tz,
            window: { by: u.actionDueBy!, byLocalDate: localDateOf(u.actionDueBy!, tz), timeZone: tz },
            metAt: u.actionTakenAt ?? undefined,
            note: `user ${u.user}: ${u.activeStrikes} active strike(s), threshold ${u.threshold}`,
          },
          asOf,
        ),
      );
  }
  if (packId === 'eu-dsa') {
    return provider.sanctions
      .filter((s) => (s.type === 'user.suspended' || s.type === 'notifier.suspended') && s.recordedAt <= asOf)
      .map((s) => {
        const warning = s.type === 'user.suspended' ? 'user.warned' : 'notifier.warned';
        const warned = sanctionsAgainst(provider, s.target).find((w) => w.type === warning && w.recordedAt < s.recordedAt);
        return evaluate(
          {
            key: 'EU.priorWarning',
            party: provider.id,
            basis: 'statutory',
            source: s.type === 'user.suspended' ? 'DSA Art 23(1)' : 'DSA Art 23(2)',
            timeZone: tz,
            window: instantWindow(s.recordedAt, tz),
            metAt: warned?.recordedAt,
            note: `${s.type} of ${s.target}`,
          },
          asOf,
        );
      });
  }
  return [];
}

function tally(into: PackCompliance['obligations'], o: ObligationOutcome): void {
  (into[o.key] ??= emptyTally())[o.status]++;
}

/** Adds `count` obligations of a key and status to a tally (for counts aggregated elsewhere). */
export function addToTally(into: PackCompliance['obligations'], key: string, status: ObligationStatus, count: number): void {
  (into[key] ??= emptyTally())[status] += count;
}

function copyTallies(tallies: PackCompliance['obligations']): PackCompliance['obligations'] {
  return Object.fromEntries(Object.entries(tallies).map(([key, t]) => [key, { ...t }]));
}
