import { beforeAll, describe, expect, it } from 'vitest';
import { BundleBuilder } from '../../src/application/bundle-builder.js';
import { Checkpointer } from '../../src/application/checkpointer.js';
import { InlineCrypto } from '../../src/application/crypto/inline-crypto.js';
import { Ledger } from '../../src/application/ledger.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { LogProofs } from '../../src/application/log-proofs.js';
import { ManualClock } from '../../src/application/ports/clock.js';
import { parseSubmission } from '../../src/application/submission.js';
import type { CaseBundle } from '../../src/audit/bundle.js';
import { checkpointBody, parseCheckpointBody, parseVerifierKey, signNote } from '../../src/audit/checkpoint.js';
import { encodeBase64 } from '../../src/audit/encoding.js';
import { keyPairFromSeed, signNacl, verifyStrictNacl } from '../../src/audit/ed25519-nacl.js';
import { verifyStrictNode } from '../../src/audit/ed25519-node.js';
import { streamHeadSigningBytes } from '../../src/audit/stream-head.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import type { VerificationCode } from '../../src/audit/verification-error.js';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import type { Harness } from '../support/harness.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';

/**
 * The offline verifier against a real bundle and every way of tampering with it. The bundle is made
 * in-process (writer, memory store, bundle builder: no server), so this suite is quick enough for
 * mutation testing; the HTTP path is covered by test/e2e/bundle.e2e.spec.ts.
 */
