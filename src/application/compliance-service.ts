import type { ActData } from '../domain/acts/envelope.js';
import type { Pack } from '../domain/acts/primitives.js';
import { LedgerError } from '../domain/errors.js';
import { CaseHistory } from '../domain/jurisdictions/case-history.js';
import { RULE_PACKS } from '../domain/jurisdictions/packs.js';
import type { PartyState } from '../domain/party/state.js';
import { statusChangesAt } from '../domain/jurisdictions/obligation.js';
import { caseOutcomes, prepareCase, type CaseOutcomes, type PreparedCase } from '../domain/projections/case-judgement.js';
import { notifierConduct, type NotifierConduct } from '../domain/projections/notifier-conduct.js';
import { providerCompliance, type JudgedCase, type ProviderCompliance } from '../domain/projections/provider-compliance.js';
import { strikeBasis, userRecord, type StrikeBasis, type UserRecord } from '../domain/projections/repeat-infringement.js';
import type { Clock } from './ports/clock.js';
import type { CaseRecord, ReadModel } from './read-model.js';

interface PreparedEntry {
  version: string;
  prepared: PreparedCase;
  basis?: StrikeBasis | null;
  user?: string | null;
  /** Deadlines of unmet duties: the only instants at which the outcomes change with time. */
  changesAt?: string[];
  /** Outcomes as last evaluated, and how many of `changesAt` had passed then. */
  outcomes?: { passed: number; value: CaseOutcomes };
}

export interface RepeatInfringersView {
  provider: string;
  asOf: string;
  packs: { pack: string; policy: unknown; users: UserRecord[] }[];
}

/** Cross-case projections over the read model, evaluated as of any time (default: the ledger's now). */
export class ComplianceService {
  /**
   * Prepared judgements (obligations with their windows) by case, reused while the case, its provider
   * and its notifier are unchanged and the evaluation time is after all of them: only statuses are
   * recomputed. Keyed by those versions, so it can never serve a stale judgement.
   */
  private readonly prepared = new Map<string, PreparedEntry>();

  constructor(
    private readonly readModel: ReadModel,
    private readonly clock: Clock,
    private readonly deploymentSlas: Record<string, number> = {},
  ) {}

  async providerCompliance(providerId: string, asOfDate?: Date, pack?: Pack): Promise<ProviderCompliance> {
    const { asOf, provider, cases } = await this.providerScope(providerId, asOfDate);
    const parties = this.partyCache(asOf);
    const judged: JudgedCase[] = [];
    const known = new Map<string, { history: CaseHistory; basis: StrikeBasis | null; user: string | null }>();
    for (const record of cases) {
      const entry = this.prepare(record, asOf, provider, parties);
      if (!entry) continue;
      const { prepared } = entry;
      entry.basis ??= strikeBasis(prepared.history, prepared.pack, prepared.judgement.assessment.status);
      entry.user ??= prepared.history.user ?? null;
      known.set(record.id, { history: prepared.history, basis: entry.basis, user: entry.user });
      judged.push({ id: record.id, items: () => itemsOf(record), judgement: outcomesAt(entry, asOf) });
    }
    return providerCompliance(provider, judged, this.usersByPack(provider, cases, asOf, known), asOf, pack);
  }

  private prepare(record: CaseRecord, asOf: string, provider: PartyState, parties: (id: string) => PartyState): PreparedEntry | undefined {
    const providerVersion = this.readModel.partyVersion(record.provider);
    const notifierVersion = this.readModel.partyVersion(record.notifier);
    const lastAct = record.recorded[record.recorded.length - 1].recordedAt;
    const cacheable = asOf >= lastAct && asOf >= providerVersion.lastRecordedAt && asOf >= notifierVersion.lastRecordedAt;
    const version = `${record.recorded.length}|${providerVersion.revisions}|${notifierVersion.revisions}`;
    const cached = cacheable ? this.prepared.get(record.id) : undefined;
    if (cached?.version === version) return cached;
    const prepared = prepareCase({ caseId: record.id, recorded: record.recorded, asOf, provider, notifier: registered(parties(record.notifier)), deploymentSlas: this.deploymentSlas });
    if (!prepared) return undefined;
    const entry = { version, prepared };
    if (cacheable) this.prepared.set(record.id, entry);
    return entry;
  }

