import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/io.js';
import { startLedger, type Harness } from '../support/harness.js';
import { makeTempDir } from '../support/temp-dir.js';
import { LedgerKey } from '../../src/application/ledger-key.js';

function captureIo(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), readStdin: async () => stdin };
}

describe('harbor CLI: keys, sign, submit against a running ledger', () => {
  let ledger: Harness;
  let url: string;
  const dir = makeTempDir();

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await ledger.close();
    dir.remove();
  });

  async function harbor(args: string[], stdin = '') {
    const io = captureIo(stdin);
    const code = await runCli(args, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  }

  it('creates a key file readable only by its owner', async () => {
    const file = join(dir.path, 'holder.key');
    const { code, out } = await harbor(['keys', 'new', '--out', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/^publicKey [A-Za-z0-9+/]{43}=/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await harbor(['keys', 'new', '--out', file])).code).toBe(2);
  });

  it('signs a registration and a notice, submits them, and checks the receipts against the pinned key', async () => {
    await harbor(['keys', 'new', '--out', join(dir.path, 'h.key')]);
    await harbor(['keys', 'new', '--out', join(dir.path, 'p.key')]);
    const sign = async (args: string[]) => {
      const { code, out, err } = await harbor(['sign', ...args]);
      expect(err).toBe('');
      expect(code).toBe(0);
      return JSON.parse(out);
    };
    const holder = await sign(['-k', join(dir.path, 'h.key'), '-t', 'party.registered', '-a', 'cli-holder', '-d', '{"name":"CLI Holder","roles":["rights_holder"]}']);
    const host = await sign(['-k', join(dir.path, 'p.key'), '-t', 'party.registered', '-a', 'cli-host', '-d', '{"name":"CLI Host","roles":["provider"],"providerKind":"hosting","packs":["us-dmca"]}']);
    const notice = await sign([
      '-k', join(dir.path, 'h.key'), '-t', 'notice.submitted', '-a', 'cli-holder', '-c', 'cli-case-1',
      '-d', '{"provider":"cli-host","pack":"us-dmca","claimant":{"name":"CLI Holder"}}',
      '--commit', 'data.claimant.contact=legal@holder.example',
    ]);
    expect(notice.disclosures[0]).toMatchObject({ path: 'data.claimant.contact', value: 'legal@holder.example' });
    expect(notice.act.data.claimant.contact).toMatch(/^sha256:/);

    const batchFile = join(dir.path, 'batch.json');
    writeFileSync(batchFile, JSON.stringify([holder, host, notice]));
    const ledgerKey = (await ledger.http.get('/v1/log/key')).body.vkey;
    const submitted = await harbor(['submit', batchFile, '--url', url, '--ledger-key', ledgerKey]);
    expect(submitted.err).toBe('');
    expect(submitted.code).toBe(0);
    expect(JSON.parse(submitted.out).results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201]);

    const replay = await harbor(['submit', '-', '--url', url], JSON.stringify(holder));
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.out).seq).toBe(0);
  });

  it('exits 1 when the ledger refuses, 1 when a receipt is not by the pinned key, and 2 when it cannot reach it', async () => {
    await harbor(['keys', 'new', '--out', join(dir.path, 'x.key')]);
    const { out } = await harbor(['sign', '-k', join(dir.path, 'x.key'), '-t', 'notice.acknowledged', '-a', 'nobody', '-c', 'nope']);
    const refused = await harbor(['submit', '-', '--url', url], out);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out).error.code).toBe('unknown_key');

    const reg = (await harbor(['sign', '-k', join(dir.path, 'x.key'), '-t', 'party.registered', '-a', 'x-user', '-d', '{"name":"X","roles":["user"]}'])).out;
    const wrongKey = LedgerKey.fromSeed('harbor-ledger.local/log', new Uint8Array(32).fill(1)).verifierKey;
    expect((await harbor(['submit', '-', '--url', url, '--ledger-key', wrongKey], reg)).code).toBe(1);

    expect((await harbor(['submit', '-', '--url', 'http://127.0.0.1:9'], reg)).code).toBe(2);
  });

  it('signs a key rotation proved by the new key file, which the ledger accepts; without --new-key it refuses', async () => {
    for (const name of ['r.key', 'r2.key']) await harbor(['keys', 'new', '--out', join(dir.path, name)]);
    const reg = (await harbor(['sign', '-k', join(dir.path, 'r.key'), '-t', 'party.registered', '-a', 'r-user', '-d', '{"name":"R","roles":["user"]}'])).out;
    expect((await harbor(['submit', '-', '--url', url], reg)).code).toBe(0);
    const missing = await harbor(['sign', '-k', join(dir.path, 'r.key'), '-t', 'party.key_rotated', '-a', 'r-user']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--new-key');
    const rotation = await harbor(['sign', '-k', join(dir.path, 'r.key'), '-t', 'party.key_rotated', '-a', 'r-user', '--new-key', join(dir.path, 'r2.key')]);
    expect(rotation.code).toBe(0);
    const submitted = await harbor(['submit', '-', '--url', url], rotation.out);
    expect(submitted.code).toBe(0);
    expect(JSON.parse(submitted.out).receipt.seq).toBe(JSON.parse(submitted.out).seq);
  });

  it('refuses to sign an act the ledger would refuse for its shape, naming the field', async () => {
    await harbor(['keys', 'new', '--out', join(dir.path, 'y.key')]);
    const { code, err } = await harbor(['sign', '-k', join(dir.path, 'y.key'), '-t', 'notice.submitted', '-a', 'y', '-c', 'c', '-d', '{"pack":"us-dmca"}']);
    expect(code).toBe(2);
    expect(err).toContain('data.provider');
  });

  it('exits 2 on usage errors', async () => {
    expect((await harbor(['sign', '-k', 'missing.key'])).code).toBe(2);
    expect((await harbor(['no-such-command'])).code).toBe(2);
    expect(readFileSync(join(dir.path, 'h.key'), 'utf8')).toContain('secretKey');
  });
});
