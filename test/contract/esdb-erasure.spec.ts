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

  it('does not open a sealed value moved to another act or path', () => {
    const keys = new DisclosureKeys(':memory:');
    const [sealed] = keys.seal('act-1', [{ path: 'data.contact', value: EMAIL, salt: 's' }]);
    keys.seal('act-2', [{ path: 'data.contact', value: 'other', salt: 's' }]);
    expect(keys.open('act-1', [sealed])).toEqual([{ path: 'data.contact', value: EMAIL, salt: 's' }]);
    expect(() => keys.open('act-2', [sealed])).toThrow();
  });
});
