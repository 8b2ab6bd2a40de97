import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { parseWitnessKey, verifyCosignature } from '../../src/audit/cosignature.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { runCli } from '../../src/cli/program.js';
import { originHash } from '../../src/witness/witness.js';
import { fastKeyPair } from '../support/fast-ed25519.js';
import { rightsHolder } from '../support/parties.js';
import { makeTempDir } from '../support/temp-dir.js';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src');
const ORIGIN = 'harbor-ledger.local/log';

/** Starts a process and waits for the lines that say it listens; resolves with what they matched. */
function start(args: string[], env: Record<string, string>, ready: RegExp[]): Promise<{ child: ChildProcess; matches: RegExpExecArray[] }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  return new Promise((resolveStart, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const matches = ready.map((r) => r.exec(stdout));
      if (matches.every(Boolean)) resolveStart({ child, matches: matches as RegExpExecArray[] });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} before it was ready: ${stdout}`)));
  });
}

const stop = (child: ChildProcess) => new Promise<number | null>((resolveExit) => {
  child.once('exit', resolveExit);
  child.kill('SIGTERM');
});

describe('a witness round trip, the ledger and the witness as two processes on loopback', () => {
  it('cosigns the checkpoint the ledger signs, which /checkpoint serves cosigned and the witness keeps for monitors; both stop cleanly', async () => {
    const dir = makeTempDir();
    const children: ChildProcess[] = [];
    try {
      const ledgerVkey = LedgerKey.loadOrCreate(join(dir.path, 'ledger'), ORIGIN).key.verifierKey;
      const keys = fastKeyPair();
      writeFileSync(join(dir.path, 'witness.key'), JSON.stringify({ publicKey: Buffer.from(keys.publicKey).toString('base64'), secretKey: Buffer.from(keys.secretKey).toString('base64') }));
      const witness = await start([join(DIST, 'cli/harbor.js'), 'witness', 'serve', '--key', join(dir.path, 'witness.key'), '--name', 'witness.test/process', '--log', ledgerVkey, '--port', '0', '--data-dir', join(dir.path, 'witness')], {}, [/listening on (http:\/\/\S+)/, /witness key: (\S+)/]);
      children.push(witness.child);
      const [witnessUrl, witnessVkey] = [witness.matches[0][1], witness.matches[1][1]];
      const ledger = await start([join(DIST, 'main.js')], { HARBOR_DATA_DIR: join(dir.path, 'ledger'), PORT: '0', LOG_LEVEL: 'warn', HARBOR_WITNESSES: `${witnessVkey}@${witnessUrl}` }, [/listening on (http:\/\/\S+)/]);
      children.push(ledger.child);
      const url = ledger.matches[0][1];

      const party = rightsHolder('process-holder');
      expect((await fetch(`${url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(party.register()) })).status).toBe(201);
      let note = '';
      for (let i = 0; i < 50 && !note.includes('witness.test/process'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        note = await (await fetch(`${url}/checkpoint`)).text();
      }
      expect(verifyCosignature(note, parseWitnessKey(witnessVkey)!, verifyStrictNode).ok).toBe(true);
      // The witness keeps what it cosigned, and shows it to monitors.
      expect(await (await fetch(`${witnessUrl}/${originHash(ORIGIN)}/checkpoint`)).text()).toBe(note);

      const stopped = await Promise.all(children.splice(0).map(stop));
      expect(stopped).toEqual([0, 0]);
      // The cosigned note is still the ledger's signed checkpoint to harbor check.
      const file = join(dir.path, 'checkpoint.txt');
      writeFileSync(file, note);
      const out: string[] = [];
      expect(await runCli(['check', 'checkpoint', file, '--ledger-key', ledgerVkey], { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' })).toBe(0);
    } finally {
      await Promise.all(children.map(stop));
      dir.remove();
    }
  }, 30_000);
});
