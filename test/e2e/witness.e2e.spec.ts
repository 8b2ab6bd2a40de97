import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { checkpointBody, signNote } from '../../src/audit/checkpoint.js';
import { parseWitnessKey, verifyCosignature, witnessVerifierKey } from '../../src/audit/cosignature.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { runCli } from '../../src/cli/program.js';
import { originHash } from '../../src/witness/witness.js';
import { startWitness } from '../support/witness.js';
import { recordDmcaCase } from '../support/case-fixture.js';
import { fastKeyPair } from '../support/fast-ed25519.js';
import { startLedger, type Harness } from '../support/harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const ORIGIN = 'harbor-ledger.local/log';

describe('witnesses cosigning the ledger’s checkpoints (C2SP tlog-witness)', () => {
  const dir = makeTempDir();
  let ledgerKey: LedgerKey;
  let witness: Awaited<ReturnType<typeof startWitness>>;
  let ledger: Harness;
  let caseId: string;
  let recorded: Awaited<ReturnType<typeof recordDmcaCase>>;

  beforeAll(async () => {
    // The ledger's key first: the witness is configured with it, the ledger with the witness.
    ledgerKey = LedgerKey.loadOrCreate(dir.path, ORIGIN).key;
    witness = await startWitness('witness.test/w1', ledgerKey.verifierKey);
    ledger = await startLedger({ dataDir: dir.path, env: { HARBOR_WITNESSES: `${witness.vkey}@${witness.url}` } });
    recorded = await recordDmcaCase(ledger);
    caseId = recorded.caseId;
  }, 30_000);
  afterAll(async () => {
    await ledger?.close();
    await witness?.app.close();
    dir.remove();
  });

  const cli = async (args: string[]) => {
    const out: string[] = [];
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
    return { code, text: out.join('\n') };
  };

  it('carries the witness’s cosignature in bundles, the checkpoint routes and the witness’s own view', async () => {
    const bundle = (await ledger.http.get(`/v1/cases/${caseId}/bundle`)).body;
    const key = parseWitnessKey(witness.vkey)!;
    const check = verifyCosignature(bundle.checkpoint, key, verifyStrictNode);
    expect(check.ok).toBe(true);
    const json = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
    expect(json.note).toBe(bundle.checkpoint);
    expect(json.cosignatures).toEqual([{ witness: 'witness.test/w1', timestamp: (check as { timestamp: number }).timestamp }]);
    expect((await ledger.http.get('/checkpoint')).text).toBe(bundle.checkpoint);
    const seen = await fetch(`${witness.url}/${originHash(ORIGIN)}/checkpoint`);
    expect(await seen.text()).toBe(bundle.checkpoint);
    const dossier = (await ledger.http.get(`/v1/providers/${recorded.host.id}/dossier`)).body as { checkpoint: string };
    expect(verifyCosignature(dossier.checkpoint, key, verifyStrictNode).ok).toBe(true);
  });

  it('harbor verify requires k cosignatures of the witnesses named', async () => {
    const file = join(dir.path, 'bundle.json');
    writeFileSync(file, JSON.stringify((await ledger.http.get(`/v1/cases/${caseId}/bundle`)).body));
    const one = await cli(['verify', file, '--ledger-key', ledgerKey.verifierKey, '--witness', witness.vkey, '--min-witnesses', '1']);
    expect(one.code).toBe(0);
    expect(one.text).toContain('cosigned by witness.test/w1');
    const stranger = witnessVerifierKey('witness.test/w2', fastKeyPair().publicKey);
    const two = await cli(['verify', file, '--ledger-key', ledgerKey.verifierKey, '--witness', witness.vkey, '--witness', stranger, '--min-witnesses', '2']);
    expect(two.code).toBe(1);
    expect(two.text).toContain('WITNESS_QUORUM');
    expect(two.text).toContain('none from witness.test/w2');
    expect((await cli(['verify', file, '--ledger-key', ledgerKey.verifierKey, '--min-witnesses', '1'])).code).toBe(2);
  });

  it('refuses, over HTTP, a fork of the log (the ledger’s key signing another root at a size cosigned) and a rollback', async () => {
    const latest = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body as { size: number };
    const forged = signNote(checkpointBody({ origin: ORIGIN, size: latest.size, root: new Uint8Array(32).fill(7) }), ORIGIN, ledgerKey.publicKey, (m) => ledgerKey.sign(m));
    const post = (body: string) => fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body });
    const fork = await post(`old ${latest.size}\n\n${forged}`);
    expect([fork.status, await fork.text()]).toEqual([422, `a different root for size ${latest.size} than the one cosigned: a fork\n`]);
    const older = signNote(checkpointBody({ origin: ORIGIN, size: 2, root: new Uint8Array(32).fill(8) }), ORIGIN, ledgerKey.publicKey, (m) => ledgerKey.sign(m));
    expect((await post(`old ${latest.size}\n\n${older}`)).status).toBe(400);
    const stale = await post(`old 2\n\n${older}`);
    expect([stale.status, stale.headers.get('content-type'), await stale.text()]).toEqual([409, 'text/x.tlog.size', `${latest.size}\n`]);
  });

  it('is asked again after a restart, which forgot the witness’s size (409, then the proof from it)', async () => {
    ledger = await ledger.restart();
    expect((await ledger.post(recorded.user.caseAct('complaint.lodged', caseId, { grounds: 'after the restart' }))).status).toBe(201);
    const bundle = (await ledger.http.get(`/v1/cases/${caseId}/bundle`)).body;
    const size = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body.size;
    expect(bundle.checkpoint.split('\n')[1]).toBe(String(size));
    expect(verifyCosignature(bundle.checkpoint, parseWitnessKey(witness.vkey)!, verifyStrictNode).ok).toBe(true);
  });
});

describe('a witness added to a ledger that has checkpoints already', () => {
  it('is asked for the latest checkpoint at start, before the log grows again', async () => {
    const dir = makeTempDir();
    let ledger = await startLedger({ dataDir: dir.path });
    const witness = await startWitness('witness.test/late', LedgerKey.loadOrCreate(dir.path, ORIGIN).key.verifierKey);
    try {
      await recordDmcaCase(ledger);
      await ledger.http.get('/v1/cases/c-bundle-1/bundle'); // a checkpoint of everything, cosigned by nobody
      const before = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
      expect(before.cosignatures).toEqual([]);
      await ledger.close();
      ledger = await startLedger({ dataDir: dir.path, env: { HARBOR_WITNESSES: `${witness.vkey}@${witness.url}` } });
      let after = before;
      for (let i = 0; i < 50 && after.cosignatures.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
      }
      expect(after.size).toBe(before.size);
      expect(after.cosignatures.map((c: { witness: string }) => c.witness)).toEqual(['witness.test/late']);
    } finally {
      await ledger.close();
      await witness.app.close();
      dir.remove();
    }
  });
});
