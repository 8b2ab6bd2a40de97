import type { CaseState } from '../domain/case/state.js';
import type { PartyState } from '../domain/party/state.js';

export type StreamState = { kind: 'party'; state: PartyState } | { kind: 'case'; state: CaseState };

export interface CachedStream {
  stream: string;
  /** Revision of the last entry, -1 for a stream with no entries. */
  revision: number;
  /** Hex leaf of the last entry: the next entry's `prev`. */
  lastLeaf: string | null;
  current: StreamState;
}

/**
 * A bounded cache of folded stream states, owned by the single writer. Eviction follows the order of
 * last write (a write moves a stream to the back), not of reads: reads stay a plain Map lookup on the
 * hot path, and busy streams are the ones being written.
 */
export class StreamCache {
  private readonly map = new Map<string, CachedStream>();

  constructor(private readonly capacity: number) {}

  get(stream: string): CachedStream | undefined {
    return this.map.get(stream);
  }

  set(value: CachedStream): void {
    this.map.delete(value.stream);
    this.map.set(value.stream, value);
    if (this.map.size > this.capacity) {
      // Evict the least recently written tenth in one pass rather than one entry per write.
      let excess = Math.ceil(this.capacity / 10);
      for (const key of this.map.keys()) {
        if (excess-- <= 0) break;
        this.map.delete(key);
      }
    }
  }

  clear(): void {
    this.map.clear();
  }
}
