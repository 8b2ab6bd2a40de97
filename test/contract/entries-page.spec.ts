import { describe, expect, it } from 'vitest';
import { LedgerReader } from '../../src/application/ledger-reader.js';
import { SystemClock } from '../../src/application/ports/clock.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';

/** A store of `count` entries of `bytes` bytes each (their content does not matter to paging). */
async function storeOf(count: number, bytes: number): Promise<MemoryLedgerStore> {
  const store = new MemoryLedgerStore();
  for (let seq = 0; seq < count; seq++) {
    const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
    await store.append([{ seq, stream: `s-${seq}`, revision: 0, actId: id, recordedAt: '2026-01-01T00:00:00.000Z', bytes: new Uint8Array(bytes).fill(0x61), leaf: new Uint8Array(32), disclosures: [] }]);
  }
  return store;
}

describe('a page of log entries is bounded by bytes as well as by count', () => {
  it('stops before 4 MiB of entries and says where to go on (regression: one page once cost 3.3 GB)', async () => {
    // 300,000-byte entries: 13 fit in 4,194,304 bytes (13 x 300,000 = 3,900,000; 14 would be 4,200,000).
    const reader = new LedgerReader(await storeOf(20, 300_000), new SystemClock(), {});
    const page = await reader.entries(0, 1000);
    expect(page.entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(page.next).toBe(13);
    const rest = await reader.entries(page.next, 1000);
    expect(rest.entries.map((e) => e.seq)).toEqual([13, 14, 15, 16, 17, 18, 19]);
    expect(rest.next).toBe(20);
  });

  it('returns one entry even when that one alone is over the byte bound', async () => {
    const reader = new LedgerReader(await storeOf(2, 5 * 1024 * 1024), new SystemClock(), {});
    const page = await reader.entries(0, 10);
    expect(page.entries.map((e) => e.seq)).toEqual([0]);
    expect(page.next).toBe(1);
  });

  it('still honours the count limit across chunks', async () => {
    const reader = new LedgerReader(await storeOf(40, 10), new SystemClock(), {});
    const page = await reader.entries(5, 21);
    expect(page.entries.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 5));
    expect(page.next).toBe(26);
  });
});
