import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteLedgerStore } from '../../src/store/sqlite/sqlite-ledger-store.js';
import { rightsHolder } from '../support/parties.js';
import { makeTempDir } from '../support/temp-dir.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/main.js');

describe('the ledger process (npm start)', () => {
  it('creates its key (mode 0600), prints its URL and verifier key, records, and shuts down cleanly on SIGTERM', async () => {
    const dir = makeTempDir();
    try {
      const child = spawn(process.execPath, [MAIN], { env: { ...process.env, HARBOR_DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      const url = await new Promise<string>((resolveUrl, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match && stdout.includes('verifier key')) resolveUrl(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
      });
      expect(stdout).toMatch(/verifier key: harbor-ledger\.local\/log\+[0-9a-f]{8}\+/);
      expect(statSync(join(dir.path, 'ledger.key')).mode & 0o777).toBe(0o600);

      const res = await fetch(`${url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rightsHolder().register()) });
      expect(res.status).toBe(201);

      const exitCode = await new Promise<number | null>((resolveExit) => {
        child.once('exit', resolveExit);
        child.kill('SIGTERM');
      });
      expect(exitCode).toBe(0);
      const store = new SqliteLedgerStore(join(dir.path, 'ledger.db'));
      expect(await store.size()).toBe(1);
      await store.close();
    } finally {
      dir.remove();
    }
  });
});
