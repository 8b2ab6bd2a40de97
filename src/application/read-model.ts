
import type { ActData } from '../domain/acts/envelope.js';
import { partyAsOf, type PartyState } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { LedgerStore } from './ports/ledger-store.js';
import { toRecordedActFast } from './recorded.js';

export interface CaseRecord {
  id: string;
  provider: string;
  notifier: string;
  /** Users named by the notice or a forward. */
  users: Set<string>;
  recorded: RecordedAct[];
}

/**
 * The cross-case read model: every case and party stream, and who is provider, notifier and user of
 * which case. Built by a catch-up reader over the log in seq order (never from the event bus) and
 * brought up to the store's end before every query, so it always answers for what is committed.
 */
export class ReadModel {
  private position = 0;
  private readonly cases = new Map<string, CaseRecord>();
  private readonly parties = new Map<string, RecordedAct[]>();
  private readonly byProvider = new Map<string, Set<string>>();
  private readonly byNotifier = new Map<string, Set<string>>();
  private readonly byUser = new Map<string, Set<string>>();
  private catchingUp: Promise<void> | undefined;

  constructor(
    private readonly store: LedgerStore,
    private readonly pageSize = 10_000,
  ) {}

  get size(): number {
    return this.position;
  }

  /** Reads and applies every entry committed since the last call; one catch-up at a time. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readForward().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async readForward(): Promise<void> {
    for (;;) {
      const rows = await this.store.readAll(this.position, this.pageSize);
      for (const row of rows) this.apply(toRecordedActFast(row), row.stream);
      if (rows.length < this.pageSize) return;
    }
  }

  /** Applies one recorded act; acts must come in seq order. */
  apply(recorded: RecordedAct, stream: string): void {
    if (recorded.seq !== this.position) throw new Error(`read model expected seq ${this.position}, got ${recorded.seq}`);
    this.position++;
    const act = recorded.act;
    const slim = recorded;
    if (!stream.startsWith('case-')) {
      const id = stream.slice('party-'.length);
      const acts = this.parties.get(id) ?? [];
      acts.push(slim);
      this.parties.set(id, acts);
      return;
    }
    const caseId = stream.slice('case-'.length);
    let record = this.cases.get(caseId);
    if (!record) {
      const data = act.data as ActData<'notice.received'>;
      record = { id: caseId, provider: data.provider, notifier: data.notifier ?? act.actor, users: new Set(), recorded: [] };
      this.cases.set(caseId, record);
      index(this.byProvider, record.provider, caseId);
      index(this.byNotifier, record.notifier, caseId);
    }
    record.recorded.push(slim);
    const user = (act.data as { user?: string }).user;
    if (user && (act.type === 'notice.submitted' || act.type === 'notice.received' || act.type === 'notice.forwarded')) {
      record.users.add(user);
      index(this.byUser, user, caseId);
    }
  }

  case(id: string): CaseRecord | undefined {
    return this.cases.get(id);
  }

  casesOfProvider(provider: string): CaseRecord[] {
    return this.records(this.byProvider.get(provider));
  }

  casesOfNotifier(notifier: string): CaseRecord[] {
    return this.records(this.byNotifier.get(notifier));
  }

  casesOfUser(user: string): CaseRecord[] {
    return this.records(this.byUser.get(user));
  }

  /** How many acts a party has and when it last acted: a version for caches of what depends on it. */
  partyVersion(id: string): { revisions: number; lastRecordedAt: string } {
    const acts = this.parties.get(id);
    return { revisions: acts?.length ?? 0, lastRecordedAt: acts?.at(-1)?.recordedAt ?? '' };
  }

  /** A party's state from its acts recorded up to `asOf`. */
  partyAsOf(id: string, asOf: string): PartyState {
    return partyAsOf(id, this.parties.get(id) ?? [], asOf);
  }

  private records(ids: Set<string> | undefined): CaseRecord[] {
    return [...(ids ?? [])].map((id) => this.cases.get(id) as CaseRecord);
  }
}

function index(map: Map<string, Set<string>>, key: string, caseId: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(caseId);
}

