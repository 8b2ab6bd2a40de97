import type { Pack } from '../acts/primitives.js';
import { citeReasons } from '../jurisdictions/citations.js';
import { OBLIGATION_STATUSES, type Obligation, type ObligationOutcome, type ObligationStatus } from '../jurisdictions/obligation.js';
import { packAsOf, packOfVersion } from '../jurisdictions/registry.js';
import { packVersion, type Protection, type Reason, type RepeatInfringerRecord, type RulePack } from '../jurisdictions/rule-pack.js';
import type { PartyState } from '../party/state.js';
import type { CaseOutcomes } from './case-judgement.js';
import { policyOf } from './repeat-infringement.js';

/** A list of items at risk or lost, or anything standing for one that knows its length (e.g. the list as stored JSON). */
export interface ItemList {
  readonly length: number;
  /** The items themselves, for a list kept as stored JSON. */
  toJSON?(): unknown;
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
  safeHarbor: { status: 'eligible' | 'at_risk' | 'lost_for_period'; reasons: (Reason & { count?: number; user?: string })[] };
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
  /** Cases with a window through a year the pack's calendar does not know (eligible ones included). */
  calendarAssumed: number;
}

export function providerCompliance(provider: PartyState, judged: readonly JudgedCase[], repeatInfringers: Partial<Record<Pack, readonly RepeatInfringerRecord[]>>, asOf: string, onlyPack?: Pack): ProviderCompliance {
  return complianceFromFacts(provider, caseFactsByPack(judged), repeatInfringers, asOf, onlyPack);
}

/**
 * The same from facts already gathered by pack version (`us-dmca@2026.2`), e.g. aggregated by a store.
 * One report per pack: its provider-level standing under the version in force as of the report, its
 * case facts summed over every version its cases were judged by (a pack without facts lists none).
 */
export function complianceFromFacts<Items extends ItemList>(provider: PartyState, facts: ReadonlyMap<string, CaseFacts<Items>>, repeatInfringers: Partial<Record<Pack, readonly RepeatInfringerRecord[]>>, asOf: string, onlyPack?: Pack): ProviderCompliance<Items | ItemStanding[]> {
  const byPack = new Map<Pack, CaseFacts<Items>[]>(provider.packs.map((p) => [p, []]));
  for (const [version, f] of facts) {
    const id = packOfVersion(version)?.id;
    if (id) byPack.set(id, [...(byPack.get(id) ?? []), f]);
  }
  const reports = [...byPack.keys()]
    .filter((p) => (!onlyPack || p === onlyPack) && packAsOf(p, asOf))
    .sort()
    .map((p) => packCompliance<Items | ItemStanding[]>(packAsOf(p, asOf)!, provider, mergeFacts(byPack.get(p)!), repeatInfringers[p] ?? [], asOf));
  return { provider: provider.id, name: provider.name, providerKind: provider.providerKind, asOf, packs: reports };
}

/** One pack's facts from those of its versions (a single version's are used as they are). */
function mergeFacts<Items extends ItemList>(list: CaseFacts<Items>[]): CaseFacts<Items | ItemStanding[]> {
  if (list.length <= 1) return list[0] ?? emptyFacts();
  const merged = emptyFacts();
  for (const f of list) {
    merged.cases += f.cases;
    merged.calendarAssumed += f.calendarAssumed;
    addTallies(merged.obligations, f.obligations);
    addTallies(merged.dueDiligence, f.dueDiligence);
    merged.itemsAtRisk.push(...listOf(f.itemsAtRisk));
    merged.itemsLost.push(...listOf(f.itemsLost));
  }
  return merged;
}

/** Items as an array: stored lists arrive as stored JSON that parses itself. */
function listOf(items: ItemList): ItemStanding[] {
  return Array.isArray(items) ? (items as ItemStanding[]) : (items.toJSON?.() as ItemStanding[]);
}

function addTallies(into: PackCompliance['obligations'], from: PackCompliance['obligations']): void {
  for (const [key, tally] of Object.entries(from)) for (const status of OBLIGATION_STATUSES) addToTally(into, key, status, tally[status]);
}