describe('offline verification', () => {
  const ledgerKey = LedgerKey.fromSeed('harbor-ledger.local/log', new Uint8Array(32).fill(11));
  const vkey = ledgerKey.verifierKey;
  let recorded: RecordedCase;
  let bundle: CaseBundle;

  beforeAll(async () => {
    const store = new MemoryLedgerStore();
    const ledger = new Ledger(store, new ManualClock(new Date()), ledgerKey, {}, {}, new InlineCrypto(ledgerKey));
    const post = async (body: unknown) => {
      try {
        return { status: (await ledger.submit(parseSubmission(body))).status, body: {} };
      } catch (error) {
        return { status: 400, body: { error: String(error) } };
      }
    };
    recorded = await recordDmcaCase({ post } as unknown as Harness);
    const checkpointer = new Checkpointer(store, () => ledger.head(), new LogProofs(store), ledgerKey, new ManualClock(new Date()));
    bundle = await new BundleBuilder(store, checkpointer, ledgerKey).build(recorded.caseId, { disclose: true });
  });

  const key = () => parseVerifierKey(vkey)!;
  const copy = (): CaseBundle => structuredClone(bundle);
  const codesOf = (b: unknown) => verifyBundle(b, key(), verifyStrictNode).failures.map((f) => `${f.code}@${f.seq ?? '-'}`);
  const expectFailure = (b: unknown, code: VerificationCode, seq?: number) => {
    expect(codesOf(b)).toContain(`${code}@${seq ?? '-'}`);
  };

    it('finds the bundle valid with node:crypto and with tweetnacl alike', () => {
      for (const verify of [verifyStrictNode, verifyStrictNacl]) {
        const report = verifyBundle(bundle, key(), verify);
        expect(report.failures).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.summary).toMatchObject({ stream: `case-${recorded.caseId}`, entries: 7, actors: [recorded.holder.id, recorded.host.id, recorded.user.id].sort() });
      }
      expect(bundle.keys.length).toBe(4); // three registrations and the provider's rotation
      expect(bundle.disclosed.map((d) => d.path).sort()).toEqual(['data.claimant.contact', 'data.contact']);
    });

    it('gives the same failures with tweetnacl as with node:crypto on tampered bundles', () => {
      const altered = copy();
      altered.entries[2].entry = altered.entries[2].entry.replace('"disabled"', '"removed"');
      const withoutRotation = copy();
      withoutRotation.keys = withoutRotation.keys.filter((k) => JSON.parse(k.entry).act.type !== 'party.key_rotated');
      for (const b of [altered, withoutRotation]) {
        const codes = (verify: typeof verifyStrictNode) => verifyBundle(b, key(), verify).failures.map((f) => `${f.code}@${f.seq}`);
        expect(codes(verifyStrictNacl)).toEqual(codes(verifyStrictNode));
        expect(codes(verifyStrictNode).length).toBeGreaterThan(0);
      }
    });

    it('BUNDLE_MALFORMED: not a bundle', () => {
      expectFailure({}, 'BUNDLE_MALFORMED');
      expectFailure({ ...copy(), entries: 'x' }, 'BUNDLE_MALFORMED');
    });

    it('INCLUSION: an altered entry', () => {
      const b = copy();
      b.entries[2].entry = b.entries[2].entry.replace('"disabled"', '"removed"');
      expectFailure(b, 'INCLUSION', b.entries[2].seq);
      expectFailure(b, 'ACTOR_SIGNATURE', b.entries[2].seq);
    });

    it('CHAIN_BREAK and STREAM_HEAD: a dropped entry', () => {
      const b = copy();
      const dropped = b.entries.splice(3, 1)[0];
      expect(dropped).toBeDefined();
      expectFailure(b, 'CHAIN_BREAK', b.entries[3].seq);
      expectFailure(b, 'STREAM_HEAD');
    });

    it('CHAIN_BREAK: reordered entries', () => {
      const b = copy();
      [b.entries[1], b.entries[2]] = [b.entries[2], b.entries[1]];
      expectFailure(b, 'CHAIN_BREAK', b.entries[2].seq);
    });

    it('INCLUSION: a flipped proof hash', () => {
      const b = copy();
      const h = b.entries[0].proof[0];
      b.entries[0].proof[0] = (h[0] === '0' ? '1' : '0') + h.slice(1);
      expectFailure(b, 'INCLUSION', b.entries[0].seq);
    });

    it('INCLUSION: a truncated proof', () => {
      const b = copy();
      b.entries[1].proof.pop();
      expectFailure(b, 'INCLUSION', b.entries[1].seq);
    });

    it('INCLUSION: the size+1 trick on a last-leaf proof', () => {
      const b = copy();
      const cp = parseCheckpointBody(b.checkpoint.slice(0, b.checkpoint.indexOf('\n\n') + 1))!;
      const last = b.entries.at(-1)!;
      expect(last.seq).toBe(cp.size - 1); // the case's last act is the tree's last leaf
      b.checkpoint = signNote(checkpointBody({ ...cp, size: cp.size + 1 }), cp.origin, ledgerKey.publicKey, (m) => ledgerKey.sign(m));
      const head = { ...b.streamHead, treeSize: cp.size + 1 };
      b.streamHead = { ...head, sig: encodeBase64(ledgerKey.sign(streamHeadSigningBytes(head))) };
      expect(verifyBundle(b, key(), verifyStrictNode).failures.filter((f) => f.code !== 'INCLUSION')).toEqual([]);
      expectFailure(b, 'INCLUSION', last.seq);
    });

    it('CHECKPOINT_SIG: a checkpoint signed by another key under the same name', () => {
      const b = copy();
      const other = keyPairFromSeed(new Uint8Array(32).fill(42));
      b.checkpoint = signNote(b.checkpoint.slice(0, b.checkpoint.indexOf('\n\n') + 1), 'harbor-ledger.local/log', other.publicKey, (m) => signNacl(other.secretKey, m));
      expectFailure(b, 'CHECKPOINT_SIG');
    });

    it('STREAM_HEAD: a signed stream head that lies about the number of entries', () => {
      const b = copy();
      const head = { ...b.streamHead, revisions: b.streamHead.revisions - 1 };
      b.streamHead = { ...head, sig: encodeBase64(ledgerKey.sign(streamHeadSigningBytes(head))) };
      expectFailure(b, 'STREAM_HEAD');
      expect(codesOf(b).every((c) => c.startsWith('STREAM_HEAD'))).toBe(true);
    });

    it('STREAM_HEAD: a stream head not signed by the ledger', () => {
      const b = copy();
      b.streamHead = { ...b.streamHead, revisions: 99 };
      expectFailure(b, 'STREAM_HEAD');
    });

    it('COMMITMENT: a disclosed value that does not match its commitment', () => {
      const b = copy();
      b.disclosed[0].value = 'someone-else@example.com';
      expectFailure(b, 'COMMITMENT', b.disclosed[0].seq);
    });

    it('ACTOR_KEY_UNKNOWN: the key entries of an actor left out', () => {
      const b = copy();
      const userKeySeq = b.keys.find((k) => JSON.parse(k.entry).act.actor === recorded.user.id)!.seq;
      b.keys = b.keys.filter((k) => k.seq !== userKeySeq);
      const counterSeq = b.entries.find((e) => JSON.parse(e.entry).act.type === 'counter_notice.submitted')!.seq;
      expectFailure(b, 'ACTOR_KEY_UNKNOWN', counterSeq);
    });

    it('ACTOR_SIGNATURE: acts after a rotation checked with the rotated key, not the old one', () => {
      const b = copy();
      const rotationSeq = b.keys.find((k) => JSON.parse(k.entry).act.type === 'party.key_rotated')!.seq;
      b.keys = b.keys.filter((k) => k.seq !== rotationSeq);
      const afterRotation = b.entries.filter((e) => e.seq > rotationSeq && JSON.parse(e.entry).act.actor === recorded.host.id);
      expect(afterRotation.length).toBeGreaterThan(0);
      for (const e of afterRotation) expectFailure(b, 'ACTOR_SIGNATURE', e.seq);
    });

    it('ENTRY_NOT_CANONICAL: an entry re-serialized with whitespace', () => {
      const b = copy();
      b.entries[0].entry = JSON.stringify(JSON.parse(b.entries[0].entry), null, 1);
      expectFailure(b, 'ENTRY_NOT_CANONICAL', b.entries[0].seq);
    });

    it('TIME_ORDER: an entry dated before the one it follows', () => {
      const b = copy();
      const e = JSON.parse(b.entries[4].entry);
      e.recordedAt = '2000-01-01T00:00:00.000Z';
      b.entries[4].entry = JSON.stringify(e); // still canonical: same key order, no whitespace
      expectFailure(b, 'TIME_ORDER', b.entries[4].seq);
    });

    it('takes the ledger key from the caller only: a bundle re-signed wholesale by another ledger fails', () => {
      const otherKey = keyPairFromSeed(new Uint8Array(32).fill(7));
      const b = copy();
      b.checkpoint = signNote(b.checkpoint.slice(0, b.checkpoint.indexOf('\n\n') + 1), 'harbor-ledger.local/log', otherKey.publicKey, (m) => signNacl(otherKey.secretKey, m));
      const head = { ...b.streamHead };
      b.streamHead = { ...head, sig: encodeBase64(signNacl(otherKey.secretKey, streamHeadSigningBytes(head))) };
      expect(codesOf(b)).toEqual(expect.arrayContaining(['CHECKPOINT_SIG@-', 'STREAM_HEAD@-']));
    });
  });
