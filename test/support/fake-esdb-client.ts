import { AppendConflictError } from '../../src/application/ports/ledger-store.js';
import type { EsdbClientPort, EsdbEventData, EsdbRecordedEvent, ExpectedRevision } from '../../src/store/esdb/esdb-client.js';

/**
 * An in-memory stand-in for an EventStoreDB server with the semantics the adapter relies on:
 * per-stream revisions from 0, optimistic concurrency on the expected revision, idempotent retries of
 * the same event ids at the same position, reads forwards and backwards, soft deletion. Several
 * adapters can share one server (two connections writing at once).
 */
export class FakeEsdbServer {
  readonly streams = new Map<string, { events: EsdbRecordedEvent[]; deletedBefore: number }>();

  connect(): EsdbClientPort {
    return new FakeEsdbClient(this);
  }
}

class FakeEsdbClient implements EsdbClientPort {
  constructor(private readonly server: FakeEsdbServer) {}

  async append(stream: string, events: EsdbEventData[], expected: ExpectedRevision): Promise<void> {
    await Promise.resolve(); // a network hop: other callers may interleave
    const s = this.server.streams.get(stream) ?? { events: [], deletedBefore: 0 };
    const last = s.events.length - 1;
    const visible = s.events.length > s.deletedBefore;
    if (expected !== 'any') {
      const ok = expected === 'no_stream' ? !visible : BigInt(last) === expected;
      if (!ok) {
        const at = expected === 'no_stream' ? 0 : Number(expected) + 1;
        const same = events.every((e, i) => s.events[at + i]?.id === e.id);
        if (same) return; // idempotent retry of a write that already happened
        throw new AppendConflictError(`wrong expected version: expected ${String(expected)}, stream at ${last}`);
      }
    }
    for (const e of events) s.events.push({ id: e.id, type: e.type, revision: BigInt(s.events.length), data: Uint8Array.from(e.data), metadata: Uint8Array.from(e.metadata) });
    this.server.streams.set(stream, s);
  }

  async read(stream: string, from: bigint | 'start' | 'end', maxCount: number, direction: 'forwards' | 'backwards'): Promise<EsdbRecordedEvent[]> {
    await Promise.resolve();
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