  async repeatInfringers(providerId: string, asOfDate?: Date): Promise<RepeatInfringersView> {
    const { asOf, provider, cases } = await this.providerScope(providerId, asOfDate);
    const byPack = this.usersByPack(provider, cases, asOf);
    return {
      provider: providerId,
      asOf,
      packs: Object.entries(byPack).map(([packId, users]) => {
        const pack = RULE_PACKS[packId as Pack]!;
        return { pack: `${pack.id}@${pack.version}`, policy: provider.policy?.repeatInfringer ?? { ...pack.repeatInfringerDefault, default: true }, users: users! };
      }),
    };
  }

  async notifierConduct(notifierId: string, asOfDate?: Date): Promise<NotifierConduct> {
    await this.readModel.catchUp();
    const asOf = (asOfDate ?? this.clock.now()).toISOString();
    const cases = this.readModel.casesOfNotifier(notifierId).filter((c) => c.recorded[0].recordedAt <= asOf);
    if (cases.length === 0 && !this.readModel.partyAsOf(notifierId, asOf).registered) throw new LedgerError('not_found', `no notifier ${notifierId}`, 'id');
    return notifierConduct(notifierId, cases, this.partyCache(asOf), asOf);
  }

  private async providerScope(providerId: string, asOfDate?: Date): Promise<{ asOf: string; provider: PartyState; cases: CaseRecord[] }> {
    await this.readModel.catchUp();
    const asOf = (asOfDate ?? this.clock.now()).toISOString();
    const provider = this.readModel.partyAsOf(providerId, asOf);
    if (!provider.registered || !provider.roles.includes('provider')) throw new LedgerError('not_found', `no provider ${providerId}`, 'id');
    const cases = this.readModel.casesOfProvider(providerId).filter((c) => c.recorded[0].recordedAt <= asOf);
    return { asOf, provider, cases };
  }

  /** Each pack's users with strikes or records at this provider. */
  private usersByPack(provider: PartyState, cases: CaseRecord[], asOf: string, known = new Map<string, { history: CaseHistory; basis: StrikeBasis | null; user: string | null }>()): Partial<Record<Pack, UserRecord[]>> {
    const grouped = new Map<Pack, Map<string, { id: string; basis: StrikeBasis | null }[]>>();
    for (const record of cases) {
      const prior = known.get(record.id);
      const history = prior?.history ?? new CaseHistory(record.id, record.recorded, asOf);
      const packId = (history.notice?.data as ActData<'notice.submitted'> | undefined)?.pack as Pack | undefined;
      const user = prior ? prior.user : history.user;
      if (!packId || !user || !RULE_PACKS[packId]) continue;
      const users = grouped.get(packId) ?? new Map<string, { id: string; basis: StrikeBasis | null }[]>();
      const list = users.get(user) ?? [];
      list.push({ id: record.id, basis: prior ? prior.basis : strikeBasis(history, RULE_PACKS[packId]!) });
      users.set(user, list);
      grouped.set(packId, users);
    }
    const result: Partial<Record<Pack, UserRecord[]>> = {};
    for (const [packId, users] of grouped) {
      result[packId] = [...users.entries()]
        .map(([user, list]) => userRecord({ user, cases: list }, provider, RULE_PACKS[packId]!, asOf))
        .filter((u) => u.strikes.length > 0)
        .sort((a, b) => b.activeStrikes - a.activeStrikes || a.user.localeCompare(b.user));
    }
    return result;
  }

  private partyCache(asOf: string): (id: string) => PartyState {
    const cache = new Map<string, PartyState>();
    return (id) => {
      let state = cache.get(id);
      if (!state) cache.set(id, (state = this.readModel.partyAsOf(id, asOf)));
      return state;
    };
  }
}

/** A case's outcomes as of `asOf`, reused while no deadline of an unmet duty has passed since they were computed. */
function outcomesAt(entry: PreparedEntry, asOf: string): CaseOutcomes {
  entry.changesAt ??= entry.prepared.judgement.obligations.map(statusChangesAt).filter((at): at is string => !!at);
  const passed = entry.changesAt.filter((at) => asOf > at).length;
  if (entry.outcomes?.passed !== passed) entry.outcomes = { passed, value: caseOutcomes(entry.prepared, asOf) };
  return entry.outcomes.value;
}

function registered(party: PartyState): PartyState | undefined {
  return party.registered ? party : undefined;
}

function itemsOf(record: CaseRecord): string[] {
  const items = (record.recorded[0].act.data as ActData<'notice.submitted'>).items ?? [];
  return items.map((i) => i.locator);
}
