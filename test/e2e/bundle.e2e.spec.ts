import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseBundle } from '../../src/audit/bundle.js';
import { openCheckpoint, parseCheckpointBody, parseVerifierKey } from '../../src/audit/checkpoint.js';
import { fromHex } from '../../src/audit/encoding.js';
import { verifyStrictNacl } from '../../src/audit/ed25519-nacl.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { hashLeaf } from '../../src/audit/merkle-hash.js';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle-verify.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import { runCli } from '../../src/cli/program.js';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { recordAll, startLedger, type Harness } from '../support/harness.js';
import { trustAnchor } from '../support/parties.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('checkpoints, proofs and case bundles', () => {
  let ledger: Harness;
  let recorded: RecordedCase;
  let vkey: string;
  let bundle: CaseBundle;

  beforeAll(async () => {
    ledger = await startLedger();
    recorded = await recordDmcaCase(ledger);
    vkey = (await ledger.http.get('/v1/log/key')).body.vkey;
    // Read by an authority (the deployment's trust anchor): entitled to every clear value.
    await recordAll(ledger, [trustAnchor.register()]);
    bundle = (await ledger.getAs(trustAnchor, `/v1/cases/${recorded.caseId}/bundle?disclose=true`)).body;
    expect(bundle.disclosed.map((d) => d.path).sort()).toEqual(['data.claimant.contact', 'data.contact']);
  });
  afterAll(async () => ledger.close());

  const key = () => parseVerifierKey(vkey)!;
  const copy = (): CaseBundle => structuredClone(bundle);
  describe('over HTTP', () => {
    it('serves the latest checkpoint as a signed note and as JSON', async () => {
      const text = await ledger.http.get('/v1/log/checkpoint');
      expect(text.headers['content-type']).toMatch(/text\/plain/);
      expect(text.text).toMatch(/^harbor-ledger\.local\/log\n\d+\n[A-Za-z0-9+/]{43}=\n\n\u2014 harbor-ledger\.local\/log /);
      const json = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
      expect(json).toMatchObject({ origin: 'harbor-ledger.local/log', size: expect.any(Number), root: expect.stringMatching(/^[0-9a-f]{64}$/), note: text.text });
    });

    it('proves inclusion of every entry and consistency between sizes, checked by the pure verifier', async () => {
      const entries = (await ledger.http.get('/v1/log/entries?from=0&limit=1000')).body.entries as { seq: number; entry: string; leaf: string }[];
      const checkpoint = parseCheckpointBody((await ledger.http.get('/v1/log/checkpoint')).text.split('\n\n')[0] + '\n')!;
      for (const e of entries.filter((x) => x.seq < checkpoint.size)) {
        const p = (await ledger.http.get(`/v1/log/proof/inclusion?seq=${e.seq}&size=${checkpoint.size}`)).body;
        expect(p.leaf).toBe(e.leaf);
        expect(verifyInclusion(e.seq, checkpoint.size, hashLeaf(new TextEncoder().encode(e.entry)), p.proof.map(fromHex), checkpoint.root).ok).toBe(true);
      }
      const c = (await ledger.http.get(`/v1/log/proof/consistency?from=3&to=${checkpoint.size}`)).body;
      expect(c).toMatchObject({ from: 3, to: checkpoint.size });
      expect(c.proof.length).toBeGreaterThan(0);
    });

    it.each([
      ['/v1/log/proof/inclusion?seq=99&size=5', 'seq'],
      ['/v1/log/proof/inclusion?seq=0&size=9999', 'size'],
      ['/v1/log/proof/inclusion?seq=-1&size=5', 'seq'],
      ['/v1/log/proof/consistency?from=0&to=5', 'from'],
      ['/v1/log/proof/consistency?from=6&to=5', 'from'],
      ['/v1/log/proof/consistency?from=1&to=9999', 'to'],
    ])('refuses %s with a 400 naming %s', async (url, field) => {
      const res = await ledger.http.get(url);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ field });
      expect(['out_of_range', 'schema']).toContain(res.body.error.code);
    });

    it('answers 404 for the bundle of a case that does not exist', async () => {
      expect((await ledger.http.get('/v1/cases/nope/bundle')).status).toBe(404);
    });

    it('signs checkpoints that extend each other', async () => {
      const first = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
      await ledger.post(recorded.user.caseAct('complaint.lodged', recorded.caseId, { grounds: 'my own performance' }));
      await ledger.http.get(`/v1/cases/${recorded.caseId}/bundle`); // a bundle forces a fresh checkpoint
      const second = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
      expect(second.size).toBe(first.size + 1);
      const proof = (await ledger.http.get(`/v1/log/proof/consistency?from=${first.size}&to=${second.size}`)).body.proof.map(fromHex);
      expect(verifyConsistency(first.size, second.size, fromHex(first.root), fromHex(second.root), proof).ok).toBe(true);
    });
  });

  describe('the log\'s history', () => {
    it('lists its signed checkpoints newest first, page by page, each note verifying and each extending the one before', async () => {
      // Three more checkpoints, one after each act (a bundle forces a fresh one).
      for (const grounds of ['one', 'two', 'three']) {
        await ledger.post(recorded.user.caseAct('complaint.lodged', recorded.caseId, { grounds }));
        await ledger.http.get(`/v1/cases/${recorded.caseId}/bundle`);
      }
      const latest = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
      const first = (await ledger.http.get('/v1/log/checkpoints?limit=2')).body;
      expect(first.items).toHaveLength(2);
      expect(first.items[0]).toEqual({ size: latest.size, root: latest.root, signedAt: latest.signedAt, note: latest.note });
      expect(first.items[1].size).toBe(latest.size - 1);
      expect(first.next).toBe(String(latest.size - 1));
      const second = (await ledger.http.get(`/v1/log/checkpoints?limit=2&before=${first.next}`)).body;
      expect(second.items[0].size).toBe(latest.size - 2);
      const history = [...first.items, ...second.items];
      for (const c of history) expect(openCheckpoint(c.note, key(), verifyStrictNode).ok).toBe(true);
      for (let i = 0; i + 1 < history.length; i++) {
        const [newer, older] = [history[i], history[i + 1]];
        const proof = (await ledger.http.get(`/v1/log/proof/consistency?from=${older.size}&to=${newer.size}`)).body.proof.map(fromHex);
        expect(verifyConsistency(older.size, newer.size, fromHex(older.root), fromHex(newer.root), proof).ok).toBe(true);
      }
    });

    it('refuses a limit out of range, naming it', async () => {
      const res = await ledger.http.get('/v1/log/checkpoints?limit=501');
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('limit');
    });
  });

  describe('offline verification of the served bundle', () => {
    it('finds the bundle it serves valid with node:crypto and with tweetnacl alike (the mutation suite is test/unit/verify-bundle.spec.ts)', () => {
      for (const verify of [verifyStrictNode, verifyStrictNacl]) expect(verifyBundle(bundle, key(), verify).failures).toEqual([]);
      expect(bundle.keys.length).toBe(4); // three registrations and the provider's rotation
    });
  });

  describe('harbor verify', () => {
    const dir = makeTempDir();
    afterAll(() => dir.remove());
    const run = async (args: string[]) => {
      const out: string[] = [];
      const code = await runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
      return { code, text: out.join('\n') };
    };

    it('exits 0 for a valid bundle, 1 for a tampered one naming seq and code, 2 for an unreadable one', async () => {
      const good = join(dir.path, 'good.json');
      writeFileSync(good, JSON.stringify(bundle));
      const valid = await run(['verify', good, '--ledger-key', vkey]);
      expect(valid.text).toContain('VALID');
      expect(valid.code).toBe(0);

      const b = copy();
      b.entries[1].proof.pop();
      const bad = join(dir.path, 'bad.json');
      writeFileSync(bad, JSON.stringify(b));
      const invalid = await run(['verify', bad, '--ledger-key', vkey]);
      expect(invalid.code).toBe(1);
      expect(invalid.text).toMatch(new RegExp(`INCLUSION\\s+seq ${b.entries[1].seq}:`));

      const junk = join(dir.path, 'junk.json');
      writeFileSync(junk, '{not json');
      expect((await run(['verify', junk, '--ledger-key', vkey])).code).toBe(2);
      expect((await run(['verify', join(dir.path, 'missing.json'), '--ledger-key', vkey])).code).toBe(2);
      expect((await run(['verify', good, '--ledger-key', 'not-a-key'])).code).toBe(2);
    });
  });
});
