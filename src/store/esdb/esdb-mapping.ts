import { createHash } from 'node:crypto';
import type { NewEntry, StoredEntry } from '../../application/ports/ledger-store.js';
import { hashLeaf } from '../../audit/merkle-hash.js';

/**
 * How ledger entries map onto EventStoreDB events (DESIGN.md §8): one ordered stream whose revision
 * is the seq, the entry's exact bytes as binary event data, its stream fields as JSON metadata, and
 * an event id derived from its seq and content so that a retried append is idempotent only for the
 * same bytes. Pure: no client here.
 */
export const ENTRY_EVENT_TYPE = 'harbor.entry';
export const CHECKPOINT_EVENT_TYPE = 'harbor.checkpoint';
export const DISCLOSURES_EVENT_TYPE = 'harbor.disclosures';

export interface EsdbStreamNames {
  ledger: string;
  checkpoints: string;
  /** Prefix of the per-act streams holding sealed disclosures. */
  disclosures: string;
  /** Claims of the log by a writer process (see WriterLease). */
  writer?: string;
}

export const DEFAULT_STREAMS: EsdbStreamNames = { ledger: 'harbor-ledger', checkpoints: 'harbor-checkpoints', disclosures: 'harbor-disclosures-', writer: 'harbor-writer' };

export interface EntryMetadata {
  stream: string;
  revision: number;
  actId: string;
  recordedAt: string;
}

/**
 * A UUID (version 8, RFC 9562) derived from an entry's position and content (its seq and leaf hash):
 * the server answers a retried append "already committed" by event id alone, so an id must never be
 * shared by two different contents, as an act id is when a re-decided act gets another recordedAt.
 */
export function entryEventId(seq: number, leaf: Uint8Array): string {
  return eventIdFor(`entry/${seq}/${Buffer.from(leaf).toString('hex')}`);
}

/** A UUID (version 8, RFC 9562) derived from a name: the same name always gets the same event id. */
export function eventIdFor(name: string): string {
  const hex = createHash('sha256').update(`harbor-ledger/event-id\n${name}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The expected revision of the ledger stream before appending the entry with this seq. */
export function expectedRevisionFor(seq: number): bigint | 'no_stream' {
  return seq === 0 ? 'no_stream' : BigInt(seq - 1);
}

/** EventStoreDB revisions are bigints; seqs are safe integers. */
export function seqOfRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`revision ${revision} is not a ledger seq`);
  return Number(revision);
}

export function encodeMetadata(entry: NewEntry): Uint8Array {
  const metadata: EntryMetadata = { stream: entry.stream, revision: entry.revision, actId: entry.actId, recordedAt: entry.recordedAt };
  return new TextEncoder().encode(JSON.stringify(metadata));
}

/** An entry as read back: bytes exactly as appended, leaf recomputed from them (it is never trusted from the wire). */
export function toStoredEntry(revision: bigint, data: Uint8Array, metadata: Uint8Array | unknown): StoredEntry {
  // The client hands back JSON metadata already parsed; a test double may hand back the bytes.
  const meta = (metadata instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(metadata)) : metadata) as EntryMetadata;
  return { seq: seqOfRevision(revision), stream: meta.stream, revision: meta.revision, actId: meta.actId, recordedAt: meta.recordedAt, bytes: data, leaf: hashLeaf(data) };
}
