import { AppendConflictError, AppendTooLargeError, StoreUnavailableError } from '../../src/application/ports/ledger-store.js';
import type { EsdbClientPort, EsdbEventData, EsdbRecordedEvent, ExpectedRevision } from '../../src/store/esdb/esdb-client.js';

/** Faults a real server produces, injected into the next append (and, for some, the reads after it). */
export type AppendFault =
  /** The call times out; the events are committed a moment later (after `commitAfter` further calls to the server). */
  | { kind: 'timeout-commits-later'; commitAfter: number }
  /** The events are committed, then the answer is lost (and the next `failReads` reads fail too: the process cannot find out). */
  | { kind: 'unavailable-after-commit'; failReads?: number }
  /** Nothing is committed and the call fails as a node that is not the leader, or not ready, answers. */
  | { kind: 'not-leader' | 'not-ready' | 'unavailable' };

/**
 * An in-memory stand-in for an EventStoreDB server with the semantics the adapter relies on:
 * per-stream revisions from 0, optimistic concurrency on the expected revision, idempotent retries of
 * the same event ids at the same position (by id alone, as the server does), reads forwards and
 * backwards, soft deletion, a maximum append size; and faults injected on demand. Several adapters
 * can share one server (two connections writing at once).
 */
export class FakeEsdbServer {
  readonly streams = new Map<string, { events: EsdbRecordedEvent[]; deletedBefore: number }>();
  readonly faults: AppendFault[] = [];
  maxAppendSize = 1024 * 1024;
  /** Appends that will commit later, after so many more calls. */
  private readonly delayed: { after: number; commit: () => void }[] = [];
  /** Reads that failed with Unavailable before answering: the next `failReads` reads fail. */
  failReads = 0;

  connect(): EsdbClientPort {
    return new FakeEsdbClient(this);
  }

  /** Every call to the server lets delayed commits that are due happen first. */
  tick(): void {
    for (const pending of [...this.delayed]) {
      if (--pending.after <= 0) {
        this.delayed.splice(this.delayed.indexOf(pending), 1);
        pending.commit();
      }
    }
  }

  later(after: number, commit: () => void): void {
    this.delayed.push({ after, commit });
  }

  /** Writes an event on a stream directly, as another program could (a foreign event, say). */
  put(stream: string, type: string, data: Uint8Array): void {
    const s = this.stream(stream);
    s.events.push({ id: `foreign-${s.events.length}`, type, revision: BigInt(s.events.length), data, metadata: new Uint8Array() });
  }

  stream(name: string): { events: EsdbRecordedEvent[]; deletedBefore: number } {
    let s = this.streams.get(name);
    if (!s) this.streams.set(name, (s = { events: [], deletedBefore: 0 }));
    return s;
  }
}

class FakeEsdbClient implements EsdbClientPort {
  constructor(private readonly server: FakeEsdbServer) {}

  async append(stream: string, events: EsdbEventData[], expected: ExpectedRevision): Promise<bigint> {
    await Promise.resolve(); // a network hop: other callers may interleave
    this.server.tick();
    const fault = this.server.faults.shift();
    if (fault?.kind === 'not-leader') throw new StoreUnavailableError('EventStoreDB cannot serve this now (not-leader): Not leader. New leader at 10.0.0.2:2113');
    if (fault?.kind === 'not-ready') throw new StoreUnavailableError('EventStoreDB cannot serve this now (unknown): Server Is Not Ready');
    if (fault?.kind === 'unavailable') throw new StoreUnavailableError('EventStoreDB cannot serve this now (unavailable): connection refused');
    const size = events.reduce((n, e) => n + e.data.length + e.metadata.length, 0);
    if (size > this.server.maxAppendSize) throw new AppendTooLargeError(`EventStoreDB takes at most ${this.server.maxAppendSize} bytes in one append`);
    if (fault?.kind === 'timeout-commits-later') {
      this.server.later(fault.commitAfter, () => {
        try {
          this.commit(stream, events, expected);
        } catch {
          // the late commit lost its race: nothing is written, as on the server
        }
      });
      throw new StoreUnavailableError('EventStoreDB cannot serve this now (deadline-exceeded): Deadline exceeded');
    }
    const revision = this.commit(stream, events, expected);
    if (fault?.kind === 'unavailable-after-commit') this.server.failReads += fault.failReads ?? 0;
    if (fault?.kind === 'unavailable-after-commit') throw new StoreUnavailableError('EventStoreDB cannot serve this now (unavailable): the connection dropped');
    return revision;
  }

  private commit(stream: string, events: EsdbEventData[], expected: ExpectedRevision): bigint {
    const s = this.server.stream(stream);
    const last = s.events.length - 1;
    const visible = s.events.length > s.deletedBefore;
    if (expected !== 'any') {
      const ok = expected === 'no_stream' ? !visible : BigInt(last) === expected;
      if (!ok) {
        const at = expected === 'no_stream' ? 0 : Number(expected) + 1;
        // The server compares event ids only, never the bytes.
        const same = events.every((e, i) => s.events[at + i]?.id === e.id);
        if (same) return BigInt(at + events.length - 1); // an idempotent retry of a write that already happened
        throw new AppendConflictError(`wrong expected version: expected ${String(expected)}, stream at ${last}`);
      }
    }
    for (const e of events) s.events.push({ id: e.id, type: e.type, revision: BigInt(s.events.length), data: Uint8Array.from(e.data), metadata: Uint8Array.from(e.metadata) });
    return BigInt(s.events.length - 1);
  }

  async read(stream: string, from: bigint | 'start' | 'end', maxCount: number, direction: 'forwards' | 'backwards'): Promise<EsdbRecordedEvent[]> {
    await Promise.resolve();
    this.server.tick();
    if (this.server.failReads > 0) {
      this.server.failReads--;
      throw new StoreUnavailableError('EventStoreDB cannot serve this now (unavailable): the connection dropped mid-read');
    }
    const s = this.server.streams.get(stream);
    if (!s) return [];
    const events = s.events.slice(s.deletedBefore);
    if (direction === 'forwards') {
      const start = from === 'start' ? 0 : from === 'end' ? s.events.length : Number(from);
      return events.filter((e) => Number(e.revision) >= start).slice(0, maxCount);
    }
    const start = from === 'end' ? s.events.length - 1 : from === 'start' ? 0 : Number(from);
    return events.filter((e) => Number(e.revision) <= start).reverse().slice(0, maxCount);
  }

  async delete(stream: string): Promise<void> {
    const s = this.server.streams.get(stream);
    if (s) s.deletedBefore = s.events.length;
  }

  async dispose(): Promise<void> {}
}
