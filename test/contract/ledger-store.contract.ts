import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppendConflictError, MissingNodeError, type LedgerStore } from '../../src/application/ports/ledger-store.js';
import { hashChildren } from '../../src/audit/merkle-hash.js';
import { fakeEntry } from '../support/entries.js';

export interface StoreHarness {
  /** A fresh, empty store. */
  open(): Promise<LedgerStore>;
  /** A second connection to the same data, where the adapter has one (sqlite: same file). */
  openSecond?(): Promise<LedgerStore>;
  /** Closes and reopens the same data, where the adapter is durable. */
  reopen?(store: LedgerStore): Promise<LedgerStore>;
  cleanup?(): Promise<void>;
}

/** The one contract every store adapter must pass (DESIGN.md §8). */
export function describeLedgerStoreContract(name: string, harness: StoreHarness): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let store: LedgerStore;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
      await harness.cleanup?.();
    });

    it('starts empty', async () => {
      expect(await store.size()).toBe(0);
      expect(await store.readAll(0, 10)).toEqual([]);
      expect(await store.readStream('case-x')).toEqual([]);
      expect(await store.findByActId('nope')).toBeUndefined();
    });

    it('appends a batch over several streams and reads it back in order with exact bytes', async () => {
      const batch = [fakeEntry(0, 'party-a', 0), fakeEntry(1, 'case-1', 0), fakeEntry(2, 'case-1', 1), fakeEntry(3, 'party-a', 1)];
      await store.append(batch);
      expect(await store.size()).toBe(4);
      const all = await store.readAll(0, 100);
      expect(all.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
      expect(Buffer.from(all[2].bytes)).toEqual(Buffer.from(batch[2].bytes));
      expect(Buffer.from(all[2].leaf)).toEqual(Buffer.from(batch[2].leaf));
      expect((await store.readStream('case-1')).map((e) => e.revision)).toEqual([0, 1]);
      expect((await store.readStream('party-a')).map((e) => e.seq)).toEqual([0, 3]);
      expect((await store.findByActId(batch[1].actId))?.seq).toBe(1);
    });

    it('pages through the log with readAll', async () => {
      await store.append(Array.from({ length: 25 }, (_, i) => fakeEntry(i, `case-${i % 3}`, Math.floor(i / 3))));
      const page = await store.readAll(10, 5);
      expect(page.map((e) => e.seq)).toEqual([10, 11, 12, 13, 14]);
      expect(await store.readAll(25, 5)).toEqual([]);
    });

    it('refuses a seq that does not continue the log, writing nothing', async () => {
      await store.append([fakeEntry(0, 's', 0)]);
      await expect(store.append([fakeEntry(2, 't', 0)])).rejects.toBeInstanceOf(AppendConflictError);
      await expect(store.append([fakeEntry(0, 't', 0)])).rejects.toBeInstanceOf(AppendConflictError);
      expect(await store.size()).toBe(1);
    });

    it('enforces the expected revision: a stream that exists cannot be started again', async () => {
      await store.append([fakeEntry(0, 'case-1', 0)]);
      await expect(store.append([fakeEntry(1, 'case-1', 0, 'other')])).rejects.toBeInstanceOf(AppendConflictError);
      await expect(store.append([fakeEntry(1, 'case-1', 2, 'other')])).rejects.toBeInstanceOf(AppendConflictError);
      await expect(store.append([fakeEntry(1, 'case-2', 1, 'other')])).rejects.toBeInstanceOf(AppendConflictError);
      expect(await store.size()).toBe(1);
    });

    it('rolls back the whole batch when one entry is refused: no gap, no partial write', async () => {
      await store.append([fakeEntry(0, 's', 0)]);
      const bad = [fakeEntry(1, 's', 1), fakeEntry(2, 's', 5)];
      await expect(store.append(bad)).rejects.toBeInstanceOf(AppendConflictError);
      expect(await store.size()).toBe(1);
      expect(await store.findByActId(bad[0].actId)).toBeUndefined();
      await store.append([fakeEntry(1, 's', 1)]);
      expect(await store.size()).toBe(2);
    });

    it('refuses a second entry with the same act id', async () => {
      await store.append([fakeEntry(0, 's', 0, 'same')]);
      await expect(store.append([fakeEntry(1, 't', 0, 'same')])).rejects.toBeInstanceOf(AppendConflictError);
      expect(await store.size()).toBe(1);
    });

    it('keeps disclosures beside an entry and erases them without touching the log', async () => {
      const entry = { ...fakeEntry(0, 'case-1', 0), disclosures: [{ path: 'data.claimant.contact', value: 'a@b.example', salt: 'c2FsdHNhbHRzYWx0c2FsdA==' }] };
      await store.append([entry]);
      expect(await store.readDisclosures(0)).toEqual(entry.disclosures);
      expect(await store.eraseDisclosures(0)).toBe(1);
      expect(await store.readDisclosures(0)).toEqual([]);
      expect(Buffer.from((await store.readAll(0, 1))[0].bytes)).toEqual(Buffer.from(entry.bytes));
    });

    it('erases the values an appended entry names (an erasure act), keeping the others and the log', async () => {
      const contact = { path: 'data.claimant.contact', value: 'a@b.example', salt: 'c2FsdHNhbHRzYWx0c2FsdA==' };
      const address = { path: 'data.claimant.address', value: '1 Main St', salt: 'c2FsdHNhbHRzYWx0c2FsdA==' };
      await store.append([{ ...fakeEntry(0, 'case-1', 0), disclosures: [contact, address] }]);
      await store.append([{ ...fakeEntry(1, 'party-x', 0), erasures: [{ seq: 0, path: 'data.claimant.contact' }] }]);
      expect(await store.readDisclosures(0)).toEqual([address]);
      expect(await store.size()).toBe(2);
    });

    it('stores Merkle nodes with the entries and reads leaves and nodes back by id', async () => {
      const batch = [fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1)];
      // The true parent of the two leaves: a store may keep what it is given or rebuild it (esdb).
      const node = { level: 1, index: 0, hash: hashChildren(batch[0].leaf, batch[1].leaf) };
      await store.append(batch, [node]);
      const [leaf1, parent] = await store.readNodes([{ level: 0, index: 1 }, { level: 1, index: 0 }]);
      expect(Buffer.from(leaf1)).toEqual(Buffer.from(batch[1].leaf));
      expect(Buffer.from(parent)).toEqual(Buffer.from(node.hash));
      await expect(store.readNodes([{ level: 1, index: 1 }])).rejects.toBeInstanceOf(MissingNodeError);
      await expect(store.readNodes([{ level: 0, index: 2 }])).rejects.toBeInstanceOf(MissingNodeError);
    });

    it('writes no node of a refused batch', async () => {
      await store.append([fakeEntry(0, 'a', 0)]);
      await expect(store.append([fakeEntry(1, 'a', 1), fakeEntry(2, 'a', 9)], [{ level: 1, index: 0, hash: new Uint8Array(32) }])).rejects.toBeInstanceOf(AppendConflictError);
      await expect(store.readNodes([{ level: 1, index: 0 }])).rejects.toBeInstanceOf(MissingNodeError);
    });

    it('keeps every checkpoint, and only growing ones', async () => {
      expect(await store.latestCheckpoint()).toBeUndefined();
      const cp = (size: number) => ({ size, root: new Uint8Array(32).fill(size), note: `note ${size}\n`, signedAt: '2030-01-01T00:00:00.000Z' });
      await store.appendCheckpoint(cp(0));
      await store.appendCheckpoint(cp(3));
      await expect(store.appendCheckpoint(cp(3))).rejects.toBeInstanceOf(AppendConflictError);
      await expect(store.appendCheckpoint(cp(2))).rejects.toBeInstanceOf(AppendConflictError);
      expect((await store.latestCheckpoint())?.size).toBe(3);
      expect((await store.readCheckpoints()).map((c) => c.size)).toEqual([0, 3]);
      expect((await store.checkpointsBefore(undefined, 10)).map((c) => c.size)).toEqual([3, 0]);
      expect(Buffer.from((await store.latestCheckpoint())!.root)).toEqual(Buffer.from(new Uint8Array(32).fill(3)));
    });

    it('pages through the checkpoints newest first, before a size', async () => {
      const sizes = [0, 1, 2, 5, 8, 13, 21];
      for (const size of sizes) await store.appendCheckpoint({ size, root: new Uint8Array(32).fill(size), note: `note ${size}\n`, signedAt: '2030-01-01T00:00:00.000Z' });
      const page = async (before: number | undefined, limit: number) => (await store.checkpointsBefore(before, limit)).map((c) => c.size);
      expect(await page(undefined, 3)).toEqual([21, 13, 8]);
      expect(await page(8, 3)).toEqual([5, 2, 1]);
      expect(await page(1, 3)).toEqual([0]);
      expect(await page(0, 3)).toEqual([]);
      expect(await page(100, 2)).toEqual([21, 13]);
      expect(await page(14, 1)).toEqual([13]);
      expect(await page(13, 10)).toEqual([8, 5, 2, 1, 0]);
      expect((await store.checkpointsBefore(6, 1))[0].note).toBe('note 5\n');
    });

    if (harness.reopen) {
      it('keeps every entry across a restart', async () => {
        await store.append([fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1)]);
        store = await harness.reopen!(store);
        expect(await store.size()).toBe(2);
        expect((await store.readStream('a')).map((e) => e.seq)).toEqual([0, 1]);
      });
    }

    if (harness.openSecond) {
      it('lets only one of two connections win the same position, leaving no gap', async () => {
        const second = await harness.openSecond!();
        try {
          const results = await Promise.allSettled([
            store.append([fakeEntry(0, 'case-1', 0, 'first')]),
            second.append([fakeEntry(0, 'case-1', 0, 'second')]),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
          expect(rejected.reason).toBeInstanceOf(AppendConflictError);
          expect(await store.size()).toBe(1);
          await second.append([fakeEntry(1, 'case-1', 1, 'third')]);
          expect((await store.readAll(0, 10)).map((e) => e.seq)).toEqual([0, 1]);
        } finally {
          await second.close();
        }
      });

      it('interleaves two connections that each continue the log', async () => {
        const second = await harness.openSecond!();
        try {
          for (let i = 0; i < 20; i += 2) {
            await store.append([fakeEntry(i, 'a', i / 2)]);
            await second.append([fakeEntry(i + 1, 'b', i / 2)]);
          }
          expect((await second.readAll(0, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        } finally {
          await second.close();
        }
      });
    }
  });
}
