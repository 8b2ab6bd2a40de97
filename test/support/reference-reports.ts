import type { LedgerStore } from '../../src/application/ports/ledger-store.js';
import { toRecordedActFast } from '../../src/application/recorded.js';
import type { Pack } from '../../src/domain/acts/primitives.js';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import { partyAsOf, type PartyState } from '../../src/domain/party/state.js';
import { caseOutcomes, prepareCase } from '../../src/domain/projections/case-judgement.js';
import { notifierConduct } from '../../src/domain/projections/notifier-conduct.js';
import { providerCompliance, type JudgedCase } from '../../src/domain/projections/provider-compliance.js';
import { strikeBasis, userRecord, type StrikeBasis, type UserRecord } from '../../src/domain/projections/repeat-infringement.js';
import type { RecordedAct } from '../../src/domain/recorded-act.js';
import { END_OF_TIME, projectCase, type CaseProjection } from '../../src/domain/projections/case-projection.js';

/**
 * The reports computed the plain way, independent of the projection store: every stream read whole,
 * every case judged from its entries with its parties as of the time, as the read side did before it
 * had a store. The oracle of the projection tests.
 */
export async function referenceReports(log: LedgerStore, asOf: string, providers: string[], notifiers: string[]) {
  const streams = await allStreams(log);
  const party = (id: string): PartyState => partyAsOf(id, streams.get(`party-${id}`) ?? [], asOf);
  const cases = [...streams.entries()].filter(([s, acts]) => s.startsWith('case-') && acts[0].recordedAt <= asOf).map(([s, acts]) => ({ id: s.slice(5), recorded: acts }));
  const out: Record<string, unknown> = {};
  for (const p of providers) {
    const provider = party(p);
    const judged: JudgedCase[] = [];
    const strikes = new Map<Pack, Map<string, { id: string; basis: StrikeBasis | null }[]>>();
    for (const c of cases.filter((k) => (k.recorded[0].act.data as { provider: string }).provider === p)) {
      const first = c.recorded[0].act;
      const notifier = party(first.type === 'notice.received' ? (first.data as { notifier: string }).notifier : first.actor);
      const prepared = prepareCase({ caseId: c.id, recorded: c.recorded, asOf, provider, notifier: notifier.registered ? notifier : undefined });
      if (!prepared) continue;
      judged.push({ id: c.id, items: () => ((first.data as { items?: { locator: string }[] }).items ?? []).map((i) => i.locator), judgement: caseOutcomes(prepared, asOf) });
      const user = prepared.history.user;
      if (!user) continue;
      const byUser = strikes.get(prepared.pack.id) ?? new Map();
      byUser.set(user, [...(byUser.get(user) ?? []), { id: c.id, basis: strikeBasis(prepared.history, prepared.pack, prepared.judgement.assessment.status) }]);
      strikes.set(prepared.pack.id, byUser);
    }
    const users: Partial<Record<Pack, UserRecord[]>> = {};
    for (const [pack, byUser] of strikes) {
      users[pack] = [...byUser]
        .map(([user, list]) => userRecord({ user, cases: list }, provider, latestPack(pack)!, asOf))
        .filter((u) => u.strikes.length > 0)
        .sort((a, b) => b.activeStrikes - a.activeStrikes || a.user.localeCompare(b.user));
    }
    out[`compliance ${p} ${asOf}`] = providerCompliance(provider, judged, users, asOf);
  }
  for (const n of notifiers) {
    const own = cases.filter((c) => {
      const first = c.recorded[0].act;
      return (first.type === 'notice.received' ? (first.data as { notifier: string }).notifier : first.actor) === n;
    });
    out[`conduct ${n} ${asOf}`] = notifierConduct(n, own, party, asOf);
  }
  return out;
}

/** Every case projected from its entries and the latest states of its parties. */
export async function referenceProjections(log: LedgerStore): Promise<Map<string, CaseProjection>> {
  const streams = await allStreams(log);
  const party = (id: string): PartyState | undefined => {
    const state = partyAsOf(id, streams.get(`party-${id}`) ?? [], END_OF_TIME);
    return state.registered ? state : undefined;
  };
  const out = new Map<string, CaseProjection>();
  for (const [stream, recorded] of streams) {
    if (!stream.startsWith('case-')) continue;
    const first = recorded[0].act;
    const provider = party((first.data as { provider: string }).provider)!;
    const notifier = party(first.type === 'notice.received' ? (first.data as { notifier: string }).notifier : first.actor);
    out.set(stream.slice(5), projectCase({ caseId: stream.slice(5), recorded, provider, notifier })!);
  }
  return out;
}

async function allStreams(log: LedgerStore): Promise<Map<string, RecordedAct[]>> {
  const streams = new Map<string, RecordedAct[]>();
  for (let from = 0; ; ) {
    const rows = await log.readAll(from, 5000);
    for (const row of rows) {
      const list = streams.get(row.stream) ?? [];
      list.push(toRecordedActFast(row));
      streams.set(row.stream, list);
    }
    if (rows.length < 5000) return streams;
    from += rows.length;
  }
}
