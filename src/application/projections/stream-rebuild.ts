import type { PartyState, Sanction } from '../../domain/party/state.js';
import type { CaseProjection } from '../../domain/projections/case-projection.js';
import type { RecordedAct } from '../../domain/recorded-act.js';
import type { LedgerStore } from '../ports/ledger-store.js';
import type { ProjectedParty, ProjectionStore } from '../ports/projection-store.js';
import { toRecordedActFast } from '../recorded.js';
import { BoundedMap } from './bounded-map.js';
import { asJudged, JUDGED_SANCTIONS, projectWith, stepParty, unknownParty } from './projection-steps.js';

/** A log that can be read stream after stream. */
export type StreamOrderedLog = LedgerStore & Required<Pick<LedgerStore, 'readStreamsInOrder'>>;

export const readsStreamsInOrder = (log: LedgerStore): log is StreamOrderedLog => typeof log.readStreamsInOrder === 'function';

export interface StreamRebuildOptions {
  version: string;
  deploymentSlas: Record<string, number>;
  /** Entries read per page, and cases or parties per transaction. */
  batchSize: number;
  partyCacheSize: number;
  onProgress?: (entries: number) => void;
  /** Asked between pages: true abandons the rebuild (the store is left without a version, so it starts over). */
  stopped?: () => boolean;
  /**
   * Judges and writes the cases elsewhere (other threads, see parallel-rebuild.ts) once the parties
   * are written; resolves false when stopped. Without it, or when it declines (undefined), here.
   */
  casesElsewhere?: (end: number, progress: (entries: number) => void, stopped: () => boolean) => Promise<boolean> | undefined;
}

/** A run of streams in name order: from `from` (inclusive, else the first) to `to` (exclusive, else the last). */
export interface StreamRange {
  from?: string;
  to?: string;
}

/**
 * Rebuilds every projection from the log stream by stream, up to the log's size when it starts:
 * each party's acts folded in turn, then each case judged once with its parties' final states. That
 * is where the entry-by-entry projector arrives (it judges a case again whenever what a pack reads of
 * one of its parties changes), without judging cases at every batch and every party change, and with
 * the store's indexes built once at the end. Resolves with the position reached, or undefined when stopped.
 */
export async function rebuildByStreams(log: StreamOrderedLog, store: ProjectionStore, options: StreamRebuildOptions): Promise<number | undefined> {
  const end = await log.size();
  store.beginRebuild();
  let done = 0;
  const progress = (entries: number) => options.onProgress?.((done += entries));
  const stopped = options.stopped ?? (() => false);
  if (!(await rebuildParties(log, store, end, options, progress)) || stopped()) return undefined;
  const cases = options.casesElsewhere?.(end, progress, stopped) ?? rebuildCases(log, store, end, options, progress);
  if (!(await cases) || stopped()) return undefined;
  const last = end > 0 ? (await log.readAll(end - 1, 1))[0] : undefined;
  store.finishRebuild(options.version, end, last?.recordedAt);
  return end;
}

async function rebuildParties(log: StreamOrderedLog, store: ProjectionStore, end: number, options: StreamRebuildOptions, progress: (entries: number) => void): Promise<boolean> {
  let parties: ProjectedParty[] = [];
  let sanctions: (Sanction & { provider: string })[] = [];
  const flush = () => {
    store.commit({ position: 0, parties, sanctions, cases: [], fresh: true });
    parties = [];
    sanctions = [];
  };
  const done = await eachStream(log, 'party-', end, options, {}, (stream, acts) => {
    const id = stream.slice('party-'.length);
    let party = unknownParty(id);
    for (const recorded of acts) {
      const step = stepParty(party, recorded);
      party = step.party;
      if (step.sanction) sanctions.push({ ...step.sanction, provider: id });
    }
    parties.push(party);
    progress(acts.length);
    if (parties.length + sanctions.length >= options.batchSize) flush();
  });
  flush();
  return done;
}

/** Every case of the streams in `range` judged once with its parties' final states, and written in batches. */
export async function rebuildCases(log: StreamOrderedLog, store: ProjectionStore, end: number, options: StreamRebuildOptions, progress: (entries: number) => void, range: StreamRange = {}): Promise<boolean> {
  const judged = new BoundedMap<string, PartyState | null>(options.partyCacheSize);
  const judgedParty = (id: string): PartyState | undefined => {
    let state = judged.get(id);
    if (state === undefined) judged.set(id, (state = asJudged(store.party(id), () => store.sanctions(id, JUDGED_SANCTIONS)) ?? null));
    return state ?? undefined;
  };
  let cases: CaseProjection[] = [];
  let entries = 0;
  const flush = () => {
    store.commit({ position: 0, parties: [], sanctions: [], cases, fresh: true });
    progress(entries);
    cases = [];
    entries = 0;
  };
  const done = await eachStream(log, 'case-', end, options, range, (stream, acts) => {
    const projected = projectWith(stream.slice('case-'.length), acts, judgedParty, options.deploymentSlas);
    if (projected) cases.push(projected);
    entries += acts.length;
    if (entries >= options.batchSize) flush();
  });
  flush();
  return done;
}

/**
 * Calls `each` with every stream named `prefix…` in `range` and its acts below `end`, in name order;
 * between pages it lets other work run. Resolves false when stopped before the last stream.
 */
async function eachStream(log: StreamOrderedLog, prefix: string, end: number, options: StreamRebuildOptions, range: StreamRange, each: (stream: string, acts: RecordedAct[]) => void): Promise<boolean> {
  const pageSize = options.batchSize;
  let after: { stream: string; revision: number } | undefined = range.from === undefined ? undefined : { stream: range.from, revision: -1 };
  let current: { stream: string; acts: RecordedAct[] } | undefined;
  for (;;) {
    const page = await log.readStreamsInOrder(prefix, after, end, pageSize);
    const last = page.length > 0 ? page[page.length - 1] : undefined;
    for (const entry of range.to === undefined ? page : page.filter((e) => e.stream < range.to!)) {
      if (current?.stream !== entry.stream) {
        if (current) each(current.stream, current.acts);
        current = { stream: entry.stream, acts: [] };
      }
      current.acts.push(toRecordedActFast(entry));
    }
    if (page.length < pageSize || (range.to !== undefined && last!.stream >= range.to)) break;
    after = { stream: last!.stream, revision: last!.revision };
    await new Promise((resolve) => setImmediate(resolve));
    if (options.stopped?.()) return false;
  }
  if (current) each(current.stream, current.acts);
  return true;
}
