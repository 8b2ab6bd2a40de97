import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { NewEntry } from '../../src/application/ports/ledger-store.js';
import { DisclosureKeys } from '../../src/store/sqlite/disclosure-keys.js';
import { EsdbLedgerStore } from '../../src/store/esdb/esdb-ledger-store.js';
import { fakeEntry } from '../support/entries.js';
import { FakeEsdbServer } from '../support/fake-esdb-client.js';
import { makeTempDir } from '../support/temp-dir.js';

const EMAIL = 'jane.doe.unique@example.org';
const ADDRESS = '12 Rue Imaginaire, 75000 Paris';

function withDisclosures(seq: number): NewEntry {
  return { ...fakeEntry(seq, 'party-jane', seq), disclosures: [{ path: 'data.contact', value: EMAIL, salt: 'c2FsdC1vbmU' }, { path: 'data.address', value: ADDRESS, salt: 'c2FsdC10d28' }] };
}

/** An erasure act at `seq` of the act at `target`'s disclosure at `path`. */
function erasureOf(target: number, seq: number, path: string): NewEntry {
  return { ...fakeEntry(seq, 'party-jane', seq), erasures: [{ seq: target, path }] };
}

/** Everything the event store holds, as text: its nodes and backups hold no more than this. */
function serverBytes(server: FakeEsdbServer): string {
  return [...server.streams.values()].flatMap((s) => s.events.map((e) => Buffer.from(e.data).toString('latin1') + Buffer.from(e.metadata as Uint8Array).toString('latin1'))).join('\n');
}

describe('erasing personal data on the esdb store', () => {
  it('keeps only sealed disclosures on the server, readable while their keys exist', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    await store.append([withDisclosures(0)]);
    expect(serverBytes(server)).not.toContain(EMAIL);
    expect(serverBytes(server)).not.toContain(ADDRESS);
    expect(await store.readDisclosures(0)).toEqual([
      { path: 'data.address', value: ADDRESS, salt: 'c2FsdC10d28' },
      { path: 'data.contact', value: EMAIL, salt: 'c2FsdC1vbmU' },
    ]);
  });

  it('erases one path by deleting its key, and the rest after', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbLedgerStore(server.connect());
    await store.append([withDisclosures(0)]);
    expect(await store.eraseDisclosures(0, 'data.contact')).toBe(1);
    expect(await store.readDisclosures(0)).toEqual([{ path: 'data.address', value: ADDRESS, salt: 'c2FsdC10d28' }]);
    expect(await store.eraseDisclosures(0, 'data.contact')).toBe(0);
    expect(await store.eraseDisclosures(0)).toBe(1);
    expect(await store.readDisclosures(0)).toEqual([]);
    expect(await store.readAll(0, 1)).toHaveLength(1); // the log is untouched
  });

  it('leaves no key in the key file once erased (secure delete, no write-ahead log)', async () => {
    const dir = makeTempDir();
    try {
      const path = join(dir.path, 'disclosure-keys.db');
      const store = new EsdbLedgerStore(new FakeEsdbServer().connect(), { keys: path });
      await store.append([withDisclosures(0)]);
      const read = new Database(path, { readonly: true });
      const keys = read.prepare('SELECT key FROM disclosure_keys').pluck().all() as Buffer[];
      read.close();
      expect(keys).toHaveLength(2);
      for (const key of keys) expect(readFileSync(path).includes(key)).toBe(true);
      await store.eraseDisclosures(0);
      await store.close();
      const file = readFileSync(path);
      for (const key of keys) expect(file.includes(key)).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('carries out an erasure whose act landed while the answer was lost, at the next start (regression: the value stayed)', async () => {
    const dir = makeTempDir();
    try {
      const keys = join(dir.path, 'disclosure-keys.db');
      const server = new FakeEsdbServer();
      const first = new EsdbLedgerStore(server.connect(), { keys });
      await first.append([withDisclosures(0)]);
      // The erasure commits, its answer is lost and the read that would find it fails: the process stops there.
      server.faults.push({ kind: 'unavailable-after-commit', failReads: 1 });
      await expect(first.append([erasureOf(0, 1, 'data.contact')])).rejects.toThrow(/cannot serve/);
      await first.close();
      const left = new DisclosureKeys(keys);
      expect(left.remaining('act-0-party-jane')).toBe(2); // the crash left the value
      left.close();
      const restarted = new EsdbLedgerStore(server.connect(), { keys });
      expect(await restarted.size()).toBe(2);
      expect(await restarted.readDisclosures(0)).toEqual([{ path: 'data.address', value: ADDRESS, salt: 'c2FsdC10d28' }]);
      await restarted.close();
    } finally {
      dir.remove();
    }
  });

  it('keeps the value while the erasure act is not in the log, and erases once it lands late', async () => {
    const server = new FakeEsdbServer();
    const keys = new DisclosureKeys(':memory:');
    const store = new EsdbLedgerStore(server.connect(), { keys });
    await store.append([withDisclosures(0)]);
    server.faults.push({ kind: 'timeout-commits-later', commitAfter: 3 });
    await expect(store.append([erasureOf(0, 1, 'data.contact')])).rejects.toThrow(/cannot serve/);
    // Not recorded (yet): nothing is erased.
    expect(await store.size()).toBe(1);
    expect(keys.remaining('act-0-party-jane')).toBe(2);
    while ((await store.size()) < 2); // until the late commit lands and is read
    expect(keys.remaining('act-0-party-jane')).toBe(1);
    expect((await store.readDisclosures(0)).map((d) => d.path)).toEqual(['data.address']);
  });

  it('does not open a sealed value moved to another act or path', () => {
    const keys = new DisclosureKeys(':memory:');
    const [sealed] = keys.seal('act-1', [{ path: 'data.contact', value: EMAIL, salt: 's' }]);
    keys.seal('act-2', [{ path: 'data.contact', value: 'other', salt: 's' }]);
    expect(keys.open('act-1', [sealed])).toEqual([{ path: 'data.contact', value: EMAIL, salt: 's' }]);
    expect(() => keys.open('act-2', [sealed])).toThrow();
  });
});
