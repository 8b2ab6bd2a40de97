import type { Pack } from '../domain/acts/primitives.js';
import { notifierOfNotice, openingProvider } from '../domain/case/state.js';
import { LedgerError } from '../domain/errors.js';
import { packAsOf, packOfVersion, registeredIds } from '../domain/jurisdictions/registry.js';
import type { PackContext, RepeatInfringerRecord } from '../domain/jurisdictions/rule-pack.js';
import { partyAsOf, type PartyState } from '../domain/party/state.js';
import { caseOutcomes, outcomesOf, prepareCase, type CaseOutcomes } from '../domain/projections/case-judgement.js';
import type { CaseProjection } from '../domain/projections/case-projection.js';
import { classifyJudged, classifyNotice, conductOf, type Classified, type NotifierConduct } from '../domain/projections/notifier-conduct.js';
import { addToTally, complianceFromFacts, emptyFacts, providerCompliance, type CaseFacts, type ItemStanding, type JudgedCase, type ProviderCompliance } from '../domain/projections/provider-compliance.js';
import type { StoredJsonList } from './stored-json.js';
import { packVersion } from '../domain/jurisdictions/rule-pack.js';
import { byActiveStrikesThenUser, enforcementOf, strikeBasis, strikeCounting, usersByPack, type StrikeFacts, type UserRecord } from '../domain/projections/repeat-infringement.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { Clock } from './ports/clock.js';
import type { LedgerStore } from './ports/ledger-store.js';
import type { ComplianceRows, ProjectionStore } from './ports/projection-store.js';
import { toRecordedActFast } from './recorded.js';
import { justAfter, ReportCache } from './projections/report-cache.js';
import { effectiveAct } from '../domain/case/history-act.js';

export interface RepeatInfringersView {
  provider: string;
  asOf: string;
  packs: { pack: string; policy: unknown; users: UserRecord[] }[];
}


/** Items at risk or lost: listed when judged again, else as the store keeps them (JSON, sent as is). */
type Items = ItemStanding[] | StoredJsonList<ItemStanding>;
export type ComplianceReport = ProviderCompliance<Items>;

/** Brings the projections up to the log's end; resolves with the position they then reflect. */
export type CatchUp = () => Promise<number>;

/** An answer and the log position it reflects (entries 0 to position - 1). */
export interface Positioned<T> {
  position: number;
  value: T;
}

/**
 * Cross-case reports from the projection store, as of any time (default: the ledger's now). A case
 * whose stored judgement holds for `asOf` is evaluated from its stored obligation windows; one with
 * acts after `asOf`, or whose provider or notifier changed since, is judged again from its own
 * entries (bounded by the case, not the log).
 */
export class ComplianceService {
  constructor(
    private readonly projections: ProjectionStore,
    private readonly catchUp: CatchUp,
    private readonly log: LedgerStore,
    private readonly clock: Clock,
    private readonly deploymentSlas: Record<string, number> = {},
    private readonly cache = new ReportCache(),
  ) {}

  async providerCompliance(providerId: string, asOfDate?: Date, pack?: Pack): Promise<Positioned<ComplianceReport>> {
    const { asOf, position, current } = await this.scope(asOfDate);
    // A cached report exists only for a registered provider, and its version changes with the provider's every act.
    const key = `compliance|${providerId}|${pack ?? ''}`;
    const version = this.projections.providerVersion(providerId);
    const cached = current ? this.cache.get<ComplianceReport>(key, version, asOf) : undefined;
    if (cached) return { position, value: { ...cached, asOf } };
    const provider = await this.provider(providerId, asOf);
    if (current) {
      // Nothing was recorded after asOf: every stored judgement holds, and the store aggregates.
      const facts = caseFacts(this.projections.complianceRows(providerId, asOf));
      const { users, changes } = this.enforcement(providerId, provider, asOf);
      const value = complianceFromFacts(provider, facts, users, asOf, pack);
      const weight = value.packs.reduce((sum, p) => sum + p.itemsAtRisk.length + p.itemsLost.length + p.providerObligations.length, 1);
      this.cache.set(key, version, asOf, [justAfter(this.projections.nextDeadline(providerId, asOf)), ...changes], value, weight);
      return { position, value };
    }
    return { position, value: await this.complianceAsOf(providerId, provider, asOf, pack) };
  }

