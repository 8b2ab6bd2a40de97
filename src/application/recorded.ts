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
