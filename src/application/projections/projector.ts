import { availableParallelism } from 'node:os';
import type { PartyState, Sanction } from '../../domain/party/state.js';
import type { CaseProjection } from '../../domain/projections/case-projection.js';
import type { RecordedAct } from '../../domain/recorded-act.js';
import type { LedgerStore, StoredEntry } from '../ports/ledger-store.js';
import type { ProjectedParty, ProjectionStore } from '../ports/projection-store.js';
import { toRecordedActFast } from '../recorded.js';
import { BoundedMap } from './bounded-map.js';
import { asJudged, JUDGED_SANCTIONS, projectWith, stepParty, unknownParty } from './projection-steps.js';
import { projectionVersion } from './projection-version.js';
import { casesOnWorkers } from './parallel-rebuild.js';
import { readsStreamsInOrder, rebuildByStreams } from './stream-rebuild.js';

export interface ProjectorOptions {
  /** Entries read and applied per transaction when far behind (a rebuild). */
  batchSize?: number;
  /** Entries per transaction when following the log: small, so that the writer's thread is never held long. */
  liveBatchSize?: number;
  /** Cases whose acts stay in memory between batches (a miss reads the case's stream). */
  caseCacheSize?: number;
  partyCacheSize?: number;
  /** Cases re-judged per transaction when a party's change reaches all its cases. */
  rejudgeChunk?: number;
  deploymentSlas?: Record<string, number>;
  version?: string;
  /** From position 0, rebuild stream by stream when the log can be read so (default): far cheaper than entry by entry. */
  byStreams?: boolean;
  /** Threads judging cases in a rebuild of SQLite files (default: the machine's cores, at most 4; 1: this thread). */
  rebuildWorkers?: number;
  /** Logs shorter than this many entries are rebuilt on this thread (default 50,000). */
  parallelFrom?: number;
}

/** What a batch changes before it is written. */
interface BatchState {
  parties: Map<string, ProjectedParty>;
  sanctions: (Sanction & { provider: string })[];
  /** New acts of each case in this batch. */
  caseActs: Map<string, RecordedAct[]>;
  /** Cases to re-judge because what a pack reads of one of their parties changed. */
  rejudge: { party: string; role: 'provider' | 'notifier'; from?: string; notifier?: string }[];
  /** Parties as packs read them, once the batch's party acts are applied. */
  judged: Map<string, PartyState>;
}

/**
 * Follows the log from the projection store's position and keeps the read side's projections: each
 * batch of entries is applied in one transaction with the new position, so a restart resumes where
 * it stopped. Cases are judged with the latest states of their parties; when an act changes what a
 * pack reads of a party, every case of that party is judged again.
 */
export class Projector {
  private readonly options: Required<Omit<ProjectorOptions, 'version'>> & { version: string };
  private readonly cases: BoundedMap<string, RecordedAct[]>;
  private readonly parties: BoundedMap<string, ProjectedParty>;
  private running: Promise<number> | undefined;
  private stopping = false;

  constructor(
    private readonly log: LedgerStore,
    private readonly store: ProjectionStore,
    options: ProjectorOptions = {},
  ) {
    this.options = {
      ...{ batchSize: 5000, liveBatchSize: 200, caseCacheSize: 5000, partyCacheSize: 5000, rejudgeChunk: 1000, deploymentSlas: {}, byStreams: true },
      ...{ rebuildWorkers: Math.min(4, availableParallelism()), parallelFrom: 50_000, version: projectionVersion(), ...options },
    };
    this.cases = new BoundedMap(this.options.caseCacheSize);
    this.parties = new BoundedMap(this.options.partyCacheSize);
  }

  /** True when the store was written by another projector version (or never): it must be rebuilt. */
  get outdated(): boolean {
    return this.store.version() !== this.options.version;
  }

  /** Forgets every projection; the next catch-up rebuilds them from the first entry. */
  reset(): void {
    this.cases.clear();
    this.parties.clear();
    this.store.reset(this.options.version);
  }

