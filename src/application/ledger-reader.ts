import { toHex } from '../audit/encoding.js';
import { caseStream, partyStream } from '../domain/acts/envelope.js';
import { evolveCase, initialCaseState, type CaseState } from '../domain/case/state.js';
import { LedgerError } from '../domain/errors.js';
import { evolveParty, initialPartyState, type PartyState } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { LedgerStore } from './ports/ledger-store.js';
import { toRecordedAct } from './recorded.js';

export interface TimelineItem {
  seq: number;
  revision: number;
  type: string;
  actor: string;
  at: string;
  recordedAt: string;
  leaf: string;
  data: unknown;
}

export interface CaseView {
  id: string;
  stream: string;
  asOf: string;
  state: Omit<CaseState, 'id' | 'revision'>;
  parties: { provider?: string; notifier?: string; user?: string };
  revisions: number;
  timeline: TimelineItem[];
}

export interface PartyView {
  id: string;
  name: string;
  roles: string[];
  providerKind?: string;
  packs: string[];
  flags: PartyState['flags'];
  timeZone?: string;
  registeredAt?: string;
  keys: PartyState['keys'];
  agent?: PartyState['agent'];
  policy?: PartyState['policy'];
  revisions: number;
}

/** Read side of the ledger: views folded from the store on read, as of any time. */
export class LedgerReader {
  constructor(private readonly store: LedgerStore) {}

  async party(id: string): Promise<PartyView> {
    const recorded = await this.recorded(partyStream(id));
    const state = recorded.reduce(evolveParty, initialPartyState(id));
    if (!state.registered) throw new LedgerError('not_found', `no party ${id}`, 'id');
    const { name, roles, providerKind, packs, flags, timeZone, registeredAt, keys, agent, policy } = state;
    return { id, name, roles, providerKind, packs, flags, timeZone, registeredAt, keys, agent, policy, revisions: recorded.length };
  }

  /** The case as it stood at `asOf` (default: everything recorded): state and timeline. */
  async case(id: string, asOf?: Date): Promise<CaseView> {
    const all = await this.recorded(caseStream(id));
    const cutoff = asOf?.getTime() ?? Number.POSITIVE_INFINITY;
    const recorded = all.filter((r) => Date.parse(r.recordedAt) <= cutoff);
    if (all.length === 0) throw new LedgerError('not_found', `no case ${id}`, 'id');
    const { id: _id, revision: _revision, ...state } = recorded.reduce(evolveCase, initialCaseState(id));
    return {
      id,
      stream: caseStream(id),
      asOf: (asOf ?? new Date(Date.parse(all.at(-1)!.recordedAt))).toISOString(),
      state,
      parties: { provider: state.provider, notifier: state.notifier, user: state.user },
      revisions: recorded.length,
      timeline: recorded.map(({ act, seq, revision, recordedAt, leaf }) => ({
        seq,
        revision,
        type: act.type,
        actor: act.actor,
        at: act.at,
        recordedAt,
        leaf,
        data: act.data,
      })),
    };
  }

  /** Log entries in seq order with their exact bytes (as UTF-8 text), for monitors and replicas. */
  async entries(from: number, limit: number): Promise<{ size: number; entries: { seq: number; leaf: string; entry: string }[] }> {
    const size = await this.store.size();
    const rows = await this.store.readAll(from, limit);
    return { size, entries: rows.map((row) => ({ seq: row.seq, leaf: toHex(row.leaf), entry: new TextDecoder().decode(row.bytes) })) };
  }

  async size(): Promise<number> {
    return this.store.size();
  }

  private async recorded(stream: string): Promise<RecordedAct[]> {
    return (await this.store.readStream(stream)).map(toRecordedAct);
  }
}

