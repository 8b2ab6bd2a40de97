import { toHex } from '../audit/encoding.js';
import { caseStream, partyStream } from '../domain/acts/envelope.js';
import { evolveCase, initialCaseState, type CaseState } from '../domain/case/state.js';
import { LedgerError } from '../domain/errors.js';
import { evolveParty, initialPartyState, partyAsOf, type PartyState } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import { judgeCase, type CaseJudgementView } from '../domain/projections/case-judgement.js';
import type { Clock } from './ports/clock.js';
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

export interface CaseView extends Partial<Omit<CaseJudgementView, 'asOf'>> {
  id: string;
  stream: string;
  asOf: string;
  /** False when the notice's pack has no rules in this build yet: the case is recorded, not judged. */
  judged: boolean;
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
  constructor(
    private readonly store: LedgerStore,
    private readonly clock: Clock,
    private readonly deploymentSlas: Record<string, number> = {},
  ) {}

  async party(id: string): Promise<PartyView> {
    const recorded = await this.recorded(partyStream(id));
    const state = recorded.reduce(evolveParty, initialPartyState(id));
    if (!state.registered) throw new LedgerError('not_found', `no party ${id}`, 'id');
    const { name, roles, providerKind, packs, flags, timeZone, registeredAt, keys, agent, policy } = state;
    return { id, name, roles, providerKind, packs, flags, timeZone, registeredAt, keys, agent, policy, revisions: recorded.length };
  }

  /** The case as it stood at `asOf` (default: the ledger's now): state, timeline, and its judgement under its pack. */
  async case(id: string, asOfDate?: Date): Promise<CaseView> {
    const all = await this.recorded(caseStream(id));
    if (all.length === 0) throw new LedgerError('not_found', `no case ${id}`, 'id');
    const asOf = (asOfDate ?? this.clock.now()).toISOString();
    const recorded = all.filter((r) => r.recordedAt <= asOf);
    const { id: _id, revision: _revision, ...state } = recorded.reduce(evolveCase, initialCaseState(id));
    const judgement = state.provider ? await this.judge(id, recorded, asOf, state.provider, state.notifier) : undefined;
    const { asOf: _judgedAsOf, ...verdict } = judgement ?? {};
    return {
      id,
      stream: caseStream(id),
      asOf,
      judged: !!judgement,
      ...verdict,
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

  private async judge(caseId: string, recorded: RecordedAct[], asOf: string, providerId: string, notifierId?: string): Promise<CaseJudgementView | undefined> {
    const provider = await this.partyAsOf(providerId, asOf);
    const notifier = notifierId ? await this.partyAsOf(notifierId, asOf) : undefined;
    return judgeCase({ caseId, recorded, asOf, provider, notifier: notifier?.registered ? notifier : undefined, deploymentSlas: this.deploymentSlas });
  }

  /** A party's state from its acts recorded up to `asOf`. */
  async partyAsOf(id: string, asOf: string): Promise<PartyState> {
    return partyAsOf(id, await this.recorded(partyStream(id)), asOf);
  }

  private async recorded(stream: string): Promise<RecordedAct[]> {
    return (await this.store.readStream(stream)).map(toRecordedAct);
  }
}

