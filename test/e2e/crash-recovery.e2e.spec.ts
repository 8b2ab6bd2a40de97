import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditStore } from '../../src/application/store-audit.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { SqliteLedgerStore } from '../../src/store/sqlite/sqlite-ledger-store.js';
import { fastRegistration, startLedgerProcess, stopLedgerProcess } from '../support/ledger-process.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Runs in CI; `npm run test:crash` runs 20 (CRASH_RUNS). */
const RUNS = Number(process.env.CRASH_RUNS ?? 2);
const CLIENTS = 8;

interface Acknowledged {
  actId: string;
  seq: number;
  leaf: string;
}

/** Clients post acts until the server dies under them; returns every act it acknowledged (201). */
async function loadUntilKilled(url: string, killAfterMs: number, kill: () => Promise<unknown>): Promise<Acknowledged[]> {
  const acked: Acknowledged[] = [];
  let stop = false;
  const client = async (c: number) => {
    for (let i = 0; !stop; i++) {
      const act = fastRegistration(`load-${c}-${i}-${Math.random().toString(36).slice(2, 8)}`);
      try {
        const res = await fetch(`${url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
        if (res.status === 201) {
          const body = (await res.json()) as { seq: number; leaf: string };
          acked.push({ actId: act.id, seq: body.seq, leaf: body.leaf });
        }
      } catch {
        return; // the connection died with the server: whatever was not answered was not acknowledged
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, killAfterMs));
  await kill();
  stop = true;
  await Promise.all(clients);
  return acked;
}

describe('crash recovery: SIGKILL under load loses no acknowledged act', () => {
  it.each(Array.from({ length: RUNS }, (_, run) => [run + 1]))('run %i: every acknowledged act is stored with its leaf, and the audit is clean', async () => {
    const dir = makeTempDir();
    try {
      const first = await startLedgerProcess(dir.path);
      const acked = await loadUntilKilled(first.url, 400 + Math.floor(Math.random() * 800), () => stopLedgerProcess(first, 'SIGKILL'));
      expect(acked.length).toBeGreaterThan(0);

      // The restarted ledger recovers the store and accepts acts again; then it stops cleanly.
      const second = await startLedgerProcess(dir.path);
      const res = await fetch(`${second.url}/v1/acts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fastRegistration('after-restart')) });
      expect(res.status).toBe(201);
      expect(await stopLedgerProcess(second, 'SIGTERM')).toBe(0);

      const store = new SqliteLedgerStore(join(dir.path, 'ledger.db'), { readOnly: true });
      try {
        for (const ack of acked) {
          const stored = await store.findByActId(ack.actId);
          expect(stored, `acknowledged act ${ack.actId} at seq ${ack.seq}`).toBeDefined();
          expect({ seq: stored!.seq, leaf: Buffer.from(stored!.leaf).toString('hex') }).toEqual({ seq: ack.seq, leaf: ack.leaf });
        }
        const report = await auditStore(store, { verify: async (k, m, s) => verifyStrictNode(Buffer.from(k, 'base64'), m, s) });
        expect(report.failures).toEqual([]);
        expect(report.entries).toBeGreaterThanOrEqual(acked.length + 1);
      } finally {
        await store.close();
      }
    } finally {
      dir.remove();
    }
  }, 60_000);
});
