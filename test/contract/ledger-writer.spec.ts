import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/application/ledger.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { ManualClock } from '../../src/application/ports/clock.js';
import type { LedgerStore, NewEntry } from '../../src/application/ports/ledger-store.js';
import { parseSubmission } from '../../src/application/submission.js';
import { decodeEntry } from '../../src/audit/entry.js';
import { toHex } from '../../src/audit/encoding.js';
import { LedgerError } from '../../src/domain/errors.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';
import { SqliteLedgerStore } from '../../src/store/sqlite/sqlite-ledger-store.js';
import { fullUsNotice, rightsHolder, usHost } from '../support/parties.js';
import { makeTempDir } from '../support/temp-dir.js';

const key = LedgerKey.fromSeed('test.example/log', new Uint8Array(32).fill(9));
const clock = () => new ManualClock(new Date());

/** A store that counts transactions, to observe group commit. */
class CountingStore extends MemoryLedgerStore {
  transactions: number[] = [];
  failNext = false;
  override async append(entries: readonly NewEntry[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    if (entries.length) this.transactions.push(entries.length);
    return super.append(entries);
  }
}

describe('the single writer', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('commits concurrent acts in groups, in arrival order, chaining each stream', async () => {
    const store = new CountingStore();
    const ledger = new Ledger(store, clock(), key);
    const holder = rightsHolder();
    const host = usHost();
    await ledger.submit(parseSubmission(holder.register()));
    await ledger.submit(parseSubmission(host.register()));
    const notices = Array.from({ length: 50 }, (_, i) => holder.caseAct('notice.submitted', `c-${i}`, fullUsNotice(host.id)));
    const results = await Promise.all(notices.map((n) => ledger.submit(parseSubmission(n))));
    expect(results.map((r) => r.seq)).toEqual(notices.map((_, i) => i + 2));
    expect(store.transactions.slice(2).length).toBeLessThan(5);
    const acks = await Promise.all([0, 1, 2].map(() => ledger.submit(parseSubmission(host.caseAct('notice.acknowledged', 'c-7')))));
    const stream = await store.readStream('case-c-7');
    expect(stream.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < stream.length; i++) expect(decodeEntry(stream[i].bytes).prev).toBe(toHex(stream[i - 1].leaf));
    expect(acks.map((a) => a.status)).toEqual([201, 201, 201]);
  });

  it('treats the same act twice in one group as one entry and one replay', async () => {
    const store = new CountingStore();
    const ledger = new Ledger(store, clock(), key);
    const act = rightsHolder().register();
    const [a, b] = await Promise.all([ledger.submit(parseSubmission(act)), ledger.submit(parseSubmission(act))]);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(a.seq).toBe(b.seq);
    expect(await store.size()).toBe(1);
  });

  it('rejects every act of a failed commit and forgets them: the next act takes the same seq', async () => {
    const store = new CountingStore();
    const ledger = new Ledger(store, clock(), key);
    const holder = rightsHolder();
    store.failNext = true;
    await expect(ledger.submit(parseSubmission(holder.register()))).rejects.toMatchObject({ code: 'unavailable' });
    const again = await ledger.submit(parseSubmission(holder.register()));
    expect(again.seq).toBe(0);
  });

  it('never assigns a recordedAt earlier than the last one, even if the clock goes back', async () => {
    const store = new MemoryLedgerStore();
    let now = Date.now();
    const ledger = new Ledger(store, { now: () => new Date(now) }, key);
    const first = await ledger.submit(parseSubmission(rightsHolder('a').register()));
    now -= 60_000;
    const second = await ledger.submit(parseSubmission(rightsHolder('b').register()));
    expect(Date.parse(second.recordedAt)).toBeGreaterThanOrEqual(Date.parse(first.recordedAt));
  });

  it('two ledgers writing to one SQLite file at once leave one gapless log', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = join(dir.path, 'ledger.db');
    const stores: LedgerStore[] = [new SqliteLedgerStore(file), new SqliteLedgerStore(file)];
    const [one, two] = stores.map((s) => new Ledger(s, clock(), key));
    const parties = Array.from({ length: 20 }, (_, i) => rightsHolder(`holder-${i}`));
    const results = await Promise.allSettled(parties.map((p, i) => (i % 2 ? two : one).submit(parseSubmission(p.register()))));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const all = await stores[0].readAll(0, 100);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(all.map((e) => e.actId)).size).toBe(20);
    await one.close();
    await two.close();
  });

  it('refuses new acts once closing, after committing what was queued', async () => {
    const store = new MemoryLedgerStore();
    const ledger = new Ledger(store, clock(), key);
    const pending = ledger.submit(parseSubmission(rightsHolder().register()));
    await ledger.close();
    expect((await pending).seq).toBe(0);
    await expect(ledger.submit(parseSubmission(usHost().register()))).rejects.toBeInstanceOf(LedgerError);
  });
});
