import { createHash, sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointBody, parseVerifierKey, signNote } from '../../src/audit/checkpoint.js';
import { cosign, parseWitnessKey, verifyCosignature, witnessVerifierKey } from '../../src/audit/cosignature.js';
import { encodeBase64 } from '../../src/audit/encoding.js';
import { EMPTY_ROOT } from '../../src/audit/merkle-hash.js';
import { consistencyPlan } from '../../src/audit/merkle-tree.js';
import { noteVerifierKey } from '../../src/audit/note-key.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { SqliteWitnessState } from '../../src/store/sqlite/witness-state.js';
import { originHash, Witness } from '../../src/witness/witness.js';
import { fastKeyPair, fastSign } from '../support/fast-ed25519.js';

const ORIGIN = 'ledger.test/log';
const NOW = new Date('2026-11-30T12:00:00Z');

/** RFC 6962 MTH by recursion, independent of the code under test. */
function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256').update(Uint8Array.of(1)).update(mth(leaves.slice(0, k))).update(mth(leaves.slice(k))).digest();
}

const leaves = Array.from({ length: 40 }, (_, i) => new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(`entry ${i}`).digest()));
const node = (level: number, index: number) => mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));
const proof = (from: number, to: number) => consistencyPlan(from, to).map((group) => mth(group.map((n) => node(n.level, n.index)))).map(encodeBase64);

function setUp() {
  const log = fastKeyPair();
  const witnessKeys = fastKeyPair();
  const identity = { name: 'witness.test/w1', publicKey: witnessKeys.publicKey, sign: (m: Uint8Array) => fastSign(witnessKeys.secretKey, m) };
  const logKey = parseVerifierKey(noteVerifierKey(ORIGIN, log.publicKey))!;
  const witness = new Witness(identity, new Map([[ORIGIN, logKey]]), new SqliteWitnessState(':memory:'), () => NOW, verifyStrictNode);
  const note = (size: number, root = mth(leaves.slice(0, size)), origin = ORIGIN) => signNote(checkpointBody({ origin, size, root }), origin, log.publicKey, (m) => fastSign(log.secretKey, m));
  const request = (old: number, lines: string[], checkpoint: string) => `old ${old}\n${lines.map((l) => `${l}\n`).join('')}\n${checkpoint}`;
  const witnessKey = parseWitnessKey(witnessVerifierKey(identity.name, identity.publicKey))!;
  return { witness, note, request, witnessKey, witnessKeys, identity };
}

describe('cosignature/v1', () => {
  it('is the line an independent reading of the spec computes: key id, big-endian time, signature over the header, time and body', () => {
    const keys = fastKeyPair();
    const body = checkpointBody({ origin: ORIGIN, size: 3, root: mth(leaves.slice(0, 3)) });
    const line = cosign(body, 'witness.test/w1', keys.publicKey, 1_700_000_000, (m) => fastSign(keys.secretKey, m));
    const keyId = createHash('sha256').update('witness.test/w1\n').update(Uint8Array.of(4)).update(keys.publicKey).digest().subarray(0, 4);
    const time = Buffer.alloc(8);
    time.writeBigUInt64BE(1_700_000_000n);
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), keys.secretKey.subarray(0, 32)]);
    const signature = nodeSign(null, Buffer.from(`cosignature/v1\ntime 1700000000\n${body}`), { key: pkcs8, format: 'der', type: 'pkcs8' });
    expect(line).toBe(`\u2014 witness.test/w1 ${Buffer.concat([keyId, time, signature]).toString('base64')}\n`);
  });
});

describe('a tlog-witness', () => {
  it('cosigns the first checkpoint it sees, then each one that extends it, with the time of signing', () => {
    const { witness, note, request, witnessKey } = setUp();
    const first = witness.addCheckpoint(request(0, [], note(5)));
    expect(first.status).toBe(200);
    expect(verifyCosignature(note(5) + first.body, witnessKey, verifyStrictNode)).toEqual({ ok: true, timestamp: NOW.getTime() / 1000 });
    const next = witness.addCheckpoint(request(5, proof(5, 13), note(13)));
    expect(next.status).toBe(200);
    expect(verifyCosignature(note(13) + next.body, witnessKey, verifyStrictNode).ok).toBe(true);
    // The monitoring view: the log's note with the witness's cosignature.
    expect(witness.latest(originHash(ORIGIN))?.note).toBe(note(13) + next.body);
    expect(witness.latest(originHash('other.test/log'))).toBeUndefined();
  });

  it('refuses a forked log: another root for a size it cosigned (422), and does not move', () => {
    const { witness, note, request } = setUp();
    expect(witness.addCheckpoint(request(0, [], note(8))).status).toBe(200);
    const forked = witness.addCheckpoint(request(8, [], note(8, mth(leaves.slice(1, 9)))));
    expect(forked.status).toBe(422);
    expect(forked.body).toMatch(/fork/);
    // Nor a larger tree that does not contain the cosigned one.
    const other = witness.addCheckpoint(request(8, proof(8, 20), note(20, mth(leaves.slice(2, 22)))));
    expect(other.status).toBe(422);
    expect(witness.addCheckpoint(request(8, proof(8, 20), note(20))).status).toBe(200);
  });

  it('refuses a rollback: a smaller tree than the one cosigned', () => {
    const { witness, note, request } = setUp();
    expect(witness.addCheckpoint(request(0, [], note(20))).status).toBe(200);
    expect(witness.addCheckpoint(request(20, [], note(12))).status).toBe(400);
    const stale = witness.addCheckpoint(request(12, [], note(12)));
    expect([stale.status, stale.contentType, stale.body]).toEqual([409, 'text/x.tlog.size', '20\n']);
  });

  it('answers 409 with its size to a client that does not know it, 404 for an unknown log, 403 without the log’s signature', () => {
    const { witness, note, request } = setUp();
    expect(witness.addCheckpoint(request(0, [], note(4))).status).toBe(200);
    expect(witness.addCheckpoint(request(0, [], note(9)))).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '4\n' });
    expect(witness.addCheckpoint(request(0, [], note(4, mth(leaves.slice(0, 4)), 'other.test/log'))).status).toBe(404);
    const forged = note(9).replace(/ [A-Za-z0-9+/=]+\n$/, ` ${encodeBase64(new Uint8Array(68))}\n`);
    expect(witness.addCheckpoint(request(4, proof(4, 9), forged)).status).toBe(403);
  });

  it('checks the proof and the empty tree as the spec says (422), and the request’s form (400)', () => {
    const { witness, note, request } = setUp();
    expect(witness.addCheckpoint(request(0, [], note(0, leaves[0]))).status).toBe(422); // size 0 must have the empty root
    expect(witness.addCheckpoint(request(0, proof(3, 6), note(6))).status).toBe(422); // no proof from the empty tree
    expect(witness.addCheckpoint(request(0, [], note(6))).status).toBe(200);
    const bad = proof(6, 11);
    bad[0] = encodeBase64(new Uint8Array(32));
    expect(witness.addCheckpoint(request(6, bad, note(11))).status).toBe(422);
    expect(witness.addCheckpoint(`old 06\n\n${note(11)}`).status).toBe(400);
    expect(witness.addCheckpoint(`old 6\nnot-a-hash\n\n${note(11)}`).status).toBe(400);
    expect(witness.addCheckpoint(request(6, Array(64).fill(encodeBase64(new Uint8Array(32))), note(11))).status).toBe(400);
    expect(witness.addCheckpoint(request(6, proof(6, 11), note(11))).status).toBe(200);
  });
});

