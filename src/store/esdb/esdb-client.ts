import EventStoreDB from '@eventstore/db-client';
import { AppendConflictError, StoreUnavailableError } from '../../application/ports/ledger-store.js';

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
  /** Appends atomically; throws AppendConflictError when the stream is not at `expected`. */
  append(stream: string, events: EsdbEventData[], expected: ExpectedRevision): Promise<void>;
  /** Up to `maxCount` events from `from` in the given direction; [] for a stream that does not exist. */
  read(stream: string, from: bigint | 'start' | 'end', maxCount: number, direction: 'forwards' | 'backwards'): Promise<EsdbRecordedEvent[]>;
  delete(stream: string): Promise<void>;
  dispose(): Promise<void>;
}

const { EventStoreDBClient, binaryEvent, StreamNotFoundError, WrongExpectedVersionError, UnavailableError } = EventStoreDB;

/**
 * Translates the client's errors into the store port's: a wrong expected version is a lost race,
 * an unavailable server (typed, or a raw gRPC status 14) or a passed deadline may be retried.
 */
export function translateEsdbError(error: unknown): unknown {
  const e = error as { type?: string; code?: number; message?: string };
  if (error instanceof WrongExpectedVersionError || e?.type === 'wrong-expected-version') return new AppendConflictError(`EventStoreDB: ${e.message ?? 'wrong expected version'}`);
  if (error instanceof UnavailableError || e?.type === 'unavailable' || e?.code === 14) return new StoreUnavailableError(`EventStoreDB unavailable: ${e?.message ?? 'no connection'}`);
  if (e?.type === 'deadline-exceeded' || e?.code === 4) return new StoreUnavailableError(`EventStoreDB deadline exceeded: ${e?.message ?? ''}`);
  return error;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || (error as { type?: string })?.type === 'stream-not-found';
}

/** The real client: every call carries a deadline; bigints stay at this edge. */
export class EventStoreDbClientAdapter implements EsdbClientPort {
  private readonly client;

  constructor(
    connectionString: string,
    private readonly deadlineMs = 10_000,
  ) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(stream: string, events: EsdbEventData[], expected: ExpectedRevision): Promise<void> {
    try {
      await this.client.appendToStream(stream, events.map((e) => binaryEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })), { expectedRevision: expected, deadline: this.deadlineMs });
    } catch (error) {
      throw translateEsdbError(error);
    }
  }

  async read(stream: string, from: bigint | 'start' | 'end', maxCount: number, direction: 'forwards' | 'backwards'): Promise<EsdbRecordedEvent[]> {
    const out: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: from, maxCount, direction, deadline: this.deadlineMs })) {
        const event = resolved.event;
        if (!event) continue;
        out.push({ id: event.id, type: event.type, revision: event.revision, data: event.data as Uint8Array, metadata: event.metadata });
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateEsdbError(error);
    }
    return out;
  }

  async delete(stream: string): Promise<void> {
    try {
      await this.client.deleteStream(stream, { deadline: this.deadlineMs });
    } catch (error) {
      if (!isStreamNotFound(error)) throw translateEsdbError(error);
    }
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