  /** Applies every entry committed since the store's position; one catch-up at a time. Resolves with the new position. */
  catchUp(onProgress?: (position: number) => void): Promise<number> {
    if (this.stopping) return Promise.resolve(this.store.position());
    this.running ??= this.run(onProgress).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Stops following the log once the batch in progress is written (a rebuild in progress is left
   * to start over): a restart resumes from the stored position. No catch-up runs after this.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private async run(onProgress?: (position: number) => void): Promise<number> {
    if (this.outdated) this.reset();
    if (this.store.position() === 0 && this.options.byStreams && readsStreamsInOrder(this.log)) {
      const { rebuildWorkers: workers, parallelFrom: from } = this.options;
      const casesElsewhere = casesOnWorkers(this.log, this.store, { ...this.options, workers, from });
      const finished = await rebuildByStreams(this.log, this.store, { ...this.options, onProgress, stopped: () => this.stopping, casesElsewhere });
      if (finished === undefined) return 0;
    }
    let size = Math.min(this.options.liveBatchSize, this.options.batchSize);
    for (;;) {
      const from = this.store.position();
      const rows = await this.log.readAll(from, size);
      if (rows.length === 0) return from;
      await this.apply(from, rows);
      onProgress?.(from + rows.length);
      if (rows.length < size || this.stopping) return from + rows.length;
      size = this.options.batchSize; // far behind: larger transactions
      await new Promise((resolve) => setImmediate(resolve)); // let the writer's work in between batches
    }
  }

  private async apply(from: number, rows: StoredEntry[]): Promise<void> {
    const batch: BatchState = { parties: new Map(), sanctions: [], caseActs: new Map(), rejudge: [], judged: new Map() };
    for (const [i, row] of rows.entries()) {
      if (row.seq !== from + i) throw new Error(`projector expected seq ${from + i}, got ${row.seq}`);
      const recorded = toRecordedActFast(row);
      if (row.stream.startsWith('party-')) this.applyParty(batch, row.stream.slice('party-'.length), recorded);
      else {
        const id = row.stream.slice('case-'.length);
        const acts = batch.caseActs.get(id);
        if (acts) acts.push(recorded);
        else batch.caseActs.set(id, [recorded]);
      }
    }
    const position = from + rows.length;
    const touched = new Set(batch.caseActs.keys());
    const projections: CaseProjection[] = [];
    for (const id of touched) {
      const projected = this.project(batch, id, await this.touchedCase(id, batch.caseActs.get(id)!, from));
      if (projected) projections.push(projected);
    }
    const rejudged = await this.rejudgeParties(batch, touched, position, from);
    this.store.commit({ position, lastAt: rows[rows.length - 1].recordedAt, parties: [...batch.parties.values()], sanctions: batch.sanctions, cases: projections, providers: [...rejudged] });
    for (const party of batch.parties.values()) this.parties.set(party.state.id, party);
  }

  /** Cases of parties whose judged state changed, in chunks of their own transactions (position unchanged: a crash re-applies the batch). */
  private async rejudgeParties(batch: BatchState, touched: Set<string>, position: number, from: number): Promise<Set<string>> {
    const providers = new Set<string>();
    let chunk: CaseProjection[] = [];
    for (const { party, role, from: openedFrom, notifier } of batch.rejudge) {
      for (const id of this.store.caseIdsOf(party, role, openedFrom, notifier)) {
        if (touched.has(id)) continue;
        touched.add(id);
        const recorded = await this.caseActs(id, position);
        const projected = this.project(batch, id, recorded);
        if (projected) chunk.push(projected);
        if (projected) providers.add(projected.provider);
        if (chunk.length >= this.options.rejudgeChunk) {
          this.store.commit({ position: from, parties: [], sanctions: [], cases: chunk });
          chunk = [];
        }
      }
    }
    if (chunk.length) this.store.commit({ position: from, parties: [], sanctions: [], cases: chunk });
    return providers;
  }

  private applyParty(batch: BatchState, id: string, recorded: RecordedAct): void {
    const { party, sanction, changed } = stepParty(batch.parties.get(id) ?? this.party(id) ?? unknownParty(id), recorded);
    if (sanction) {
      batch.sanctions.push({ ...sanction, provider: id });
      if (sanction.type === 'notifier.suspended') batch.rejudge.push({ party: id, role: 'provider', from: recorded.recordedAt, notifier: sanction.target });
    }
    if (changed) batch.rejudge.push({ party: id, role: 'provider' }, { party: id, role: 'notifier' });
    batch.parties.set(id, party);
  }

  private party(id: string): ProjectedParty | undefined {
    const cached = this.parties.get(id);
    if (cached) return cached;
    const stored = this.store.party(id);
    if (stored) this.parties.set(id, stored);
    return stored;
  }

  /** A party as a rule pack reads it: its state with the sanctions packs consult, this batch's included (read once per batch). */
  private judgedParty(batch: BatchState, id: string): PartyState | undefined {
    let judged = batch.judged.get(id);
    if (!judged) {
      const inBatch = batch.sanctions.filter((s) => s.provider === id && JUDGED_SANCTIONS.includes(s.type));
      judged = asJudged(batch.parties.get(id) ?? this.party(id), () => [...this.store.sanctions(id, JUDGED_SANCTIONS), ...inBatch]);
      if (judged) batch.judged.set(id, judged);
    }
    return judged;
  }

  private project(batch: BatchState, caseId: string, recorded: readonly RecordedAct[]): CaseProjection | undefined {
    return projectWith(caseId, recorded, (id) => this.judgedParty(batch, id), this.options.deploymentSlas);
  }

  /** A case's acts before this batch (from memory, else its stream) followed by this batch's. */
  private async touchedCase(id: string, added: RecordedAct[], batchStart: number): Promise<RecordedAct[]> {
    // A case opened in this batch has nothing before it: no read.
    const before = added[0].revision === 0 ? [] : (this.cases.get(id) ?? (await this.readCase(id, batchStart)));
    const all = before.concat(added);
    this.cases.set(id, all);
    return all;
  }

  private async caseActs(id: string, upTo: number): Promise<RecordedAct[]> {
    return this.cases.get(id) ?? (await this.readCase(id, upTo));
  }

  private async readCase(id: string, upTo: number): Promise<RecordedAct[]> {
    const rows = await this.log.readStream(`case-${id}`);
    return rows.filter((row) => row.seq < upTo).map(toRecordedActFast);
  }
}

