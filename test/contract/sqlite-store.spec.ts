import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteLedgerStore } from '../../src/store/sqlite/sqlite-ledger-store.js';
import { fakeEntry } from '../support/entries.js';
import { makeTempDir } from '../support/temp-dir.js';
import { describeLedgerStoreContract } from './ledger-store.contract.js';

let dir = makeTempDir();
const file = () => join(dir.path, 'ledger.db');

describeLedgerStoreContract('sqlite', {
  open: async () => {
    dir = makeTempDir();
    return new SqliteLedgerStore(file());
  },
  openSecond: async () => new SqliteLedgerStore(file()),
  reopen: async (store) => {
    await store.close();
    return new SqliteLedgerStore(file());
  },
  cleanup: async () => dir.remove(),
});

describe('sqlite store: entries cannot be changed behind the ledger', () => {
  afterEach(() => dir.remove());

  it('refuses UPDATE and DELETE of entries at the database level', async () => {
    dir = makeTempDir();
    const store = new SqliteLedgerStore(file());
    await store.append([fakeEntry(0, 'a', 0)]);
    await store.close();
    const raw = new Database(file());
    expect(() => raw.prepare("UPDATE entries SET bytes = x'00' WHERE seq = 0").run()).toThrow(/immutable/);
    expect(() => raw.prepare('DELETE FROM entries WHERE seq = 0').run()).toThrow(/permanent/);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});
