import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger, type AcceptedAct } from '../../src/application/ledger.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { ManualClock } from '../../src/application/ports/clock.js';
import { AppendConflictError, AppendTooLargeError, StoreIntegrityError, StoreUnavailableError, type NewEntry } from '../../src/application/ports/ledger-store.js';
import { auditStore } from '../../src/application/store-audit.js';
import { parseSubmission } from '../../src/application/submission.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { DisclosureKeys } from '../../src/store/sqlite/disclosure-keys.js';
import { EventStoreDbClientAdapter } from '../../src/store/esdb/esdb-client.js';
import { EsdbLedgerStore } from '../../src/store/esdb/esdb-ledger-store.js';
import type { EsdbStreamNames } from '../../src/store/esdb/esdb-mapping.js';
import { fakeEntry } from '../support/entries.js';
import { GrpcKurrentFake, type GrpcFault } from '../../bench/grpc-kurrent-fake.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';
import { submitUntilAnswered } from '../support/retrying-client.js';
import { describeLedgerStoreContract } from './ledger-store.contract.js';
import { createHash } from 'node:crypto';
import { runCli } from '../../src/cli/program.js';
import { makeTempDir } from '../support/temp-dir.js';

// One fake server for the file; every test writes to streams of its own.
const fake = new GrpcKurrentFake();
let url = '';
beforeAll(async () => {
  url = await fake.start();
});
afterAll(() => fake.stop());

let run = 0;
const fresh = (): EsdbStreamNames => {
  run++;
  return { ledger: `ledger-${run}`, checkpoints: `checkpoints-${run}`, disclosures: `disclosures-${run}-` };
};
const open = (names: EsdbStreamNames, keys?: DisclosureKeys, maxAppendBytes?: number) => new EsdbLedgerStore(new EventStoreDbClientAdapter(url, 2000), { names, keys, maxAppendBytes });

let names = fresh();
let keys = new DisclosureKeys(':memory:');
describeLedgerStoreContract('esdb adapter through the real client (gRPC fake of KurrentDB)', {
  open: async () => {
    names = fresh();
    keys = new DisclosureKeys(':memory:');
    return open(names, keys);
  },
  openSecond: async () => open(names, keys),
  reopen: async (store) => {
    await store.close();
    return open(names, keys);
  },
});

function redecided(entry: NewEntry): NewEntry {
  const bytes = new TextEncoder().encode(new TextDecoder().decode(entry.bytes).replace(/}$/, ',"again":true}'));
  return { ...entry, bytes, leaf: new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest()) };
}

describe('the real client under the faults of a real server', () => {
  it('an answer lost after the commit: the append is found committed', async () => {
    const store = open(fresh());
    fake.faults.push({ on: 'append', kind: 'commit-then-unavailable' });
    await store.append([fakeEntry(0, 'a', 0)]);
    expect(await store.size()).toBe(1);
    await store.close();
  });

  it('a deadline passed, the commit landing later: other bytes at that seq are refused, never reported stored', async () => {
    const n = fresh();
    const store = open(n);
    fake.faults.push({ on: 'append', kind: 'deadline-then-commit', afterMs: 150 });
    await expect(store.append([fakeEntry(0, 'a', 0)])).rejects.toBeInstanceOf(StoreUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(store.append([redecided(fakeEntry(0, 'a', 0))])).rejects.toBeInstanceOf(AppendConflictError);
    const [stored] = await store.readAll(0, 1);
    expect(Buffer.from(stored.bytes).equals(Buffer.from(fakeEntry(0, 'a', 0).bytes))).toBe(true);
    expect(fake.stream(n.ledger).events).toHaveLength(1);
    await store.close();
  });

  it.each(['not-leader', 'not-ready'] as const)('%s: a retryable error, and the next call works', async (kind) => {
    const store = open(fresh());
    fake.faults.push({ on: 'append', kind });
    await expect(store.append([fakeEntry(0, 'a', 0)])).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.append([fakeEntry(0, 'a', 0)]);
    fake.faults.push({ on: 'read', kind });
    await expect(store.readStream('a')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.readStream('a')).map((e) => e.seq)).toEqual([0]);
    await store.close();
  });

  it('reads only from the leader: a follower’s stale view is never served', async () => {
    const store = open(fresh());
    await store.append([fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1)]);
    fake.followerLag = 1;
    const before = fake.calls.readsWithoutLeader;
    try {
      const other = open(names);
      expect(await store.size()).toBe(2);
      expect((await store.readAll(0, 10)).length).toBe(2);
      await other.close();
      expect(fake.calls.readsWithoutLeader).toBe(before);
    } finally {
      fake.followerLag = 0;
    }
    await store.close();
  });

  it('a read that never answers: cancelled at the deadline, unavailable', async () => {
    const n = fresh();
    await open(n).append([fakeEntry(0, 'a', 0)]);
    const store = new EsdbLedgerStore(new EventStoreDbClientAdapter(url, 300), { names: n });
    fake.faults.push({ on: 'read', kind: 'hang' });
    const started = performance.now();
    await expect(store.readAll(0, 10)).rejects.toThrow(/passed its deadline of 300 ms/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await store.readAll(0, 10)).map((e) => e.seq)).toEqual([0]);
    await store.close();
  });

  it('a connection dropped mid-read: unavailable, then read on', async () => {
    const store = open(fresh());
    await store.append([fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1), fakeEntry(2, 'a', 2)]);
    fake.faults.push({ on: 'read', kind: 'drop-mid-read', after: 1 });
    await expect(store.readAll(0, 10)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.readAll(0, 10)).map((e) => e.seq)).toEqual([0, 1, 2]);
    await store.close();
  });

  it('an append over the server’s size limit: too large, nothing written', async () => {
    const n = fresh();
    const store = open(n);
    fake.maxAppendSize = 200;
    try {
      await expect(store.append([fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1), fakeEntry(2, 'a', 2)])).rejects.toBeInstanceOf(AppendTooLargeError);
    } finally {
      fake.maxAppendSize = 1024 * 1024;
    }
    expect(fake.stream(n.ledger).events).toHaveLength(0);
    await store.close();
  });

  it('a foreign event or a deleted ledger stream: the store fails closed', async () => {
    const n = fresh();
    const store = open(n);
    await store.append([fakeEntry(0, 'a', 0)]);
    fake.put(n.ledger, 'Foreign', new TextEncoder().encode('{}'));
    await expect(store.size()).rejects.toBeInstanceOf(StoreIntegrityError);
    await expect(store.append([fakeEntry(2, 'a', 1)])).rejects.toBeInstanceOf(StoreIntegrityError);
    await store.close();
    const m = fresh();
    const second = open(m);
    await second.append([fakeEntry(0, 'a', 0)]);
    fake.stream(m.ledger).deletedBefore = 1;
    await expect(second.size()).rejects.toThrow(/truncated, deleted or rewritten/);
    await second.close();
  });
});