  /**
   * Each pack's users over the repeat-infringer threshold, from the strikes the store counts (only
   * users who reached it: the report counts them, lists their action duties and breaches), and when
   * that changes by time alone: a strike in force expiring, an action falling due.
   */
  private enforcement(providerId: string, provider: PartyState, asOf: string): { users: Partial<Record<Pack, RepeatInfringerRecord[]>>; changes: (string | undefined)[] } {
    const users: Partial<Record<Pack, RepeatInfringerRecord[]>> = {};
    const changes: (string | undefined)[] = [];
    for (const pack of registeredIds().map((id) => packAsOf(id, asOf)!)) {
      const crossings = this.projections.thresholdCrossings(providerId, pack.id, strikeCounting(provider, pack), asOf);
      if (crossings.length === 0) continue;
      const records = crossings.map((c) => enforcementOf(c, provider, pack, asOf));
      users[pack.id] = records.sort(byActiveStrikesThenUser);
      for (const [i, c] of crossings.entries()) changes.push(c.nextExpiry, justAfter(records[i].actionDueBy ?? undefined));
    }
    return { users, changes };
  }

  /** A report as of a time before the latest act: cases judged again where their stored judgement does not hold. */
  private async complianceAsOf(providerId: string, provider: PartyState, asOf: string, pack?: Pack): Promise<ProviderCompliance> {
    const parties = new PartiesAsOf(this, asOf);
    const holds = this.holdsAt(asOf);
    // In the order cases were opened; those judged again keep their place.
    const slots: ({ judged: JudgedCase; strike: StrikeFacts } | CaseProjection | undefined)[] = [];
    for (const c of this.projections.casesOf(providerId, 'provider', asOf)) {
      if (!holds(c)) slots.push(slim(c));
      else if (c.judgement) {
        const items = c.items;
        const judgement = outcomesOf(packOfVersion(c.judgement.pack)!, c.judgement, contextOf(provider, asOf), asOf);
        slots.push({ judged: { id: c.id, items: () => items, judgement }, strike: { id: c.id, pack: c.pack, user: c.user, basis: c.strike } });
      }
    }
    for (const [i, slot] of slots.entries()) {
      if (!slot || 'judged' in slot) continue;
      const rejudged = await this.rejudge(slot.id, asOf, provider, parties);
      slots[i] = rejudged && { judged: { id: slot.id, items: () => slot.items, judgement: rejudged.outcomes }, strike: { id: slot.id, pack: slot.pack, user: rejudged.user, basis: rejudged.basis } };
    }
    const done = slots.filter((slot): slot is { judged: JudgedCase; strike: StrikeFacts } => !!slot && 'judged' in slot);
    const strikes = done.map((slot) => slot.strike);
    return providerCompliance(provider, done.map((slot) => slot.judged), usersByPack(provider, strikes, asOf), asOf, pack);
  }

  async repeatInfringers(providerId: string, asOfDate?: Date): Promise<Positioned<RepeatInfringersView>> {
    const { asOf, position, current } = await this.scope(asOfDate);
    const key = `repeat|${providerId}`;
    const version = this.projections.providerVersion(providerId);
    const cached = current ? this.cache.get<RepeatInfringersView>(key, version, asOf) : undefined;
    if (cached) return { position, value: { ...cached, asOf } };
    const provider = await this.provider(providerId, asOf);
    if (!current) return { position, value: repeatInfringersView(providerId, provider, asOf, await this.strikesAsOf(providerId, provider, asOf)) };
    const value = repeatInfringersView(providerId, provider, asOf, this.projections.strikesOf(providerId));
    const weight = value.packs.reduce((sum, p) => p.users.reduce((n, u) => n + 1 + u.strikes.length, sum), 1);
    this.cache.set(key, version, asOf, strikeChanges(Object.fromEntries(value.packs.map((p) => [p.pack, p.users]))), value, weight);
    return { position, value };
  }

