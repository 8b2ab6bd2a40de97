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

/** A bounded least-recently-used cache of folded stream states, owned by the single writer. */
export class StreamCache {
  private readonly map = new Map<string, CachedStream>();

  constructor(private readonly capacity: number) {}

  get(stream: string): CachedStream | undefined {
    const hit = this.map.get(stream);
    if (hit) {
      this.map.delete(stream);
      this.map.set(stream, hit);
    }
    return hit;
  }

  set(value: CachedStream): void {
    this.map.delete(value.stream);
    this.map.set(value.stream, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  clear(): void {
    this.map.clear();
  }
}
