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
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { streamHeadSigningBytes } from '../../src/audit/stream-head.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import type { VerificationCode } from '../../src/audit/verification-error.js';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import type { Harness } from '../support/harness.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';
import { initialPartyState } from '../../src/domain/party/state.js';
import { SqliteAccessLog } from '../../src/store/sqlite/sqlite-access-log.js';
import { BUNDLE_FORMAT, type JudgementClaimBody } from '../../src/audit/bundle.js';
import { judgementSigningBytes } from '../../src/audit/judgement.js';
import { rejudgeBundle } from '../../src/verdict/rejudge.js';
import { inProcessDmcaCase } from '../support/in-process-ledger.js';

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
  let bundleV2: CaseBundle;

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
    // Read by a court (a trust anchor): entitled to every clear value.
    const court = { ...initialPartyState('court'), registered: true, keys: [{ publicKey: 'Y291cnQ=', fromSeq: 0, fromRecordedAt: '' }] };
    const context = { mode: 'public' as const, anchors: new Map([['court', 'Y291cnQ=']]), operators: new Map(), now: new Date().toISOString() };
    bundleV2 = await new BundleBuilder(store, checkpointer, ledgerKey, new SqliteAccessLog(':memory:')).build(recorded.caseId, { disclose: { reader: { kind: 'party', party: court }, context } });
    // The v1 form (still verified): the same case without the party streams and the judgement.
    const { parties: _parties, judgement: _judgement, ...v1 } = bundleV2;
    bundle = { ...v1, format: BUNDLE_FORMAT };
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
  
  describe('BUNDLE_MALFORMED names every problem of shape before reading anything', () => {
    const problems = (b: unknown) => verifyBundle(b, key(), verifyStrictNode).failures.map((f) => `${f.code}: ${f.message}`);
    const malformed = (...messages: string[]) => messages.map((m) => `BUNDLE_MALFORMED: ${m}`);

    it.each([
      ['null', null, ['the bundle is not a JSON object']],
      ['an array', [], ['the bundle is not a JSON object']],
      ['another format', { format: 'harbor-ledger/bundle/v0' }, ['format must be harbor-ledger/bundle/v1 or harbor-ledger/bundle/v2']],
      ['a checkpoint that is not text', { checkpoint: 7 }, ['checkpoint must be the signed note text']],
      ['keys that are not a list', { keys: {} }, ['keys must be a list']],
      ['entries that are not a list', { entries: 'x' }, ['entries must be a list']],
      ['disclosed that is not a list', { disclosed: {} }, ['disclosed must be a list']],
    ] as const)('%s', (_n, patch, messages) => {
      const b = patch === null || Array.isArray(patch) ? patch : { ...copy(), ...patch };
      expect(problems(b)).toEqual(malformed(...messages));
    });

    it.each([
      ['entry text missing', (e: Record<string, unknown>) => ({ ...e, entry: undefined })],
      ['seq negative', (e: Record<string, unknown>) => ({ ...e, seq: -1 })],
      ['seq fractional', (e: Record<string, unknown>) => ({ ...e, seq: 1.5 })],
      ['proof not a list', (e: Record<string, unknown>) => ({ ...e, proof: 'ab' })],
      ['a proof hash in upper case', (e: Record<string, unknown>) => ({ ...e, proof: ['AB'] })],
      ['a proof hash of odd length', (e: Record<string, unknown>) => ({ ...e, proof: ['abc'] })],
      ['an entry that is not an object', () => 'entry'],
    ])('an entry with %s', (_n, change) => {
      const b = copy();
      b.entries[1] = change(b.entries[1] as unknown as Record<string, unknown>) as unknown as CaseBundle['entries'][number];
      b.keys[0] = change(b.keys[0] as unknown as Record<string, unknown>) as unknown as CaseBundle['keys'][number];
      expect(problems(b)).toEqual(malformed('keys[0] must be {entry: text, seq: integer, proof: [hex]}', 'entries[1] must be {entry: text, seq: integer, proof: [hex]}'));
    });

    it.each([
      ['no stream', { stream: undefined }],
      ['revisions negative', { revisions: -1 }],
      ['a tree size that is text', { treeSize: '9' }],
      ['no signature', { sig: undefined }],
      ['a head that is not hex', { head: 'xyz' }],
    ])('a stream head with %s', (_n, patch) => {
      const b = copy();
      b.streamHead = { ...b.streamHead, ...patch } as CaseBundle['streamHead'];
      expect(problems(b)).toEqual(malformed('streamHead must be {stream, revisions, head, treeSize, sig}'));
    });

    it('a stream head may name no head (an empty stream)', () => {
      const b = copy();
      b.streamHead = { ...b.streamHead, head: null } as unknown as CaseBundle['streamHead'];
      expect(problems(b).filter((p) => p.startsWith('BUNDLE_MALFORMED'))).toEqual([]);
    });

    it.each([
      ['no value', { value: undefined }],
      ['no salt', { salt: 3 }],
      ['no path', { path: null }],
      ['a seq that is text', { seq: '4' }],
    ])('a disclosure with %s', (_n, patch) => {
      const b = copy();
      b.disclosed![0] = { ...b.disclosed![0], ...patch } as unknown as NonNullable<CaseBundle['disclosed']>[number];
      expect(problems(b)).toEqual(malformed('disclosed[0] must be {seq, path, value, salt}'));
    });

    it('a bundle without disclosures is well formed', () => {
      const { disclosed: _d, ...b } = copy();
      expect(verifyBundle(b, key(), verifyStrictNode)).toMatchObject({ ok: true, failures: [] });
    });
  });

  describe('each failure is reported once, with its seq and the message a reader acts on', () => {
    const failures = (b: unknown) => verifyBundle(b, key(), verifyStrictNode).failures;
    const resignHead = (b: CaseBundle, head: Omit<CaseBundle['streamHead'], 'sig'>) => {
      b.streamHead = { ...head, sig: encodeBase64(ledgerKey.sign(streamHeadSigningBytes(head))) } as CaseBundle['streamHead'];
    };
    const stream = () => bundle.streamHead.stream;

    it('a disclosed value that does not open its commitment', () => {
      const b = copy();
      b.disclosed![0].value = 'someone-else@example.com';
      expect(failures(b)).toEqual([{ code: 'COMMITMENT', seq: b.disclosed![0].seq, message: `the disclosed ${b.disclosed![0].path} does not open its commitment` }]);
    });

    it('a disclosure at a path with no commitment', () => {
      const b = copy();
      b.disclosed![0].path = 'data.nowhere.contact';
      expect(failures(b)).toEqual([{ code: 'COMMITMENT', seq: b.disclosed![0].seq, message: 'no commitment at data.nowhere.contact in the entry' }]);
    });

    it('a disclosure for an entry the bundle does not hold', () => {
      const b = copy();
      b.disclosed![0].seq = 10_000;
      expect(failures(b)).toEqual([{ code: 'COMMITMENT', seq: 10_000, message: `no commitment at ${b.disclosed![0].path} in the entry` }]);
    });

    it('a stream head that counts one entry fewer, re-signed by the ledger key', () => {
      const b = copy();
      resignHead(b, { ...b.streamHead, revisions: b.streamHead.revisions - 1 });
      expect(failures(b)).toEqual([{ code: 'STREAM_HEAD', message: `the ledger signed ${b.streamHead.revisions} entries for ${stream()}; the bundle holds ${b.entries.length}` }]);
    });

    it('a stream head of another tree size, re-signed', () => {
      const b = copy();
      resignHead(b, { ...b.streamHead, treeSize: b.streamHead.treeSize + 1 });
      expect(failures(b)).toEqual([{ code: 'STREAM_HEAD', message: `the stream head speaks of tree size ${b.streamHead.treeSize}, the checkpoint of ${b.streamHead.treeSize - 1}` }]);
    });

    it('a stream head naming another head, re-signed', () => {
      const b = copy();
      resignHead(b, { ...b.streamHead, head: '00'.repeat(32) });
      expect(failures(b)).toEqual([{ code: 'STREAM_HEAD', seq: b.entries.at(-1)!.seq, message: 'the last entry is not the head the ledger signed' }]);
    });

    it('a stream head whose signature is not base64', () => {
      const b = copy();
      b.streamHead.sig = 'not base64';
      expect(failures(b)).toEqual([{ code: 'STREAM_HEAD', message: `the stream head of ${b.streamHead.stream} is not signed by the pinned ledger key` }]);
    });

    it('an entry that is not JSON', () => {
      const b = copy();
      b.entries[0].entry = '{not json';
      expect(failures(b)).toContainEqual({ code: 'ENTRY_NOT_CANONICAL', seq: b.entries[0].seq, message: 'the entry is not JSON' });
    });

    it('an entry that lacks its fields', () => {
      const b = copy();
      b.entries[0].entry = '{"v":1}';
      expect(failures(b)).toContainEqual({ code: 'ENTRY_NOT_CANONICAL', seq: b.entries[0].seq, message: 'the entry lacks v, seq, recordedAt, stream, revision, prev or act' });
    });

    it('a truncated inclusion proof, saying why it fails', () => {
      const b = copy();
      b.entries[1].proof.pop();
      expect(failures(b)).toEqual([{ code: 'INCLUSION', seq: b.entries[1].seq, message: `not included in the checkpoint's tree of size ${b.streamHead.treeSize}: the proof is shorter than the path to the root` }]);
    });

    it('an entry offered at another seq than its own', () => {
      const b = copy();
      const own = b.entries[2].seq;
      b.entries[2].seq = own + 1;
      expect(failures(b)).toContainEqual({ code: 'INCLUSION', seq: own + 1, message: `the entry says seq ${own} but is offered as leaf ${own + 1}` });
    });

    it('a checkpoint by another key under the same name', () => {
      const other = keyPairFromSeed(new Uint8Array(32).fill(12));
      const b = copy();
      b.checkpoint = signNote(b.checkpoint.slice(0, b.checkpoint.indexOf('\n\n') + 1), 'harbor-ledger.local/log', other.publicKey, (m) => signNacl(other.secretKey, m));
      expect(failures(b)).toEqual([{ code: 'CHECKPOINT_SIG', message: 'the checkpoint is not signed by the pinned ledger key: no signature by harbor-ledger.local/log' }]);
    });

    it('the key entries of an actor left out', () => {
      const b = copy();
      const user = recorded.user.id;
      b.keys = b.keys.filter((k) => JSON.parse(k.entry).act.actor !== user);
      const userActs = b.entries.filter((e) => JSON.parse(e.entry).act.actor === user);
      expect(userActs.length).toBeGreaterThan(0);
      expect(failures(b)).toEqual(userActs.map((e) => ({ code: 'ACTOR_KEY_UNKNOWN', seq: e.seq, message: `no key of ${user} valid at seq ${e.seq} is in the bundle` })));
    });

    it('a key entry that is not a registration or rotation', () => {
      const b = copy();
      b.keys[0] = b.entries[0];
      const actor = JSON.parse(b.entries[0].entry).act.actor;
      expect(failures(b)).toContainEqual({ code: 'ACTOR_KEY_UNKNOWN', seq: b.entries[0].seq, message: `key entry is not a registration or key rotation of ${actor}` });
    });

    it('a registration offered twice', () => {
      const b = copy();
      b.keys.push(b.keys[0]);
      const actor = JSON.parse(b.keys[0].entry).act.actor;
      expect(failures(b)).toContainEqual({ code: 'ACTOR_KEY_UNKNOWN', seq: b.keys[0].seq, message: `${actor} registered twice` });
    });

    it('a rotation without its registration', () => {
      const b = copy();
      const rotation = b.keys.find((k) => JSON.parse(k.entry).act.type === 'party.key_rotated')!;
      const actor = JSON.parse(rotation.entry).act.actor;
      b.keys = b.keys.filter((k) => !(JSON.parse(k.entry).act.actor === actor && JSON.parse(k.entry).act.type === 'party.registered'));
      expect(failures(b)).toContainEqual({ code: 'ACTOR_KEY_UNKNOWN', seq: rotation.seq, message: `a key rotation of ${actor} without its registration` });
    });
  });
});