  /** Strike facts of a provider's cases as of a time before the latest act: cases judged again where needed. */
  private async strikesAsOf(providerId: string, provider: PartyState, asOf: string): Promise<StrikeFacts[]> {
    const parties = new PartiesAsOf(this, asOf);
    const slots: (StrikeFacts | string | undefined)[] = [];
    const holds = this.holdsAt(asOf);
    for (const c of this.projections.casesOf(providerId, 'provider', asOf)) slots.push(holds(c) ? { id: c.id, pack: c.pack, user: c.user, basis: c.strike } : c.id);
    for (const [i, slot] of slots.entries()) {
      if (typeof slot !== 'string') continue;
      const rejudged = await this.rejudge(slot, asOf, provider, parties);
      slots[i] = rejudged && { id: slot, pack: rejudged.pack, user: rejudged.user, basis: rejudged.basis };
    }
    return slots.filter((slot): slot is StrikeFacts => !!slot && typeof slot !== 'string');
  }

  async notifierConduct(notifierId: string, asOfDate?: Date): Promise<Positioned<NotifierConduct>> {
    const { asOf, position } = await this.scope(asOfDate);
    return { position, value: await this.conductAt(notifierId, asOf, new PartiesAsOf(this, asOf)) };
  }

  /** The conduct of each of these notifiers as of one time: one catch-up, each party read once. */
  async *conducts(notifierIds: Iterable<string>, asOfDate?: Date): AsyncGenerator<NotifierConduct> {
    const { asOf } = await this.scope(asOfDate);
    const parties = new PartiesAsOf(this, asOf);
    for (const id of notifierIds) yield await this.conductAt(id, asOf, parties);
  }

  private async conductAt(notifierId: string, asOf: string, parties: PartiesAsOf): Promise<NotifierConduct> {
    const slots: (Classified | string | null)[] = [];
    for (const c of this.projections.casesOf(notifierId, 'notifier', asOf)) slots.push(c.lastAt > asOf ? c.id : c.conduct);
    for (const [i, slot] of slots.entries()) {
      if (typeof slot !== 'string') continue;
      const recorded = await this.caseEntries(slot);
      const provider = recorded[0] && openingProvider(recorded[0].act);
      const state = provider ? await parties.get(provider) : undefined;
      slots[i] = (state ? classifyJudged({ id: slot, recorded }, asOf, () => state) : classifyNotice({ id: slot, recorded }, asOf)) ?? null;
    }
    const classified = slots.filter((slot): slot is Classified => !!slot && typeof slot !== 'string');
    if (classified.length === 0 && !(await parties.get(notifierId)).registered) throw new LedgerError('not_found', `no notifier ${notifierId}`, 'id');
    const providers = new Map<string, PartyState>();
    for (const c of classified) if (!providers.has(c.provider)) providers.set(c.provider, await parties.get(c.provider));
    return conductOf(notifierId, classified, (id) => providers.get(id)!, asOf);
  }


  /** A party's state from its acts recorded up to `asOf`: the projection when nothing came after, else its stream. */
  async partyAsOf(id: string, asOf: string): Promise<PartyState> {
    const projected = this.projections.party(id);
    if (projected && asOf >= projected.lastAt) return { ...projected.state, sanctions: this.projections.sanctions(id) };
    if (!projected) return partyAsOf(id, [], asOf);
    return partyAsOf(id, (await this.log.readStream(`party-${id}`)).map(toRecordedActFast), asOf);
  }

  /** Caught up; the time asked; whether nothing was recorded after it (stored judgements all hold). */
  private async scope(asOfDate?: Date): Promise<{ asOf: string; position: number; current: boolean }> {
    await this.catchUp();
    const asOf = (asOfDate ?? this.clock.now()).toISOString();
    return { asOf, position: this.projections.position(), current: asOf >= this.projections.lastAt() };
  }

  private async provider(providerId: string, asOf: string): Promise<PartyState> {
    const provider = await this.partyAsOf(providerId, asOf);
    if (!provider.registered || !provider.roles.includes('provider')) throw new LedgerError('not_found', `no provider ${providerId}`, 'id');
    return provider;
  }