export const emptyFacts = (): CaseFacts => ({ cases: 0, obligations: {}, dueDiligence: {}, itemsAtRisk: [], itemsLost: [], calendarAssumed: 0 });

/** Judged cases tallied by pack version in one pass: a report may cover hundreds of thousands of cases. */
function caseFactsByPack(judged: readonly JudgedCase[]): Map<string, CaseFacts> {
  const byVersion = new Map<string, CaseFacts>();
  for (const c of judged) {
    let facts = byVersion.get(c.judgement.pack);
    if (!facts) byVersion.set(c.judgement.pack, (facts = emptyFacts()));
    facts.cases++;
    if (c.judgement.protection.reasons.some((r) => r.code === 'CALENDAR_ASSUMED')) facts.calendarAssumed++;
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

function packCompliance<Items extends ItemList>(pack: RulePack, provider: PartyState, facts: CaseFacts<Items>, users: readonly RepeatInfringerRecord[], asOf: string): PackCompliance<Items> {
  // Copies: provider-level duties are tallied in too, and the facts may be reused.
  const obligations = copyTallies(facts.obligations);
  const dueDiligence = copyTallies(facts.dueDiligence);
  const { itemsAtRisk, itemsLost } = facts;
  const { policy, adopted } = policyOf(provider, pack);
  const standing = pack.providerStanding({ provider, users, asOf, policyAdopted: adopted });
  for (const o of standing.duties) tally(pack.dueDiligenceKeys?.includes(o.key) ? dueDiligence : obligations, o);
  const prerequisites: Record<string, unknown> = {
    ...standing.prerequisites,
    repeatInfringerPolicy: { adopted, published: provider.policy?.published ?? null, policy, ...(adopted ? {} : { note: `pack default of ${packVersion(pack)}` }) },
    repeatInfringerEnforcement: {
      usersOverThreshold: users.filter((u) => u.thresholdReachedAt).length,
      actioned: users.filter((u) => u.status === 'actioned').length,
      actionDue: users.filter((u) => u.status === 'action_due').length,
      breaches: users.filter((u) => u.status === 'policy_breach').length,
    },
  };
  const reasons: PackCompliance['safeHarbor']['reasons'] = [...standing.reasons, ...obligationReasons(obligations)];
  // Every verdict carries its reasons: items lost or at risk are reasons of their own, since an item
  // can be lost without any obligation being late or missed (a put-back made too early, for one).
  if (itemsLost.length) reasons.push({ code: 'ITEMS_LOST', count: itemsLost.length });
  if (itemsAtRisk.length) reasons.push({ code: 'ITEMS_AT_RISK', count: itemsAtRisk.length });
  // Recorded and judged all the same; a pack the provider never declared is said, not held against it.
  // Days counted on weekends alone somewhere in these cases: the verdicts rest on an assumption, said here too.
  if (facts.calendarAssumed) reasons.push({ code: 'CALENDAR_ASSUMED', count: facts.calendarAssumed });
  if (facts.cases && !provider.packs.includes(pack.id)) reasons.push({ code: 'PACK_NOT_DECLARED', count: facts.cases });
  const atRisk = reasons.some((r) => AT_RISK_REASONS.has(r.code));
  return {
    pack: packVersion(pack),
    cases: facts.cases,
    obligations,
    itemsAtRisk,
    itemsLost,
    prerequisites,
    providerObligations: standing.duties,
    safeHarbor: { status: standing.lost ? 'lost_for_period' : atRisk ? 'at_risk' : 'eligible', reasons: citeReasons(pack, reasons) },
    ...(pack.dueDiligenceKeys ? { dueDiligence } : {}),
  };
}

/** A reason per obligation key with missed or late duties, with their count (due-diligence duties are reported apart). */
function obligationReasons(obligations: PackCompliance['obligations']): PackCompliance['safeHarbor']['reasons'] {
  const reasons: PackCompliance['safeHarbor']['reasons'] = [];
  for (const key of Object.keys(obligations).sort()) {
    const { missed, late } = obligations[key];
    if (missed) reasons.push({ code: 'OBLIGATION_MISSED', obligation: key, count: missed });
    if (late) reasons.push({ code: 'OBLIGATION_LATE', obligation: key, count: late });
  }
  return reasons;
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
