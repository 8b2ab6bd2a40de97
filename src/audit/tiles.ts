import { hashChildren, HASH_SIZE } from './merkle-hash.js';
import { assembleProof, consistencyPlan, foldRange, inclusionPlan, rangeNodes, type NodeId } from './merkle-tree.js';

/**
 * The log as C2SP tlog-tiles (https://c2sp.org/tlog-tiles): tiles of 256 hashes, each level of
 * tiles 8 tree levels above the one below. Paths, widths and the nodes of a tile, and a node reader
 * that rebuilds any Merkle node, root and proof from tiles alone. Pure: used by the server and by
 * any client.
 */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
/** Entry bundles prefix each entry with a big-endian uint16 length. */
export const MAX_BUNDLED_ENTRY = 0xffff;

export type TileRef = { kind: 'hashes'; level: number; index: number; width?: number } | { kind: 'entries'; index: number; width?: number };

/** `<N>` as zero-padded 3-digit elements, all but the last prefixed with `x`: 1234067 → `x001/x234/067`. */
export function encodeTileIndex(index: number): string {
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of a tile (under the log's prefix), without a leading slash. */
export function tilePath(ref: TileRef): string {
  const where = ref.kind === 'hashes' ? `tile/${ref.level}` : 'tile/entries';
  return `${where}/${encodeTileIndex(ref.index)}${ref.width === undefined ? '' : `.p/${ref.width}`}`;
}

const LEVEL = /^(0|[1-9]\d?)$/;
const WIDTH = /^[1-9]\d{0,2}$/;

/** Reads a tile path (after `tile/`), in its one canonical spelling; anything else is undefined. */
export function parseTilePath(path: string): TileRef | undefined {
  const parts = path.split('/');
  const [head, ...rest] = parts;
  let width: number | undefined;
  if (rest.length >= 2 && rest[rest.length - 2].endsWith('.p')) {
    const w = rest.pop()!;
    if (!WIDTH.test(w) || Number(w) > TILE_WIDTH - 1) return undefined;
    width = Number(w);
    rest[rest.length - 1] = rest[rest.length - 1].slice(0, -2);
  }
  const index = parseTileIndex(rest);
  if (index === undefined) return undefined;
  if (head === 'entries') return { kind: 'entries', index, ...(width === undefined ? {} : { width }) };
  if (!LEVEL.test(head) || Number(head) > 63) return undefined;
  return { kind: 'hashes', level: Number(head), index, ...(width === undefined ? {} : { width }) };
}

function parseTileIndex(groups: readonly string[]): number | undefined {
  if (groups.length === 0) return undefined;
  const ok = groups.every((g, i) => (i < groups.length - 1 ? /^x\d{3}$/.test(g) : /^\d{3}$/.test(g)));
  if (!ok || (groups.length > 1 && groups[0] === 'x000')) return undefined; // no leading zero groups
  const index = Number(groups.map((g) => g.replace('x', '')).join(''));
  return Number.isSafeInteger(index) ? index : undefined;
}

/** How many hashes tile `index` of `level` holds in a tree of `size` leaves: 256 when full, 0 when it does not exist yet. */
export function tileWidthAt(level: number, index: number, size: number): number {
  const perHash = TILE_WIDTH ** level;
  const hashes = Math.floor(size / perHash); // complete hashes at this level
  return Math.max(0, Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH));
}

/** The Merkle nodes a tile holds, left to right: level 8·L, consecutive indices. */
export function tileNodes(level: number, index: number, width: number): NodeId[] {
  return Array.from({ length: width }, (_, i) => ({ level: level * TILE_HEIGHT, index: index * TILE_WIDTH + i }));
}

/** An entry bundle: each entry prefixed by its length as a big-endian uint16. Throws on an entry too long for it. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0));
  let at = 0;
  for (const entry of entries) {
    if (entry.length > MAX_BUNDLED_ENTRY) throw new RangeError(`an entry of ${entry.length} bytes does not fit an entry bundle (at most ${MAX_BUNDLED_ENTRY})`);
    out[at] = entry.length >> 8;
    out[at + 1] = entry.length & 0xff;
    out.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return out;
}

export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  for (let at = 0; at < bundle.length; ) {
    if (at + 2 > bundle.length) throw new RangeError('the bundle ends inside a length prefix');
    const length = (bundle[at] << 8) | bundle[at + 1];
    if (at + 2 + length > bundle.length) throw new RangeError('the bundle ends inside an entry');
    entries.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}

/** Fetches a hash tile (`width` undefined: the full tile) as its bytes. */
export type TileFetcher = (level: number, index: number, width: number | undefined) => Promise<Uint8Array>;

/**
 * Reads any node of the tree of `size` leaves from tiles: a node 8·L + r levels up is 2^r
 * consecutive hashes of a level-L tile, hashed together. Fetches each tile it needs once.
 */
export class TileNodeReader {
  private readonly tiles = new Map<string, Promise<Uint8Array>>();

  constructor(
    readonly size: number,
    private readonly fetch: TileFetcher,
  ) {}

  async readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return Promise.all(ids.map((id) => this.node(id)));
  }

  private async node({ level, index }: NodeId): Promise<Uint8Array> {
    const [tileLevel, within] = [Math.floor(level / TILE_HEIGHT), level % TILE_HEIGHT];
    const first = index * 2 ** within;
    const tileIndex = Math.floor(first / TILE_WIDTH);
    const width = tileWidthAt(tileLevel, tileIndex, this.size);
    const offset = first % TILE_WIDTH;
    if (offset + 2 ** within > width) throw new RangeError(`node ${level}/${index} is not complete in a tree of ${this.size}`);
    const tile = await this.tile(tileLevel, tileIndex, width);
    let hashes = Array.from({ length: 2 ** within }, (_, i) => tile.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
    while (hashes.length > 1) hashes = Array.from({ length: hashes.length / 2 }, (_, i) => hashChildren(hashes[2 * i], hashes[2 * i + 1]));
    return hashes[0];
  }

  private tile(level: number, index: number, width: number): Promise<Uint8Array> {
    const key = `${level}/${index}/${width}`;
    let tile = this.tiles.get(key);
    if (!tile) {
      tile = this.fetch(level, index, width === TILE_WIDTH ? undefined : width).then((bytes) => {
        if (bytes.length !== width * HASH_SIZE) throw new RangeError(`tile ${level}/${index} has ${bytes.length} bytes, expected ${width * HASH_SIZE}`);
        return bytes;
      });
      this.tiles.set(key, tile);
    }
    return tile;
  }

  /** The tree's root, from the tiles of its perfect subtrees. */
  async root(): Promise<Uint8Array> {
    if (this.size === 0) throw new RangeError('the empty tree has no tiles');
    return foldRange(await this.readNodes(rangeNodes(0, this.size)));
  }

  async inclusionProof(seq: number): Promise<Uint8Array[]> {
    const plan = inclusionPlan(seq, this.size);
    return assembleProof(plan, await this.readNodes(plan.flat()));
  }

  async consistencyProof(from: number): Promise<Uint8Array[]> {
    const plan = consistencyPlan(from, this.size);
    return assembleProof(plan, await this.readNodes(plan.flat()));
  }
}
