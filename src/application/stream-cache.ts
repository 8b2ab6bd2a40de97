import { partyStream } from '../domain/acts/envelope.js';
import { evolveCase, initialCaseState, type CaseState } from '../domain/case/state.js';
import { evolveParty, initialPartyState, partyAsOf, type PartyState } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { LedgerStore } from './ports/ledger-store.js';
import { toRecordedAct } from './recorded.js';

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
 * hot path, and busy streams are the ones being written. Parties are the exception (StreamStates.party).
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

/** Folded stream states for the writer: from the cache, else read from the store and folded. */
export class StreamStates {
  private readonly cache: StreamCache;

  constructor(
    private readonly store: LedgerStore,
    capacity: number,
  ) {
    this.cache = new StreamCache(capacity);
  }

  async load(stream: string): Promise<CachedStream> {
    const cached = this.cache.get(stream);
    if (cached) return cached;
    const folded = foldStream(stream, (await this.store.readStream(stream)).map(toRecordedAct));
    this.cache.set(folded);
    return folded;
  }

  /**
   * A party's state; reading it keeps it among the recent. A provider is read at every notice it
   * receives and written rarely: by write order alone it would leave the cache behind the cases it is
   * busy with, and its whole stream be read and folded again while every act waits.
   */
  async party(id: string): Promise<PartyState> {
    const name = partyStream(id);
    const cached = this.cache.get(name);
    if (cached) this.cache.set(cached); // to the back, before anything else can run
    const stream = cached ?? (await this.load(name));
    return (stream.current as Extract<StreamState, { kind: 'party' }>).state;
  }

  /** A party already in the cache (actor rules are synchronous: the writer loads what they need first). */
  cachedParty(id: string): PartyState | undefined {
    const cached = this.cache.get(partyStream(id));
    return cached?.current.kind === 'party' ? cached.current.state : undefined;
  }

  /** Records an admitted act in its stream's cached state. */
  advance(stream: CachedStream, recorded: RecordedAct): void {
    this.cache.set(evolveStream(stream, recorded));
  }

  clear(): void {
    this.cache.clear();
  }
}

function emptyStream(stream: string): CachedStream {
  const current: StreamState = stream.startsWith('case-')
    ? { kind: 'case', state: initialCaseState(stream.slice('case-'.length)) }
    : { kind: 'party', state: initialPartyState(stream.slice('party-'.length)) };
  return { stream, revision: -1, lastLeaf: null, current };
}

/** A stream's state from all its acts; a party's sanctions gathered apart (partyAsOf), not copied at every step. */
export function foldStream(stream: string, recorded: readonly RecordedAct[]): CachedStream {
  const last = recorded[recorded.length - 1];
  if (!last) return emptyStream(stream);
  if (stream.startsWith('case-')) return recorded.reduce(evolveStream, emptyStream(stream));
  return { stream, revision: last.revision, lastLeaf: last.leaf, current: { kind: 'party', state: partyAsOf(stream.slice('party-'.length), recorded) } };
}

function evolveStream(stream: CachedStream, recorded: RecordedAct): CachedStream {
  const current: StreamState =
    stream.current.kind === 'case'
      ? { kind: 'case', state: evolveCase(stream.current.state, recorded) }
      : { kind: 'party', state: evolveParty(stream.current.state, recorded) };
  return { stream: stream.stream, revision: recorded.revision, lastLeaf: recorded.leaf, current };
}
