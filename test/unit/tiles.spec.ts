import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashLeaf } from '../../src/audit/merkle-hash.js';
import { decodeEntryBundle, encodeEntryBundle, encodeTileIndex, parseTilePath, tilePath, tileWidthAt, TileNodeReader } from '../../src/audit/tiles.js';

describe('C2SP tlog-tiles paths', () => {
  it('encodes the index in 3-digit groups, x-prefixed but the last (the spec’s example)', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(tilePath({ kind: 'hashes', level: 2, index: 1234067, width: 17 })).toBe('tile/2/x001/x234/067.p/17');
    expect(tilePath({ kind: 'entries', index: 5 })).toBe('tile/entries/005');
  });

  it('reads each canonical path back, and nothing else', () => {
    // Strictly: a full tile has no `width` at all.
    expect(parseTilePath('0/x001/x234/067')).toStrictEqual({ kind: 'hashes', level: 0, index: 1234067 });
    expect(parseTilePath('63/000.p/255')).toStrictEqual({ kind: 'hashes', level: 63, index: 0, width: 255 });
    expect(parseTilePath('entries/x001/000.p/1')).toStrictEqual({ kind: 'entries', index: 1000, width: 1 });
    expect(parseTilePath('entries/005')).toStrictEqual({ kind: 'entries', index: 5 });
    for (const bad of ['0/1', '0/0001', '00/000', '64/000', '0/x000/001', '0/001/002', '0/x001', '0/000.p/256', '0/000.p/0', '0/000.p/01', '0/000.p', 'entries/', '0/', '-1/000', '0/x1/000', 'entries/000.p/1/2']) {
      expect(parseTilePath(bad), bad).toBeUndefined();
    }
  });
});

describe('which tiles a tree has', () => {
  it('matches the spec’s tree of 70,000: 273 full level-0 tiles and one of width 112, one full level-1 tile and one of width 17, one level-2 tile of width 1', () => {
    const size = 70_000;
    expect(tileWidthAt(0, 272, size)).toBe(256);
    expect(tileWidthAt(0, 273, size)).toBe(112);
    expect(tileWidthAt(0, 274, size)).toBe(0);
    expect(tileWidthAt(1, 0, size)).toBe(256);
    expect(tileWidthAt(1, 1, size)).toBe(17);
    expect(tileWidthAt(1, 2, size)).toBe(0);
    expect(tileWidthAt(2, 0, size)).toBe(1);
    expect(tileWidthAt(3, 0, size)).toBe(0);
  });

  it('matches the spec’s tree of 256: a full level-0 tile and a level-1 tile of width 1', () => {
    expect([tileWidthAt(0, 0, 256), tileWidthAt(0, 1, 256), tileWidthAt(1, 0, 256), tileWidthAt(2, 0, 256)]).toEqual([256, 0, 1, 0]);
  });
});

describe('entry bundles', () => {
  it('prefix each entry with its big-endian uint16 length', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(0x61), new Uint8Array(0x0102).fill(0x62)]);
    expect([...bundle.subarray(0, 5)]).toEqual([0x00, 0x01, 0x61, 0x01, 0x02]);
    expect(bundle.length).toBe(3 + 2 + 0x0102);
    expect(decodeEntryBundle(bundle).map((e) => e.length)).toEqual([1, 0x0102]);
  });

  it('refuses an entry longer than 65,535 bytes, and a truncated bundle', () => {
    expect(() => encodeEntryBundle([new Uint8Array(65_536)])).toThrow(/65535/);
    expect(encodeEntryBundle([new Uint8Array(65_535)]).length).toBe(65_537);
    expect(() => decodeEntryBundle(Uint8Array.of(0, 5, 1))).toThrow(/inside an entry/);
    expect(() => decodeEntryBundle(Uint8Array.of(0, 1, 7, 0))).toThrow(/inside a length prefix/);
    expect(decodeEntryBundle(Uint8Array.of(0, 1, 7, 0, 0)).map((e) => [...e])).toEqual([[7], []]);
  });
});

describe('a tree rebuilt from tiles alone', () => {
  /** Tiles cut from an independently computed list of every node: RFC 6962 MTH over the leaves by recursion. */
  function mth(leaves: Uint8Array[]): Uint8Array {
    if (leaves.length === 1) return leaves[0];
    let k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return createHash('sha256').update(Uint8Array.of(1)).update(mth(leaves.slice(0, k))).update(mth(leaves.slice(k))).digest();
  }

  it('gives the root of every size from 1 to 600 and of 65,537, as RFC 6962 computes it', async () => {
    const leaves = Array.from({ length: 66_000 }, (_, i) => hashLeaf(new TextEncoder().encode(`entry ${i}`)));
    const tile = (size: number) => async (level: number, index: number, width: number | undefined) => {
      const span = 256 ** level;
      const count = width ?? 256;
      const out = new Uint8Array(count * 32);
      for (let i = 0; i < count; i++) out.set(mth(leaves.slice((index * 256 + i) * span, (index * 256 + i + 1) * span)), i * 32);
      expect((index * 256 + count) * span).toBeLessThanOrEqual(size); // only tiles the tree has are asked for
      return out;
    };
    for (let size = 1; size <= 600; size++) {
      expect(Buffer.from(await new TileNodeReader(size, tile(size)).root())).toEqual(Buffer.from(mth(leaves.slice(0, size))));
    }
    expect(Buffer.from(await new TileNodeReader(65_537, tile(65_537)).root())).toEqual(Buffer.from(mth(leaves.slice(0, 65_537))));
  });
});

describe('the tile client’s care', () => {
  const fake = (calls: string[]) => async (level: number, index: number, width: number | undefined) => {
    calls.push(`${level}/${index}/${width ?? 'full'}`);
    return new Uint8Array((width ?? 256) * 32).fill(level + 1);
  };

  it('fetches each tile once, a full one without a width', async () => {
    // Size 600 = 512 + 64 + 16 + 8: the 512 is two hashes of level-1 tile 0; the rest lie in level-0 tile 2 (88 wide).
    const calls: string[] = [];
    const reader = new TileNodeReader(600, fake(calls));
    await reader.root();
    await reader.inclusionProof(599);
    expect(calls.sort()).toEqual(['0/2/88', '1/0/2']);
    // Leaf 3's proof needs full level-0 tile 0 (its neighbours up to 256) and the hash of tile 1.
    const more: string[] = [];
    await new TileNodeReader(600, fake(more)).inclusionProof(3);
    expect(more.sort()).toEqual(['0/0/full', '0/2/88', '1/0/2']);
  });

  it('refuses a node the tree does not have yet, a tile of the wrong length, and the empty tree', async () => {
    await expect(new TileNodeReader(10, fake([])).readNodes([{ level: 4, index: 0 }])).rejects.toThrow(/not complete in a tree of 10/);
    await expect(new TileNodeReader(16, fake([])).readNodes([{ level: 4, index: 0 }])).resolves.toHaveLength(1);
    await expect(new TileNodeReader(300, async () => new Uint8Array(31)).root()).rejects.toThrow(/tile 1\/0 has 31 bytes, expected 32$/);
    await expect(new TileNodeReader(0, fake([])).root()).rejects.toThrow(/empty tree/);
  });
});
