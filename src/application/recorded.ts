import { decodeEntry } from '../audit/entry.js';
import { toHex } from '../audit/encoding.js';
import type { Act } from '../domain/acts/envelope.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { StoredEntry } from './ports/ledger-store.js';

/** Reads a stored entry as the domain sees it. */
export function toRecordedAct(entry: StoredEntry): RecordedAct {
  const decoded = decodeEntry(entry.bytes);
  return { act: decoded.act as unknown as Act, seq: entry.seq, revision: entry.revision, recordedAt: entry.recordedAt, leaf: toHex(entry.leaf) };
}

/**
 * The same for bulk reading by the projector: the store's bytes were checked when written (the
 * audit checks them again), so they are decoded without UTF-8 validation and the leaf is left out.
 */
export function toRecordedActFast(entry: StoredEntry): RecordedAct {
  const bytes = entry.bytes;
  const text = Buffer.isBuffer(bytes) ? bytes.toString('utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const act = (JSON.parse(text) as { act: Act }).act;
  return { act, seq: entry.seq, revision: entry.revision, recordedAt: entry.recordedAt, leaf: '' };
}
