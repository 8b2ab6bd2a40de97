import { describe, expect, it } from 'vitest';
import type { LedgerStore, StoredEntry } from '../../src/application/ports/ledger-store.js';
import { StreamStates } from '../../src/application/stream-cache.js';

/** A log that holds nothing and counts the streams the writer reads from it. */
function countingLog(): { log: LedgerStore; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const log = {
    readStream: async (stream: string): Promise<StoredEntry[]> => {
      reads.set(stream, (reads.get(stream) ?? 0) + 1);
      return [];
    },
  } as unknown as LedgerStore;
  return { log, reads };
}

/**
 * The writer's cache of folded streams is bounded and evicts by last write. A provider is read at
 * every notice it receives but written rarely: it must stay cached while its cases come and go, not
 * be read from the log and folded again whenever enough new cases have pushed it out.
 */
describe("the writer's stream states", () => {
  it('keep a party read at every act while five times the capacity of new case streams are loaded', async () => {
    const { log, reads } = countingLog();
    const states = new StreamStates(log, 10);
    await states.party('host');
    for (let i = 0; i < 50; i++) {
      await states.load(`case-k-${i}`);
      await states.party('host');
    }
    expect(reads.get('party-host')).toBe(1);
    expect(reads.get('case-k-49')).toBe(1);
  });

  it('still evict a party nobody reads once the capacity of other streams is loaded after it', async () => {
    const { log, reads } = countingLog();
    const states = new StreamStates(log, 10);
    await states.party('idle');
    for (let i = 0; i < 11; i++) await states.load(`case-k-${i}`);
    await states.party('idle');
    expect(reads.get('party-idle')).toBe(2);
  });
});
