import { toHex } from '../audit/encoding.js';
import { caseStream, partyStream } from '../domain/acts/envelope.js';
import { evolveCase, initialCaseState, type CaseState } from '../domain/case/state.js';
import { effectiveAct, effectiveTime } from '../domain/case/history-act.js';
import type { TrustAnchors } from '../domain/actor-rules.js';
import { partyStanding, type PartyStanding } from '../domain/party/standing.js';
import { LedgerError } from '../domain/errors.js';
import { partyAsOf, type PartyState } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import { judgeCase, type CaseJudgementView } from '../domain/projections/case-judgement.js';
import { compareRegimes, type Comparison } from '../domain/projections/compare.js';
import type { Pack } from '../domain/acts/primitives.js';
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
  /** Statuses given by anchors or accredited authorities, revoked ones included. */
  accreditations: PartyState['accreditations'];
  /** What the party's claims are worth now: `claimed_unaccredited` confers nothing. */
  standing: PartyStanding;
  revisions: number;
}

/** A page of log entries holds at most this many bytes of entries (and at least one entry). */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const PAGE_CHUNK = 16;

/** Read side of the ledger: views folded from the store on read, as of any time. */
export class LedgerReader {
  constructor(
    private readonly store: LedgerStore,
    private readonly clock: Clock,
    private readonly deploymentSlas: Record<string, number> = {},
    private readonly trustAnchors: TrustAnchors = new Map(),
  ) {}

  /** A registered party's state now (undefined when none): who signs a request. */
  async partyState(id: string): Promise<PartyState | undefined> {
    const state = partyAsOf(id, await this.recorded(partyStream(id)));
    return state.registered ? state : undefined;
  }

  async party(id: string): Promise<PartyView> {
    const recorded = await this.recorded(partyStream(id));
    const state = partyAsOf(id, recorded);
    if (!state.registered) throw new LedgerError('not_found', `no party ${id}`, 'id');
    const { name, roles, providerKind, packs, flags, timeZone, registeredAt, keys, agent, policy, accreditations } = state;
    const standing = partyStanding(state, this.trustAnchors, this.clock.now().toISOString());
    return { id, name, roles, providerKind, packs, flags, timeZone, registeredAt, keys, agent, policy, accreditations, standing, revisions: recorded.length };
  }

  /** The case as it stood at `asOf` (default: the ledger's now): state, timeline, and its judgement under its pack. */
  async case(id: string, asOfDate?: Date): Promise<CaseView> {
    const all = await this.recorded(caseStream(id));
    if (all.length === 0) throw new LedgerError('not_found', `no case ${id}`, 'id');
    const asOf = (asOfDate ?? this.clock.now()).toISOString();
    // Attested history counts from when it occurred.
    const recorded = all.filter((r) => effectiveTime(r) <= asOf);
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
      // An attested act shows as the act it attests, at when it occurred, with its attestation.
      timeline: recorded.map(effectiveAct).map(({ act, seq, revision, recordedAt, leaf, attestation }) => ({
        seq,
        revision,
        type: act.type,
        actor: act.actor,
        at: act.at,
        recordedAt: attestation?.recordedAt ?? recordedAt,
        leaf,
        data: act.data,
        ...(attestation ? { attested: { ...attestation, occurredAt: recordedAt } } : {}),
      })),
    };
  }

  /**
   * Log entries in seq order with their exact bytes (as UTF-8 text), for monitors and replicas: at
   * most `limit`, and no more than MAX_PAGE_BYTES of entries (always at least one), read in small
   * chunks so that a page of large entries never sits in memory whole. `next` is the seq to ask for next.
   */
  async entries(from: number, limit: number): Promise<{ size: number; next: number; entries: { seq: number; leaf: string; entry: string }[] }> {
    const size = await this.store.size();
    const entries: { seq: number; leaf: string; entry: string }[] = [];
    let bytes = 0;
    let next = from;
    while (entries.length < limit && next < size && (entries.length === 0 || bytes < MAX_PAGE_BYTES)) {
      const rows = await this.store.readAll(next, Math.min(PAGE_CHUNK, limit - entries.length));
      if (rows.length === 0) break;
      for (const row of rows) {
        if (entries.length > 0 && bytes + row.bytes.length > MAX_PAGE_BYTES) return { size, next, entries };
        entries.push({ seq: row.seq, leaf: toHex(row.leaf), entry: new TextDecoder().decode(row.bytes) });
        bytes += row.bytes.length;
        next = row.seq + 1;
      }
    }
    return { size, next, entries };
  }

  async size(): Promise<number> {
    return this.store.size();
  }

  /** The case's facts judged under each of the packs, side by side (as it stood at `asOf`). */
  async compare(id: string, packs: readonly Pack[], asOfDate?: Date): Promise<Comparison> {
    const all = await this.recorded(caseStream(id));
    if (all.length === 0) throw new LedgerError('not_found', `no case ${id}`, 'id');
    const asOf = (asOfDate ?? this.clock.now()).toISOString();
    const recorded = all.filter((r) => effectiveTime(r) <= asOf);
    const state = recorded.reduce(evolveCase, initialCaseState(id));
    if (!state.provider) throw new LedgerError('not_found', `case ${id} had not opened by ${asOf}`, 'asOf');
    const provider = await this.partyAsOf(state.provider, asOf);
    const notifier = state.notifier ? await this.partyAsOf(state.notifier, asOf) : undefined;
    const comparison = compareRegimes({ caseId: id, recorded, asOf, provider, notifier: notifier?.registered ? notifier : undefined, deploymentSlas: this.deploymentSlas }, packs);
    if (!comparison) throw new LedgerError('not_found', `case ${id} opens with no notice or awareness`, 'id');
    return comparison;
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