describe('the ledger through the real client under faults', () => {
  const key = LedgerKey.fromSeed('esdb.example/log', new Uint8Array(32).fill(4));

  it.each<[string, GrpcFault]>([
    ['an answer lost after the commit', { on: 'append', kind: 'commit-then-unavailable' }],
    ['a deadline passed, the commit landing later', { on: 'append', kind: 'deadline-then-commit', afterMs: 20 }],
    ['a follower that is not the leader', { on: 'append', kind: 'not-leader' }],
  ])('%s: every acknowledged act is stored once, with the bytes its receipt names, and the audit is clean', async (_name, fault) => {
    const store = open(fresh());
    const ledger = new Ledger(store, new ManualClock(), key);
    const [holder, host, user] = [rightsHolder(), usHost(), uploader()];
    for (const act of [holder.register(), host.register(), user.register()]) await ledger.submit(parseSubmission(act));
    const acts = [holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id, user.id)), host.caseAct('measure.taken', 'c-1', { measure: 'disabled', items: ['https://tube.example/v/abc123'], basis: 'notice' })];
    const receipts: AcceptedAct[] = [];
    for (const act of acts) {
      fake.faults.push(fault);
      receipts.push(await submitUntilAnswered(ledger, act, 50));
    }
    await ledger.close();
    const entries = await store.readAll(0, 100);
    expect(new Set(entries.map((e) => e.actId)).size).toBe(entries.length);
    expect(entries).toHaveLength(5);
    for (const receipt of receipts) expect(Buffer.from(entries[receipt.seq].leaf).toString('hex')).toBe(receipt.leaf);
    const audit = await auditStore(store, { verify: async (k, m, s) => verifyStrictNode(Buffer.from(k, 'base64'), m, s) });
    expect(audit.failures).toEqual([]);
    await store.close();
  });
});

describe('harbor audit --store esdb://… after faults', () => {
  it('finds the log clean, and names a foreign event on it', async () => {
    const own = new GrpcKurrentFake(); // the CLI audits the default stream names
    const address = await own.start();
    const dir = makeTempDir();
    try {
      const key = LedgerKey.fromSeed('esdb.example/log', new Uint8Array(32).fill(4));
      const store = new EsdbLedgerStore(new EventStoreDbClientAdapter(address, 2000));
      const ledger = new Ledger(store, new ManualClock(), key);
      const [holder, host, user] = [rightsHolder(), usHost(), uploader()];
      for (const act of [holder.register(), host.register(), user.register()]) {
        own.faults.push({ on: 'append', kind: 'commit-then-unavailable' });
        await submitUntilAnswered(ledger, act);
      }
      await ledger.close();
      await store.close();
      const harbor = async (args: string[]) => {
        const out: string[] = [];
        const code = await runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
        return { code, text: out.join('\n') };
      };
      const clean = await harbor(['audit', '--store', address, '--data-dir', dir.path, '--ledger-key', key.verifierKey, '--no-progress']);
      expect(clean.text).toContain('CLEAN');
      expect(clean.code).toBe(0);
      own.put('harbor-ledger', 'Foreign', new TextEncoder().encode('{}'));
      const refused = await harbor(['audit', '--store', address, '--data-dir', dir.path, '--ledger-key', key.verifierKey, '--no-progress']);
      expect(refused.code).not.toBe(0);
      expect(refused.text).toMatch(/only ledger entries belong there/);
    } finally {
      dir.remove();
      await own.stop();
    }
  });
});
