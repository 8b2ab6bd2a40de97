import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Ledger, type AcceptedAct } from '../../src/application/ledger.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { ManualClock } from '../../src/application/ports/clock.js';
import { AppendConflictError, AppendTooLargeError, StoreIntegrityError, StoreUnavailableError, type NewEntry } from '../../src/application/ports/ledger-store.js';
import { parseSubmission } from '../../src/application/submission.js';
import { auditStore } from '../../src/application/store-audit.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { EsdbLedgerStore } from '../../src/store/esdb/esdb-ledger-store.js';
import { ENTRY_EVENT_TYPE } from '../../src/store/esdb/esdb-mapping.js';
import { fakeEntry } from '../support/entries.js';
import { FakeEsdbServer, type AppendFault } from '../support/fake-esdb-client.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';
import { submitUntilAnswered } from '../support/retrying-client.js';
import type { LedgerError } from '../../src/domain/errors.js';

/** The same entry decided again later: another recordedAt, so other bytes, at the same seq. */
function redecided(entry: NewEntry): NewEntry {
  const bytes = new TextEncoder().encode(new TextDecoder().decode(entry.bytes).replace(/}$/, ',"again":true}'));
  return { ...entry, recordedAt: new Date(Date.parse(entry.recordedAt) + 1000).toISOString(), bytes, leaf: new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest()) };
}

describe('esdb adapter: an append whose outcome is unknown', () => {
  it('is found committed when the stream holds its bytes (the answer was lost), and indexed once', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    server.faults.push({ kind: 'unavailable-after-commit' });
    await store.append([fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1)]);
    expect(await store.size()).toBe(2);
    expect(server.stream('harbor-ledger').events).toHaveLength(2);
  });

  it('fails as unavailable when nothing landed, and the same entries then land once', async () => {
    for (const kind of ['not-leader', 'not-ready', 'unavailable'] as const) {
      const server = new FakeEsdbServer();
      const store = new EsdbLedgerStore(server.connect());
      server.faults.push({ kind });
      await expect(store.append([fakeEntry(0, 'a', 0)])).rejects.toBeInstanceOf(StoreUnavailableError);
      await store.append([fakeEntry(0, 'a', 0)]);
      expect(server.stream('harbor-ledger').events, kind).toHaveLength(1);
    }
  });

  it('refuses other bytes at the same seq once the first attempt lands late: the server never reports them committed', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    const first = fakeEntry(0, 'a', 0);
    // The call times out; its events commit two server calls later (after the adapter's check, before the next append).
    server.faults.push({ kind: 'timeout-commits-later', commitAfter: 3 });
    await expect(store.append([first])).rejects.toBeInstanceOf(StoreUnavailableError);
    const second = redecided(first);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(false);
    await expect(store.append([second])).rejects.toBeInstanceOf(AppendConflictError);
    const [stored] = await store.readAll(0, 10);
    expect(Buffer.from(stored.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it('takes an identical retry as the same write (the server answers it committed)', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    server.faults.push({ kind: 'timeout-commits-later', commitAfter: 2 });
    await expect(store.append([fakeEntry(0, 'a', 0)])).rejects.toBeInstanceOf(StoreUnavailableError);
    const other = new EsdbLedgerStore(server.connect()); // a restarted writer, whose view is older than the late commit
    await other.append([fakeEntry(0, 'a', 0)]).catch((error: unknown) => expect(error).toBeInstanceOf(Error));
    expect(server.stream('harbor-ledger').events).toHaveLength(1);
    expect(await other.size()).toBe(1);
  });
});

describe('esdb adapter: the log fails closed', () => {
  it('refuses a foreign event on the ledger stream, and appends nothing after it', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    await store.append([fakeEntry(0, 'a', 0)]);
    server.put('harbor-ledger', 'SomethingElse', new TextEncoder().encode('{}'));
    await expect(store.size()).rejects.toBeInstanceOf(StoreIntegrityError);
    await expect(store.append([fakeEntry(2, 'a', 1)])).rejects.toBeInstanceOf(StoreIntegrityError);
    expect(server.stream('harbor-ledger').events).toHaveLength(2);
    // A new adapter (a restart) refuses it too.
    await expect(new EsdbLedgerStore(server.connect()).size()).rejects.toThrow(/only ledger entries belong there/);
  });

  it('refuses a ledger stream that was deleted or truncated under it', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    await store.append([fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1)]);
    await server.connect().delete('harbor-ledger');
    await expect(store.size()).rejects.toThrow(/truncated, deleted or rewritten/);
    await expect(store.append([fakeEntry(2, 'a', 2)])).rejects.toBeInstanceOf(StoreIntegrityError);
  });

  it('refuses an entry event whose metadata is not a ledger entry’s, and a gap', async () => {
    const server = new FakeEsdbServer();
    server.put('harbor-ledger', ENTRY_EVENT_TYPE, new TextEncoder().encode('{}'));
    await expect(new EsdbLedgerStore(server.connect()).size()).rejects.toThrow(/metadata cannot be read/);
  });
});

