import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actSigningBytes } from '../../src/audit/act-signature.js';
import type { Act } from '../../src/domain/acts/envelope.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/main.js');

/** The ledger as `npm start` runs it, in its own process, on a data folder. */
export interface LedgerProcess {
  child: ChildProcess;
  url: string;
}

export function startLedgerProcess(dataDir: string, env: Record<string, string> = {}): Promise<LedgerProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, HARBOR_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error', HARBOR_RATE_READS: '0', HARBOR_RATE_WRITES: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveStart, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes('verifier key')) resolveStart({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`the ledger exited ${code} before listening: ${stderr}`)));
  });
}

export function stopLedgerProcess(ledger: LedgerProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null> {
  return new Promise((resolveExit) => {
    if (ledger.child.exitCode !== null || ledger.child.signalCode !== null) return resolveExit(ledger.child.exitCode);
    ledger.child.once('exit', (code) => resolveExit(code));
    ledger.child.kill(signal);
  });
}

/**
 * Self-registrations signed with node:crypto (tweetnacl signs a few hundred a second; a load test
 * needs thousands): each a new party, so every one is accepted on its own.
 */
export function fastRegistration(id: string): Act {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const envelope: Record<string, unknown> = {
    v: 1,
    id: randomUUID(),
    type: 'party.registered',
    actor: id,
    at: new Date().toISOString(),
    data: { name: `Load ${id}`, roles: ['rights_holder'], publicKey: Buffer.from(raw).toString('base64') },
  };
  envelope.sig = signWith(privateKey, actSigningBytes(envelope));
  return envelope as unknown as Act;
}

function signWith(key: KeyObject, message: Uint8Array): string {
  return sign(null, message, key).toString('base64');
}