describe('offline verification and re-judgement of v2 bundles', () => {
  const ledgerKey = LedgerKey.fromSeed('harbor-ledger.local/log', new Uint8Array(32).fill(12));
  const key = () => parseVerifierKey(ledgerKey.verifierKey)!;
  let bundle: CaseBundle;
  let later: CaseBundle;
  let hostId: string;

  beforeAll(async () => {
    const { recorded, post, bundles } = await inProcessDmcaCase(ledgerKey);
    hostId = recorded.host.id;
    await post(recorded.host.act('provider.policy_adopted', { repeatInfringer: { strikes: 3, windowDays: 365, action: 'terminate', actionWithinDays: 5, countDisputed: false } }));
    bundle = await bundles.build(recorded.caseId);
    await post(recorded.host.act('provider.agent_designated', { registry: 'DMCA-1055234', designatedOn: '2026-06-01' }));
    later = await bundles.build(recorded.caseId);
  });

  const copy = (): CaseBundle => structuredClone(bundle);
  const codes = (b: CaseBundle) => verifyBundle(b, key(), verifyStrictNode).failures.map((f) => f.code);
  const provider = (b: CaseBundle) => b.parties!.find((p) => p.streamHead.stream === `party-${hostId}`)!;
  const resignClaim = (b: CaseBundle, change: (body: JudgementClaimBody) => void) => {
    const { sig: _sig, ...body } = b.judgement!;
    change(body);
    b.judgement = { ...body, sig: encodeBase64(ledgerKey.sign(judgementSigningBytes(body))) };
  };

  it('verifies, with node:crypto and tweetnacl, and the judgement recomputed offline equals the signed claim', () => {
    for (const verify of [verifyStrictNode, verifyStrictNacl]) expect(verifyBundle(bundle, key(), verify).failures).toEqual([]);
    expect(bundle.parties!.map((p) => p.streamHead.stream).sort()).toEqual([`party-${hostId}`, 'party-acme-records'].sort());
    const r = rejudgeBundle(bundle);
    expect([r.compared, r.failures]).toEqual([true, []]);
    expect(r.judgement?.pack).toBe('us-dmca@2026.2');
    expect(r.judgement?.obligations.map((o) => `${o.key}:${o.status}`)).toEqual(['US.takedown:met', 'US.notifyUploader:met', 'US.forwardCounter:met', 'US.putback:early']);
  });

  it('finds a provider entry left out (its policy) against the signed head of its stream', () => {
    const b = copy();
    provider(b).entries.pop();
    expect(codes(b)).toContain('STREAM_HEAD');
  });

  it('finds a party entry from after the checkpoint', () => {
    const b = copy();
    provider(b).entries.push(provider(later).entries.at(-1)!);
    expect(codes(b)).toContain('INCLUSION');
  });

  it('finds a judgement claim altered after signing', () => {
    const b = copy();
    (b.judgement!.judgement as { protection: { status: string } }).protection.status = 'eligible';
    expect(codes(b)).toEqual(['JUDGEMENT_SIG']);
  });

  it('finds a signed judgement that the entries do not give (the ledger misjudged), naming where', () => {
    const b = copy();
    resignClaim(b, (body) => ((body.judgement as { obligations: { status: string }[] }).obligations[0].status = 'late'));
    expect(codes(b)).toEqual([]);
    const r = rejudgeBundle(b);
    expect(r.failures).toEqual([{ code: 'JUDGEMENT_MISMATCH', message: "the ledger's judgement differs from the one recomputed from the entries, at judgement.obligations[0].status" }]);
  });

  it('says clearly when the pack version is one it cannot apply, and judges nothing', () => {
    const b = copy();
    resignClaim(b, (body) => (body.pack = 'us-dmca@1999.1'));
    const r = rejudgeBundle(b);
    expect(r.failures.map((f) => f.code)).toEqual(['PACK_VERSION_UNKNOWN']);
    expect(r.failures[0].message).toMatch(/judged under us-dmca@1999\.1; this verifier applies .*us-dmca@2026\.2/);
    expect(r.judgement).toBeNull();
  });

  it('re-judges as of another time without comparing with the claim', () => {
    const r = rejudgeBundle(bundle, '2030-01-01T00:00:00.000Z');
    expect([r.compared, r.failures, r.asOf]).toEqual([false, [], '2030-01-01T00:00:00.000Z']);
  });
});