describe('esdb adapter: sizes and reads', () => {
  it('splits a group into appends under the size limit, and refuses one entry over it', async () => {
    const server = new FakeEsdbServer();
    const entries = Array.from({ length: 6 }, (_, i) => fakeEntry(i, 'a', i));
    const one = entries[0].bytes.length;
    const store = new EsdbLedgerStore(server.connect(), { maxAppendBytes: 3 * (one + 300) });
    await store.append(entries);
    expect(server.stream('harbor-ledger').events.map((e) => Number(e.revision))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await store.size()).toBe(6);
    const tiny = new EsdbLedgerStore(new FakeEsdbServer().connect(), { maxAppendBytes: 100 });
    await expect(tiny.append([fakeEntry(0, 'a', 0)])).rejects.toBeInstanceOf(AppendTooLargeError);
  });

  it('answers unavailable when a read drops mid-way, and reads on at the next call', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    await store.append([fakeEntry(0, 'a', 0)]);
    server.failReads = 1;
    await expect(store.readStream('a')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.readStream('a')).map((e) => e.seq)).toEqual([0]);
  });
});

describe('the ledger on the esdb adapter under faults', () => {
  const key = LedgerKey.fromSeed('esdb.example/log', new Uint8Array(32).fill(4));

  async function scenario(faults: AppendFault[]) {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    const ledger = new Ledger(store, new ManualClock(), key);
    const [holder, host, user] = [rightsHolder(), usHost(), uploader()];
    for (const act of [holder.register(), host.register(), user.register()]) await ledger.submit(parseSubmission(act));
    const acts = [
      holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id, user.id)),
      host.caseAct('measure.taken', 'c-1', { measure: 'disabled', items: ['https://tube.example/v/abc123'], basis: 'notice' }),
      holder.caseAct('notice.submitted', 'c-2', fullUsNotice(host.id, user.id)),
    ];
    const receipts: AcceptedAct[] = [];
    for (const act of acts) {
      server.faults.push(...faults);
      receipts.push(await submitUntilAnswered(ledger, act));
    }
    await ledger.close();
    return { server, store, receipts };
  }

  it.each<[string, AppendFault[]]>([
    ['an answer lost after the commit', [{ kind: 'unavailable-after-commit' }]],
    ['a timeout that commits later', [{ kind: 'timeout-commits-later', commitAfter: 4 }]],
    ['a follower that is not the leader', [{ kind: 'not-leader' }]],
    ['a node not ready', [{ kind: 'not-ready' }]],
  ])('%s: every acknowledged act is stored once, with the bytes its receipt names, and the audit is clean', async (_name, faults) => {
    const { store, receipts } = await scenario(faults);
    const entries = await store.readAll(0, 100);
    const acts = entries.map((e) => e.actId);
    expect(new Set(acts).size).toBe(acts.length); // each act once
    expect(receipts).toHaveLength(3);
    for (const receipt of receipts) {
      const stored = entries[receipt.seq];
      expect(Buffer.from(stored.leaf).toString('hex')).toBe(receipt.leaf);
      expect(stored.recordedAt).toBe(receipt.recordedAt);
    }
    const audit = await auditStore(store, { verify: async (k, m, s) => verifyStrictNode(Buffer.from(k, 'base64'), m, s) });
    expect(audit.failures).toEqual([]);
    expect(audit.entries).toBe(6);
  });
});

describe('esdb adapter: one writer per log', () => {
  it('a newer process claims the log; the older one stops writing, and nothing it wrote is lost', async () => {
    const server = new FakeEsdbServer();
    const older = new EsdbLedgerStore(server.connect(), { writerLease: true });
    await older.append([fakeEntry(0, 'a', 0)]);
    const newer = new EsdbLedgerStore(server.connect(), { writerLease: true });
    await newer.append([fakeEntry(1, 'a', 1)]);
    await expect(older.append([fakeEntry(2, 'a', 2)])).rejects.toThrow(/claimed this log after this process did/);
    await newer.append([fakeEntry(2, 'a', 2)]);
    expect((await older.readAll(0, 10)).map((e) => e.seq)).toEqual([0, 1, 2]); // it still reads
    expect(server.stream('harbor-writer').events).toHaveLength(2);
  });

  it('two processes claiming at once: one holds the log, the other never writes', async () => {
    const server = new FakeEsdbServer();
    const [a, b] = [new EsdbLedgerStore(server.connect(), { writerLease: true }), new EsdbLedgerStore(server.connect(), { writerLease: true })];
    const results = await Promise.allSettled([a.append([fakeEntry(0, 'a', 0)]), b.append([fakeEntry(0, 'b', 0)])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(server.stream('harbor-ledger').events).toHaveLength(1);
    expect(server.stream('harbor-writer').events).toHaveLength(1);
  });
});

describe('the ledger on a log that fails an integrity check', () => {
  it('halts: the act is refused (503, naming the fault), every later act too, and its observer hears of it', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    const halted: string[] = [];
    const ledger = new Ledger(store, new ManualClock(), LedgerKey.fromSeed('esdb.example/log', new Uint8Array(32).fill(4)), {}, { integrityHalted: (reason) => halted.push(reason) });
    const [holder, host] = [rightsHolder(), usHost()];
    await ledger.submit(parseSubmission(holder.register()));
    server.put('harbor-ledger', 'Foreign', new TextEncoder().encode('{}'));
    const refused = await ledger.submit(parseSubmission(host.register())).catch((error: LedgerError) => error);
    expect(refused).toMatchObject({ code: 'unavailable' });
    expect((refused as LedgerError).message).toMatch(/halted.*only ledger entries belong there/);
    expect(ledger.fault).toMatch(/only ledger entries belong there/);
    expect(halted).toHaveLength(1);
    await expect(ledger.submit(parseSubmission(uploader().register()))).rejects.toMatchObject({ code: 'unavailable' });
    expect(server.stream('harbor-ledger').events).toHaveLength(2);
    await ledger.close();
  });
});
