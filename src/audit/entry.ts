import { equalBytes } from './merkle-hash.js';
import { canonicalize, canonicalizeWith } from './canonical-json.js';

/** An entry as the ledger commits it (DESIGN.md §3.2). `act` is the signed envelope, sig included. */
export interface Entry {
  v: 1;
  seq: number;
  recordedAt: string;
  stream: string;
  revision: number;
  /** Hex leaf hash of the stream's previous entry; null at revision 0. */
  prev: string | null;
  act: Record<string, unknown>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The exact bytes stored, hashed and proved: UTF-8 of the entry's RFC 8785 canonical JSON. */
export function encodeEntry(entry: Entry): Uint8Array {
  return encoder.encode(canonicalize(entry));
}

/**
 * The same bytes as encodeEntry, embedding the act's canonical JSON as given instead of serializing it
 * again. Precondition: canonicalAct is the canonical JSON of the act (as canonicalAct() returns it).
 */
export function encodeEntryWithCanonicalAct(entry: Omit<Entry, 'act'>, canonicalAct: string): Uint8Array {
  return encoder.encode(canonicalizeWith(entry as unknown as Record<string, unknown>, { act: canonicalAct }));
}

/**
 * Reads stored entry bytes. Throws on invalid UTF-8 or JSON. Callers that must prove canonicity
 * check separately that re-encoding gives the same bytes (isCanonicalEntry); they never re-hash.
 */
export function decodeEntry(bytes: Uint8Array): Entry {
  return JSON.parse(decoder.decode(bytes)) as Entry;
}

export function isCanonicalEntry(bytes: Uint8Array): boolean {
  try {
    return equalBytes(encodeEntry(decodeEntry(bytes)), bytes);
  } catch {
    return false;
  }
}
