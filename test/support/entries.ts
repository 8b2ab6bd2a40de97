import { createHash } from 'node:crypto';
import type { NewEntry } from '../../src/application/ports/ledger-store.js';

/** A syntactically plausible entry for store tests: stores never interpret the bytes. */
export function fakeEntry(seq: number, stream: string, revision: number, actId = `act-${seq}-${stream}`): NewEntry {
  const bytes = new TextEncoder().encode(JSON.stringify({ seq, stream, revision, actId }));
  return {
    seq,
    stream,
    revision,
    actId,
    recordedAt: new Date(Date.UTC(2026, 10, 27, 18, 0, 0, seq)).toISOString(),
    bytes,
    leaf: new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest()),
    disclosures: [],
  };
}
