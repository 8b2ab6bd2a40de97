import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineCrypto } from '../../src/application/crypto/inline-crypto.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { migrateStore, TargetNotEmptyError } from '../../src/application/migrate.js';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import { runCli } from '../../src/cli/program.js';
import { EsdbLedgerStore } from '../../src/store/esdb/esdb-ledger-store.js';
import { SqliteLedgerStore } from '../../src/store/sqlite/sqlite-ledger-store.js';
import { recordDmcaCase } from '../support/case-fixture.js';
import { FakeEsdbServer } from '../support/fake-esdb-client.js';
import { startLedger } from '../support/harness.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('migrating a ledger between stores', () => {
  const dir = makeTempDir();
  const source = `sqlite:${join(dir.path, 'ledger.db')}`;
  let size: number;

  beforeAll(async () => {
    const ledger = await startLedger({ dataDir: dir.path });
    await recordDmcaCase(ledger, 'c-migrate');
    size = (await ledger.http.get('/health')).body.size;
    await ledger.app.close();
  });
  afterAll(() => dir.remove());

  async function harbor(args: string[]) {
    const out: string[] = [];
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
    return { code, text: out.join('\n') };
  }

  it('copies SQLite to SQLite with harbor migrate and proves the copy', async () => {
    const target = `sqlite:${join(dir.path, 'copy.db')}`;
    const key = LedgerKey.load(dir.path, 'harbor-ledger.local/log')!;
    const { code, text } = await harbor(['migrate', '--from', source, '--to', target, '--ledger-key', key.verifierKey]);
    expect(text).toContain(`copied ${size} entries, 2 disclosures`);
    expect(text).toContain('PROVED');
    expect(code).toBe(0);
    const copy = new SqliteLedgerStore(join(dir.path, 'copy.db'));
    const original = new SqliteLedgerStore(join(dir.path, 'ledger.db'));
    const [a, b] = [await original.readAll(0, 1000), await copy.readAll(0, 1000)];
    expect(b.map((e) => Buffer.from(e.bytes).toString('hex'))).toEqual(a.map((e) => Buffer.from(e.bytes).toString('hex')));
    expect((await copy.readCheckpoints()).map((c) => c.note)).toEqual((await original.readCheckpoints()).map((c) => c.note));
    await copy.close();
    await original.close();

    const again = await harbor(['migrate', '--from', source, '--to', target]);
    expect(again.code).toBe(2);
    expect(again.text).toContain('migrate only into an empty store');
  });

  it('copies SQLite into the EventStoreDB adapter, with the same root and a clean audit', async () => {
    const from = new SqliteLedgerStore(join(dir.path, 'ledger.db'));
    const to = new EsdbLedgerStore(new FakeEsdbServer().connect());
    const key = LedgerKey.load(dir.path, 'harbor-ledger.local/log')!;
    const crypto = new InlineCrypto(key);
    const report = await migrateStore(from, to, { verify: (k, m, s) => crypto.verify(k, m, s), ledgerKey: parseVerifierKey(key.verifierKey) });
    expect(report).toMatchObject({ ok: true, entries: size, disclosures: 2 });
    expect(report.targetRoot).toBe(report.sourceRoot);
    expect(report.audit.failures).toEqual([]);
    expect(await to.readDisclosures((await to.readStream('case-c-migrate'))[0].seq)).toHaveLength(1);
    await expect(migrateStore(from, to, { verify: async () => true })).rejects.toBeInstanceOf(TargetNotEmptyError);
    await from.close();
  });
});
