import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpoint, parseVerifierKey } from '../../src/audit/checkpoint.js';
import { fromHex, toHex } from '../../src/audit/encoding.js';
import { hashLeaf } from '../../src/audit/merkle-hash.js';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle-verify.js';
import { decodeEntryBundle, encodeTileIndex, tilePath, TileNodeReader } from '../../src/audit/tiles.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { startLedger, type Harness } from '../support/harness.js';
import { uploader } from '../support/parties.js';

const PARTIES = 700; // more than two full level-0 tiles, so level 1 has hashes too

/** Bytes of a GET, as a tile client reads them. */
async function bytesOf(ledger: Harness, path: string): Promise<{ status: number; body: Uint8Array; headers: Record<string, string> }> {
  const res = await ledger.http.get(path).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, body: new Uint8Array(res.body as Buffer), headers: res.headers as Record<string, string> };
}

/** Waits for the checkpointer to sign the whole log (it signs at most once a second). */
async function checkpointOfAll(ledger: Harness): Promise<{ size: number; root: string; note: string }> {
  const size = await ledger.size();
  for (let i = 0; i < 50; i++) {
    const cp = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
    if (cp.size === size) return cp;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no checkpoint of size ${size}`);
}

describe('the log as C2SP tlog-tiles', () => {
  let ledger: Harness;
  let checkpoint: { size: number; root: string; note: string };
  let reader: TileNodeReader;

  beforeAll(async () => {
    ledger = await startLedger();
    const acts = Array.from({ length: PARTIES }, (_, i) => uploader(`tile-user-${i}`).register());
    expect((await ledger.http.post('/v1/acts/batch').send({ acts })).status).toBe(200);
    checkpoint = await checkpointOfAll(ledger);
    expect(checkpoint.size).toBe(PARTIES);
    reader = new TileNodeReader(checkpoint.size, async (level, index, width) => {
      const res = await bytesOf(ledger, `/${tilePath({ kind: 'hashes', level, index, width })}`);
      expect(res.status).toBe(200);
      return res.body;
    });
  }, 60_000);
  afterAll(async () => ledger?.close());

  it('serves the checkpoint at /checkpoint as the signed note, not to be cached', async () => {
    const res = await ledger.http.get('/checkpoint');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(checkpoint.note);
    const vkey = (await ledger.http.get('/v1/log/key')).body.vkey;
    expect(openCheckpoint(res.text, parseVerifierKey(vkey)!, verifyStrictNode).ok).toBe(true);
  });

  it('rebuilds the checkpoint’s root from tiles alone', async () => {
    expect(toHex(await reader.root())).toBe(checkpoint.root);
  });

  it('builds from tiles the very inclusion proofs the ledger serves, each verifying', async () => {
    for (const seq of [0, 1, 255, 256, 511, 512, 600, PARTIES - 1]) {
      const fromTiles = await reader.inclusionProof(seq);
      const served = (await ledger.http.get(`/v1/log/proof/inclusion?seq=${seq}&size=${checkpoint.size}`)).body;
      expect(fromTiles.map(toHex)).toEqual(served.proof);
      expect(verifyInclusion(seq, checkpoint.size, fromHex(served.leaf), fromTiles, fromHex(checkpoint.root)).ok).toBe(true);
    }
  });

  it('builds from tiles the very consistency proofs the ledger serves, each verifying', async () => {
    for (const from of [1, 255, 256, 257, 300, 512, PARTIES - 1]) {
      const fromTiles = await reader.consistencyProof(from);
      expect(fromTiles.map(toHex)).toEqual((await ledger.http.get(`/v1/log/proof/consistency?from=${from}&to=${checkpoint.size}`)).body.proof);
      const older = await new TileNodeReader(from, (level, index, width) => bytesOf(ledger, `/${tilePath({ kind: 'hashes', level, index, width })}`).then((r) => r.body)).root();
      expect(verifyConsistency(from, checkpoint.size, older, fromHex(checkpoint.root), fromTiles).ok).toBe(true);
    }
  });

  it('serves entry bundles whose entries are the log’s bytes and hash to the level-0 tile', async () => {
    const full = await bytesOf(ledger, '/tile/entries/001');
    expect(full.status).toBe(200);
    const entries = decodeEntryBundle(full.body);
    expect(entries).toHaveLength(256);
    const tile = (await bytesOf(ledger, '/tile/0/001')).body;
    entries.forEach((e, i) => expect(toHex(hashLeaf(e))).toBe(toHex(tile.subarray(i * 32, (i + 1) * 32))));
    const page = (await ledger.http.get('/v1/log/entries?from=256&limit=3')).body.entries as { seq: number; entry: string }[];
    expect(page.map((p) => p.entry)).toEqual(entries.slice(0, 3).map((e) => new TextDecoder().decode(e)));
    // The partial bundle at the end: 700 - 512 entries.
    const partial = decodeEntryBundle((await bytesOf(ledger, `/tile/entries/002.p/${PARTIES - 512}`)).body);
    expect(partial).toHaveLength(PARTIES - 512);
    expect(new TextDecoder().decode(partial[partial.length - 1])).toContain(`"seq":${PARTIES - 1}`);
  });

  it('marks tiles immutable, hashes as octets, and compresses bundles when asked', async () => {
    const res = await bytesOf(ledger, '/tile/0/000');
    expect([res.headers['content-type'], res.headers['cache-control'], res.body.length]).toEqual(['application/octet-stream', 'public, max-age=31536000, immutable', 8192]);
    const gz = await ledger.http.get('/tile/entries/000').set('accept-encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const level1 = await bytesOf(ledger, '/tile/1/000.p/2');
    expect(level1.body.length).toBe(64);
  });

  it('answers 404 for tiles beyond the checkpoint and paths that are not tile paths, naming the path', async () => {
    for (const path of ['/tile/0/003', '/tile/0/002', '/tile/0/002.p/189', '/tile/1/000', '/tile/1/000.p/3', '/tile/2/000.p/1', '/tile/entries/003', '/tile/0/2', '/tile/0/x000/002', `/tile/0/${encodeTileIndex(1234067)}`]) {
      const res = await ledger.http.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.field, path).toBe('path');
    }
    expect((await bytesOf(ledger, '/tile/0/002.p/188')).status).toBe(200);
  });
});

describe('tiles on a private ledger', () => {
  it('serves hashes to everyone, and entries only to those who may read the log', async () => {
    const ledger = await startLedger({ env: { HARBOR_READS: 'private' } });
    try {
      expect((await ledger.http.post('/v1/acts/batch').send({ acts: [uploader('private-user').register()] })).status).toBe(200);
      await checkpointOfAll(ledger);
      expect((await ledger.http.get('/tile/0/000.p/1')).status).toBe(200);
      expect((await ledger.http.get('/checkpoint')).status).toBe(200);
      const refused = await ledger.http.get('/tile/entries/000.p/1');
      expect(refused.status).toBe(401);
      expect((await ledger.http.get('/v1/log/entries')).status).toBe(refused.status);
    } finally {
      await ledger.close();
    }
  });
});
