import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DossierBuilder } from '../../src/application/dossier-builder.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import type { CaseBundle } from '../../src/audit/bundle.js';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import type { Dossier } from '../../src/audit/dossier.js';
import { verifyStrictNacl } from '../../src/audit/ed25519-nacl.js';
import { hashChildren, hashLeaf } from '../../src/audit/merkle-hash.js';
import { portableSha256Of, useSha256 } from '../../src/audit/sha256.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import { verifyDossier } from '../../src/audit/verify-dossier.js';
import { nodeSha256, useNodeCrypto, verifyStrictNode } from '../../src/backends/node-crypto.js';
import { rejudgeBundle } from '../../src/verdict/rejudge.js';
import { rejudgeDossier } from '../../src/verdict/dossier.js';
import { inProcessDmcaCase } from '../support/in-process-ledger.js';

const BACKENDS = [
  { name: 'node:crypto (server, CLI)', use: () => useNodeCrypto(), verify: verifyStrictNode },
  { name: 'pure JS: @noble/hashes and tweetnacl (a browser)', use: () => useSha256(portableSha256Of), verify: verifyStrictNacl },
];

describe('src/audit is portable: the same verdicts with node:crypto and in pure JS', () => {
  const ledgerKey = LedgerKey.fromSeed('harbor-ledger.local/log', new Uint8Array(32).fill(13));
  const key = () => parseVerifierKey(ledgerKey.verifierKey)!;
  let bundle: CaseBundle;
  let dossier: Dossier;

  beforeAll(async () => {
    const { store, clock, recorded, bundles } = await inProcessDmcaCase(ledgerKey);
    bundle = await bundles.build(recorded.caseId);
    dossier = await new DossierBuilder(store, bundles, ledgerKey, clock, async () => [recorded.caseId]).build(recorded.host.id);
  });
  afterEach(() => useNodeCrypto());

  it('holds no node:crypto and no Buffer in src/audit', () => {
    const dir = join(process.cwd(), 'src/audit');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const code = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/from ['"]node:|import\(['"]node:|\bBuffer\.|\brequire\(/);
    }
  });

  it('hashes alike on both: RFC 6962 leaves and nodes over any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
      expect(Buffer.from(portableSha256Of(a, b)).equals(Buffer.from(nodeSha256(a, b)))).toBe(true);
    }), { numRuns: 300 });
    const leaf = (impl: () => void) => (impl(), [hashLeaf(new Uint8Array([1, 2])), hashChildren(new Uint8Array(32), new Uint8Array(32).fill(1))]);
    expect(leaf(BACKENDS[1].use)).toEqual(leaf(BACKENDS[0].use));
  });

  for (const backend of BACKENDS) {
    describe(backend.name, () => {
      it('verifies and re-judges the bundle', () => {
        backend.use();
        expect(verifyBundle(bundle, key(), backend.verify).failures).toEqual([]);
        expect(rejudgeBundle(bundle).failures).toEqual([]);
      });

      it('finds the same faults in tampered bundles', () => {
        backend.use();
        const altered = structuredClone(bundle);
        altered.entries[2].entry = altered.entries[2].entry.replace('disabled', 'removed');
        const dropped = structuredClone(bundle);
        dropped.parties![0].entries.pop();
        const codes = (b: CaseBundle) => verifyBundle(b, key(), backend.verify).failures.map((f) => `${f.code}@${f.seq ?? '-'}`);
        const seq = bundle.entries[2].seq;
        expect(codes(altered)).toEqual(expect.arrayContaining([`INCLUSION@${seq}`, `ACTOR_SIGNATURE@${seq}`]));
        expect(codes(dropped).some((c) => c.startsWith('STREAM_HEAD'))).toBe(true);
      });

      it('verifies and re-judges the dossier, and finds an omitted case', () => {
        backend.use();
        expect(verifyDossier(dossier, key(), backend.verify).failures).toEqual([]);
        expect(rejudgeDossier(dossier).failures).toEqual([]);
        const omitted = { ...structuredClone(dossier), cases: [] };
        expect(verifyDossier(omitted, key(), backend.verify).failures.map((f) => f.code)).toEqual(['CASE_LIST']);
      });
    });
  }

  it('gives the very same failures on both backends for the same tampering', () => {
    const altered = structuredClone(bundle);
    altered.entries[1].entry = altered.entries[1].entry.replace('user-42', 'user-43');
    const failures = BACKENDS.map((b) => (b.use(), verifyBundle(altered, key(), b.verify).failures));
    expect(failures[0].length).toBeGreaterThan(0);
    expect(failures[1]).toEqual(failures[0]);
  });
});