  /** Whether a stored judgement is the case's judgement as of `asOf`: nothing it rests on came later. */
  private holdsAt(asOf: string): (c: CaseProjection) => boolean {
    const judgedFrom = new Map<string, string>();
    const since = (id: string) => {
      let at = judgedFrom.get(id);
      if (at === undefined) judgedFrom.set(id, (at = this.projections.party(id)?.judgedFrom ?? ''));
      return at;
    };
    return (c) => c.lastAt <= asOf && since(c.provider) <= asOf && since(c.notifier) <= asOf;
  }

  private async rejudge(caseId: string, asOf: string, provider: PartyState, parties: PartiesAsOf) {
    const recorded = await this.caseEntries(caseId);
    const notifierId = recorded[0] && notifierOfNotice(effectiveAct(recorded[0]).act);
    const notifier = notifierId ? await parties.get(notifierId) : undefined;
    const prepared = prepareCase({ caseId, recorded, asOf, provider, notifier: notifier?.registered ? notifier : undefined, deploymentSlas: this.deploymentSlas });
    if (!prepared) return undefined;
    const outcomes: CaseOutcomes = caseOutcomes(prepared, asOf);
    return { outcomes, pack: prepared.pack.id, user: prepared.history.user ?? null, basis: strikeBasis(prepared.history, prepared.pack, prepared.judgement.assessment.status) };
  }

  private async caseEntries(caseId: string): Promise<RecordedAct[]> {
    return (await this.log.readStream(`case-${caseId}`)).map(toRecordedActFast);
  }
}

/** Party states as of one time, read once per report. */
class PartiesAsOf {
  private readonly states = new Map<string, PartyState>();

  constructor(
    private readonly service: ComplianceService,
    private readonly asOf: string,
  ) {}

  async get(id: string): Promise<PartyState> {
    let state = this.states.get(id);
    if (!state) this.states.set(id, (state = await this.service.partyAsOf(id, this.asOf)));
    return state;
  }
}

function repeatInfringersView(providerId: string, provider: PartyState, asOf: string, strikes: readonly StrikeFacts[]): RepeatInfringersView {
  const packs = Object.entries(usersByPack(provider, strikes, asOf)).map(([packId, users]) => {
    const rulePack = packAsOf(packId, asOf)!;
    return { pack: packVersion(rulePack), policy: provider.policy?.repeatInfringer ?? { ...rulePack.repeatInfringerDefault, default: true }, users: users! };
  });
  return { provider: providerId, asOf, packs };
}

/** A provider's case facts by pack version: the store's counts, tallies, and items at risk or lost. */
function caseFacts(rows: ComplianceRows): Map<string, CaseFacts<Items>> {
  const facts = new Map<string, CaseFacts<Items>>();
  const of = (version: string) => {
    let f: CaseFacts<Items> | undefined = facts.get(version);
    if (!f) facts.set(version, (f = emptyFacts()));
    return f;
  };
  for (const { packVersion, count, calendarAssumed } of rows.cases) Object.assign(of(packVersion), { cases: count, calendarAssumed });
  for (const t of rows.tallies) addToTally(t.dueDiligence ? of(t.packVersion).dueDiligence : of(t.packVersion).obligations, t.key, t.status, t.count);
  for (const { packVersion, status, list } of rows.items) {
    if (status === 'lost_for_item') of(packVersion).itemsLost = list;
    else of(packVersion).itemsAtRisk = list;
  }
  return facts;
}

/** When repeat-infringer records can turn with time alone: a strike expiring, an action falling due. */
function strikeChanges(users: Partial<Record<string, UserRecord[]>>): string[] {
  const at: string[] = [];
  for (const list of Object.values(users)) {
    for (const user of list ?? []) {
      for (const strike of user.strikes) at.push(strike.expiresAt);
      if (user.actionDueBy) at.push(justAfter(user.actionDueBy)!);
    }
  }
  return at;
}

/** Protection reads only obligations and the judgement; the context is the pack interface's. */
function contextOf(provider: PartyState, asOf: string): PackContext {
  return { asOf, provider, slaDays: (_key, days) => days };
}

/** What a re-judged case needs of its projection. */
function slim(c: CaseProjection): CaseProjection {
  return { ...c, judgement: null, conduct: null };
}
