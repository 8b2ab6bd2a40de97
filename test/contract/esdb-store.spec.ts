import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventStoreDbClientAdapter } from '../../src/store/esdb/esdb-client.js';
import { DisclosureKeys } from '../../src/store/sqlite/disclosure-keys.js';
import { EsdbLedgerStore } from '../../src/store/esdb/esdb-ledger-store.js';
import type { EsdbStreamNames } from '../../src/store/esdb/esdb-mapping.js';
import { fakeEntry } from '../support/entries.js';
import { FakeEsdbServer } from '../support/fake-esdb-client.js';
import { describeLedgerStoreContract } from './ledger-store.contract.js';
import { makeTempDir } from '../support/temp-dir.js';

// The adapter on a stand-in server with EventStoreDB's semantics: runs everywhere.
// The server and the disclosure keys outlive a store: a restart opens both again.
let server = new FakeEsdbServer();
let keys = new DisclosureKeys(':memory:');
describeLedgerStoreContract('esdb adapter (stand-in server)', {
  open: async () => {
    server = new FakeEsdbServer();
    keys = new DisclosureKeys(':memory:');
    return new EsdbLedgerStore(server.connect(), { keys });
  },
  openSecond: async () => new EsdbLedgerStore(server.connect(), { keys }),
  reopen: async (store) => {
    await store.close();
    return new EsdbLedgerStore(server.connect(), { keys });
  },
});

describe('esdb adapter specifics', () => {
  it('keeps its index in a file: a restart reads on from where it stopped, not the whole stream', async () => {
    const dir = makeTempDir();
    try {
      const shared = new FakeEsdbServer();
      const index = join(dir.path, 'esdb-index.db');
      const first = new EsdbLedgerStore(shared.connect(), { index });
      await first.append(Array.from({ length: 8 }, (_, i) => fakeEntry(i, `s${i % 3}`, Math.floor(i / 3))));
      const nodes = await first.readNodes([{ level: 3, index: 0 }, { level: 1, index: 2 }]);
      await first.close();
      const reads: bigint[] = [];
      const client = shared.connect();
      const counting = { ...client, append: client.append.bind(client), delete: client.delete.bind(client), dispose: client.dispose.bind(client), read: (stream: string, from: bigint | 'start' | 'end', n: number, d: 'forwards' | 'backwards') => (reads.push(from as bigint), client.read(stream, from, n, d)) };
      const second = new EsdbLedgerStore(counting, { index });
      expect(await second.size()).toBe(8);
      expect(reads).toEqual([7n]); // the last entry indexed, checked, and nothing before it
      expect((await second.readNodes([{ level: 3, index: 0 }, { level: 1, index: 2 }])).map((h) => Buffer.from(h).toString('hex'))).toEqual(nodes.map((h) => Buffer.from(h).toString('hex')));
      expect((await second.readStream('s1')).map((e) => e.seq)).toEqual([1, 4, 7]);
      await second.close();
    } finally {
      dir.remove();
    }
  });

  it('resumes from the stream after a restart: a new adapter on the same server sees every entry', async () => {
    const shared = new FakeEsdbServer();
    const first = new EsdbLedgerStore(shared.connect());
    await first.append([fakeEntry(0, 'a', 0), fakeEntry(1, 'a', 1)]);
    const second = new EsdbLedgerStore(shared.connect());
    expect(await second.size()).toBe(2);
    expect((await second.readStream('a')).map((e) => e.seq)).toEqual([0, 1]);
    await second.append([fakeEntry(2, 'a', 2)]);
    expect(await first.size()).toBe(3); // the first catches up before answering
  });
});

// The same contract against a real server, when one is configured.
const connection = process.env.EVENTSTORE_CONNECTION_STRING;
if (connection) {
  const names = (): EsdbStreamNames => {
    const run = randomUUID().slice(0, 8);
    return { ledger: `harbor-ledger-${run}`, checkpoints: `harbor-checkpoints-${run}`, disclosures: `harbor-disclosures-${run}-` };
  };
  let current = names();
  describeLedgerStoreContract(`esdb on ${connection}`, {
    open: async () => {
      current = names();
      return new EsdbLedgerStore(new EventStoreDbClientAdapter(connection), { names: current, keys });
    },
    openSecond: async () => new EsdbLedgerStore(new EventStoreDbClientAdapter(connection), { names: current, keys }),
    reopen: async (store) => {
      await store.close();
      return new EsdbLedgerStore(new EventStoreDbClientAdapter(connection), { names: current, keys });
    },
  });
} else {
  describe('esdb on a real EventStoreDB/KurrentDB server', () => {
    it.skip('SKIPPED: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false, docker compose up kurrentdb) to run the contract suite on a server', () => undefined);
  });
}

describe('esdb adapter under concurrency', () => {
  it('indexes an entry once when a catch-up runs while its own append completes', async () => {
    const store = new EsdbLedgerStore(new FakeEsdbServer().connect());
    await store.append([fakeEntry(0, 'a', 0)]);
    const appending = store.append([fakeEntry(1, 'a', 1), fakeEntry(2, 'b', 0)]);
    const reading = Promise.all([store.size(), store.readStream('a'), store.size()]);
    await Promise.all([appending, reading]);
    expect(await store.size()).toBe(3);
    expect((await store.readStream('a')).map((e) => e.seq)).toEqual([0, 1]);
    expect((await store.readNodes([{ level: 0, index: 2 }]))[0]).toBeDefined();
    await expect(store.readNodes([{ level: 0, index: 3 }])).rejects.toThrow();
  });
});

describe('esdb adapter read freshness', () => {
  it('serves reads from a recent index, but always catches up before an append', async () => {
    const server = new FakeEsdbServer();
    const writer = new EsdbLedgerStore(server.connect(), { readFreshnessMs: 60_000 });
    const other = new EsdbLedgerStore(server.connect());
    await writer.append([fakeEntry(0, 'a', 0)]);
    await other.append([fakeEntry(1, 'a', 1)]);
    expect(await writer.size()).toBe(1); // the other writer's entry is not seen yet
    await expect(writer.append([fakeEntry(1, 'b', 0)])).rejects.toThrow(/does not continue the log/);
    expect(await writer.size()).toBe(2); // the append caught up
  });
});