describe('a tlog-witness, answering in words', () => {
  it('says what is wrong with a request, and with the checkpoint in it', () => {
    const { witness, note, request } = setUp();
    expect(witness.addCheckpoint('old 0\nledger.test/log\n3\n')).toEqual({ status: 400, contentType: 'text/plain; charset=utf-8', body: 'the request must be an old size line, proof lines, a blank line and the checkpoint\n' });
    for (const line of ['old 5x', ' old 5', 'old -1', 'new 5']) expect(witness.addCheckpoint(`${line}\n\n${note(3)}`).body, line).toBe('the first line must be "old <size>"\n');
    expect(witness.addCheckpoint('old 0\n\nledger.test/log\n3\nnot signed\n').body).toBe('the checkpoint is not a signed note carrying a checkpoint\n');
    expect(witness.addCheckpoint(request(0, [], note(4, mth(leaves.slice(0, 4)), 'other.test/log'))).body).toBe('unknown log other.test/log\n');
    const forged = note(4).replace(/ [A-Za-z0-9+/=]+\n$/, ` ${encodeBase64(new Uint8Array(68))}\n`);
    expect(witness.addCheckpoint(request(0, [], forged))).toMatchObject({ status: 403, body: `no valid signature by ${ORIGIN}\n` });
    expect(witness.addCheckpoint(request(9, proof(4, 9), note(4)))).toMatchObject({ status: 400, body: 'old size 9 is larger than the checkpoint\'s 4\n' });
    // A fresh witness has cosigned nothing: its size is 0.
    expect(witness.addCheckpoint(request(4, proof(4, 9), note(9)))).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '0\n' });
    // Exactly 63 proof lines are allowed (the form, then the proof is judged).
    expect(witness.addCheckpoint(request(0, [], note(9))).status).toBe(200);
    expect(witness.addCheckpoint(request(9, Array(63).fill(encodeBase64(new Uint8Array(32))), note(20))).status).toBe(422);
  });

  it('answers 409 with the size another request stored first (the check and the write are one step)', () => {
    const keys = fastKeyPair();
    const log = fastKeyPair();
    const logKey = parseVerifierKey(noteVerifierKey(ORIGIN, log.publicKey))!;
    const state = new SqliteWitnessState(':memory:');
    // A store whose write always finds another request got there first, at size 7.
    const racing = { latest: (o: string) => state.latest(o), byOriginHash: (h: string) => state.byOriginHash(h), replace: () => (state.replace(ORIGIN, 0, { size: 7, root: mth(leaves.slice(0, 7)), note: 'n' }), false) };
    const witness = new Witness({ name: 'w.test/race', publicKey: keys.publicKey, sign: (m) => fastSign(keys.secretKey, m) }, new Map([[ORIGIN, logKey]]), racing, () => NOW, verifyStrictNode);
    const note = signNote(checkpointBody({ origin: ORIGIN, size: 5, root: mth(leaves.slice(0, 5)) }), ORIGIN, log.publicKey, (m) => fastSign(log.secretKey, m));
    expect(witness.addCheckpoint(`old 0\n\n${note}`)).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '7\n' });
  });

  it('shows monitors a log only by the lowercase hex SHA-256 of its origin', () => {
    const { witness, note, request } = setUp();
    expect(witness.addCheckpoint(request(0, [], note(5))).status).toBe(200);
    const hash = originHash(ORIGIN);
    expect(hash).toBe(createHash('sha256').update(ORIGIN).digest('hex'));
    expect(witness.latest(hash)?.size).toBe(5);
    for (const bad of [hash.toUpperCase(), hash.slice(1), `${hash}0`, `x${hash}`]) expect(witness.latest(bad), bad).toBeUndefined();
  });
});
