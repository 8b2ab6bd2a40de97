import { describe, expect, it } from 'vitest';
import EventStoreDB from '@eventstore/db-client';
import { AppendConflictError, AppendTooLargeError, StoreUnavailableError } from '../../src/application/ports/ledger-store.js';
import { translateEsdbError } from '../../src/store/esdb/esdb-client.js';
import { encodeMetadata, entryEventId, eventIdFor, expectedRevisionFor, seqOfRevision, toStoredEntry } from '../../src/store/esdb/esdb-mapping.js';
import { fakeEntry } from '../support/entries.js';

describe('mapping ledger entries onto EventStoreDB events', () => {
  it('derives an entry’s event id from its seq and content: other bytes at the same seq, another id', () => {
    const entry = fakeEntry(7, 'case-x', 2);
    const id = entryEventId(7, entry.leaf);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entryEventId(7, Uint8Array.from(entry.leaf))).toBe(id);
    expect(entryEventId(8, entry.leaf)).not.toBe(id);
    expect(entryEventId(7, fakeEntry(7, 'case-y', 2).leaf)).not.toBe(id);
  });

  it('derives one UUID per name, the same every time', () => {
    const id = eventIdFor('0192f6a4-7a1e-7c3e-9a51-3d1c6f0b8e21');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventIdFor('0192f6a4-7a1e-7c3e-9a51-3d1c6f0b8e21')).toBe(id);
    expect(eventIdFor('another act')).not.toBe(id);
  });

  it('expects revision seq - 1, and no stream before seq 0', () => {
    expect(expectedRevisionFor(0)).toBe('no_stream');
    expect(expectedRevisionFor(41)).toBe(40n);
  });

  it('converts bigint revisions to seqs at the edge, refusing what is not a safe integer', () => {
    expect(seqOfRevision(41n)).toBe(41);
    expect(() => seqOfRevision(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => seqOfRevision(-1n)).toThrow(RangeError);
  });

  it('keeps the entry bytes exactly and recomputes the leaf from them', () => {
    const entry = fakeEntry(7, 'case-x', 2);
    const stored = toStoredEntry(7n, entry.bytes, encodeMetadata(entry));
    expect(Buffer.from(stored.bytes)).toEqual(Buffer.from(entry.bytes));
    expect(Buffer.from(stored.leaf)).toEqual(Buffer.from(entry.leaf));
    expect(stored).toMatchObject({ seq: 7, stream: 'case-x', revision: 2, actId: entry.actId, recordedAt: entry.recordedAt });
    const parsed = JSON.parse(new TextDecoder().decode(encodeMetadata(entry)));
    expect(toStoredEntry(7n, entry.bytes, parsed).stream).toBe('case-x'); // the client returns JSON metadata parsed
  });
});

describe('translating client errors', () => {
  it('a wrong expected version is a lost race', () => {
    const error = new EventStoreDB.WrongExpectedVersionError(undefined, { streamName: 'harbor-ledger', expected: 4n, current: 5n } as never);
    expect(translateEsdbError(error)).toBeInstanceOf(AppendConflictError);
  });

  it('an unavailable server, even as a raw gRPC status 14, may be retried', () => {
    expect(translateEsdbError(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }))).toBeInstanceOf(StoreUnavailableError);
    expect(translateEsdbError({ type: 'unavailable', message: 'down' })).toBeInstanceOf(StoreUnavailableError);
    expect(translateEsdbError({ type: 'deadline-exceeded', message: 'slow' })).toBeInstanceOf(StoreUnavailableError);
  });

  it('a follower that is not the leader, a node not ready, a failed discovery, a cancelled call may be retried', () => {
    // As the client builds it from the server's answer: the leader's address in the trailers.
    const trailers = { getMap: () => ({ 'leader-endpoint-host': '10.0.0.2', 'leader-endpoint-port': '2113' }) };
    const notLeader = new EventStoreDB.NotLeaderError({ code: 5, details: 'Leader info available', metadata: trailers } as never);
    expect(notLeader.type).toBe('not-leader');
    expect(translateEsdbError(notLeader)).toBeInstanceOf(StoreUnavailableError);
    expect(translateEsdbError({ type: 'unknown', message: 'Server Is Not Ready' })).toBeInstanceOf(StoreUnavailableError);
    expect(translateEsdbError(new Error('Failed to discover after 10 attempts.'))).toBeInstanceOf(StoreUnavailableError);
    expect(translateEsdbError({ type: 'cancelled', message: 'Cancelled' })).toBeInstanceOf(StoreUnavailableError);
    expect(translateEsdbError(Object.assign(new Error('1 CANCELLED'), { code: 1 }))).toBeInstanceOf(StoreUnavailableError);
  });

  it('an append over the server’s size limit is too large for this store', () => {
    expect(translateEsdbError(EventStoreDB.MaxAppendSizeExceededError.fromMaxAppendSize(1048576))).toBeInstanceOf(AppendTooLargeError);
  });

  it('leaves other errors as they are', () => {
    const other = new Error('boom');
    expect(translateEsdbError(other)).toBe(other);
  });
});
