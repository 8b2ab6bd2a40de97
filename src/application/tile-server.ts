import { concatBytes } from '../audit/encoding.js';
import { encodeEntryBundle, MAX_BUNDLED_ENTRY, tileNodes, tileWidthAt, type TileRef } from '../audit/tiles.js';
import { LedgerError } from '../domain/errors.js';
import type { LedgerStore } from './ports/ledger-store.js';

/**
 * Serves the log as C2SP tlog-tiles from the store's nodes and entries, within the latest signed
 * checkpoint: a tile or bundle exists once a checkpoint covers it, and never changes after.
 */
export class TileServer {
  constructor(private readonly store: LedgerStore) {}

  /** The tile's bytes: 32-byte hashes left to right, or the entry bundle. */
  async read(ref: TileRef): Promise<Uint8Array> {
    const size = (await this.store.latestCheckpoint())?.size ?? 0;
    const level = ref.kind === 'hashes' ? ref.level : 0;
    const available = tileWidthAt(level, ref.index, size);
    const width = ref.width ?? 256;
    if (width > available) {
      const what = ref.width === undefined ? 'full' : `of width ${ref.width}`;
      const name = ref.kind === 'hashes' ? `tile ${level}/${ref.index}` : `entry bundle ${ref.index}`;
      throw new LedgerError('not_found', `no ${what} ${name} in the latest checkpoint (size ${size}): it holds ${available} of its hashes`, 'path');
    }
    if (ref.kind === 'hashes') return concatBytes(...(await this.store.readNodes(tileNodes(level, ref.index, width))));
    const rows = await this.store.readAll(ref.index * 256, width);
    const oversize = rows.find((r) => r.bytes.length > MAX_BUNDLED_ENTRY);
    if (oversize) throw new LedgerError('too_large', `entry ${oversize.seq} is ${oversize.bytes.length} bytes, over the ${MAX_BUNDLED_ENTRY} an entry bundle's uint16 length can carry: read it from GET /v1/log/entries?from=${oversize.seq}&limit=1`, 'path');
    return encodeEntryBundle(rows.map((r) => r.bytes));
  }
}
