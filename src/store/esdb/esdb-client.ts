import EventStoreDB from '@eventstore/db-client';
import { AppendConflictError, AppendTooLargeError, StoreUnavailableError } from '../../application/ports/ledger-store.js';

/** The few calls the adapter makes, so that it can run on the real client or on a test double. */
export interface EsdbEventData {
  id: string;
  type: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export interface EsdbRecordedEvent {
  id: string;
  type: string;
  revision: bigint;
  data: Uint8Array;
  /** Bytes, or the JSON the client already parsed from them. */
  metadata: Uint8Array | unknown;
}

export type ExpectedRevision = bigint | 'no_stream' | 'any';

export interface EsdbClientPort {
  /**
   * Appends atomically; resolves with the stream's revision after it (its last event's). Throws
   * AppendConflictError when the stream is not at `expected`, StoreUnavailableError when the outcome
   * is unknown (it may have been committed, or may still be), AppendTooLargeError over the server's limit.
   */
  append(stream: string, events: EsdbEventData[], expected: ExpectedRevision): Promise<bigint>;
  /** Up to `maxCount` events from `from` in the given direction; [] for a stream that does not exist or was deleted. */
  read(stream: string, from: bigint | 'start' | 'end', maxCount: number, direction: 'forwards' | 'backwards'): Promise<EsdbRecordedEvent[]>;
  delete(stream: string): Promise<void>;
  dispose(): Promise<void>;
}

const { EventStoreDBClient, binaryEvent, StreamNotFoundError, WrongExpectedVersionError, MaxAppendSizeExceededError } = EventStoreDB;

/** Errors after which the call may be tried again, on the leader or later: the outcome of a write is unknown. */
const TRANSIENT = new Set(['unavailable', 'not-leader', 'deadline-exceeded', 'timeout', 'cancelled']);
/** gRPC statuses of the same kind: CANCELLED 1, UNKNOWN 2 (a dropped stream), DEADLINE_EXCEEDED 4, UNAVAILABLE 14. */
const TRANSIENT_STATUS = new Set([1, 4, 14]);

/**
 * Translates the client's errors into the store port's: a wrong expected version is a lost race; an
 * unreachable server, a follower that is not the leader, a node not ready, a discovery that failed,
 * a deadline or a cancelled call may all be retried (503); an append over the server's size limit is
 * too large for this store.
 */
export function translateEsdbError(error: unknown): unknown {
  const e = error as { type?: string; code?: number; message?: string; maxAppendSize?: number };
  const message = e?.message ?? '';
  if (error instanceof WrongExpectedVersionError || e?.type === 'wrong-expected-version') return new AppendConflictError(`EventStoreDB: ${message || 'wrong expected version'}`);
  if (error instanceof MaxAppendSizeExceededError || e?.type === 'maximum-append-size-exceeded') return new AppendTooLargeError(`EventStoreDB takes at most ${e.maxAppendSize ?? 'its maximum'} bytes in one append`);
  if ((e?.type && TRANSIENT.has(e.type)) || (e?.code !== undefined && TRANSIENT_STATUS.has(e.code)) || /server is not ready|failed to discover/i.test(message)) {
    return new StoreUnavailableError(`EventStoreDB cannot serve this now (${e?.type ?? e?.code ?? 'error'}): ${message}`);
  }
  return error;
}

export function isStreamNotFound(error: unknown): boolean {
  const type = (error as { type?: string })?.type;
  return error instanceof StreamNotFoundError || type === 'stream-not-found' || type === 'stream-deleted';
}

/**
 * The real client: every call goes to the leader (a follower may serve a stale read, and only the
 * leader writes) and carries a deadline; reads, whose deadline the client does not enforce, are
 * cancelled here when it passes. Bigints stay at this edge.
 */
export class EventStoreDbClientAdapter implements EsdbClientPort {
  private readonly client;

  constructor(
    connectionString: string,
    private readonly deadlineMs = 10_000,
  ) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(stream: string, events: EsdbEventData[], expected: ExpectedRevision): Promise<bigint> {
    try {
      const result = await this.client.appendToStream(
        stream,
        events.map((e) => binaryEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: expected, deadline: this.deadlineMs, requiresLeader: true },
      );
      return result.nextExpectedRevision;
    } catch (error) {
      throw translateEsdbError(error);
    }
  }

  async read(stream: string, from: bigint | 'start' | 'end', maxCount: number, direction: 'forwards' | 'backwards'): Promise<EsdbRecordedEvent[]> {
    const out: EsdbRecordedEvent[] = [];
    const reading = this.client.readStream(stream, { fromRevision: from, maxCount, direction, deadline: this.deadlineMs, requiresLeader: true });
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      void reading.cancel().catch(() => undefined);
    }, this.deadlineMs);
    try {
      for await (const resolved of reading) {
        const event = resolved.event;
        if (!event) continue;
        out.push({ id: event.id, type: event.type, revision: event.revision, data: event.data as Uint8Array, metadata: event.metadata });
      }
    } catch (error) {
      if (expired) throw new StoreUnavailableError(`EventStoreDB read of ${stream} passed its deadline of ${this.deadlineMs} ms`);
      if (isStreamNotFound(error)) return [];
      throw translateEsdbError(error);
    } finally {
      clearTimeout(timer);
    }
    if (expired) throw new StoreUnavailableError(`EventStoreDB read of ${stream} passed its deadline of ${this.deadlineMs} ms`);
    return out;
  }

  async delete(stream: string): Promise<void> {
    try {
      await this.client.deleteStream(stream, { deadline: this.deadlineMs, requiresLeader: true });
    } catch (error) {
      if (!isStreamNotFound(error)) throw translateEsdbError(error);
    }
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
