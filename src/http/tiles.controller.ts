import { Controller, Get, Headers, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { gzipSync } from 'node:zlib';
import { Checkpointer } from '../application/checkpointer.js';
import { LEDGER_STORE, type LedgerStore } from '../application/ports/ledger-store.js';
import { TileServer } from '../application/tile-server.js';
import { WitnessCosigning } from '../application/witnesses.js';
import { parseTilePath } from '../audit/tiles.js';
import { LedgerError } from '../domain/errors.js';
import type { Reader } from '../domain/read-rules.js';
import { READ_POLICY, ReaderOf, ReadPolicy, Reads } from './read-access.js';

type Reply = { header(name: string, value: string): Reply };

/** A tile never changes once served (a partial one is named by its width): cache it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The log as C2SP tlog-tiles at the ledger's root: `/checkpoint`, `/tile/<L>/<N>[.p/<W>]` and
 * `/tile/entries/<N>[.p/<W>]`, so that tile clients, monitors and witnesses follow it as they do
 * any other tiled log. Entry bundles hold the entries, readable as `GET /v1/log/entries` is.
 */
@ApiTags('log')
@Controller()
export class TilesController {
  private readonly tiles: TileServer;

  constructor(
    private readonly checkpointer: Checkpointer,
    private readonly cosigning: WitnessCosigning,
    @Inject(LEDGER_STORE) store: LedgerStore,
    @Inject(READ_POLICY) private readonly policy: ReadPolicy,
  ) {
    this.tiles = new TileServer(store);
  }

  @Get('checkpoint')
  @Reads('verification')
  @ApiOperation({ summary: 'C2SP tlog-tiles: the latest signed checkpoint (a signed note), not to be cached beyond a few seconds' })
  async checkpoint(@Res({ passthrough: true }) res: Reply) {
    const checkpoint = await this.checkpointer.latest();
    res.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-cache');
    return this.cosigning.noteOf(checkpoint);
  }

  @Get('tile/*')
  @Reads('verification')
  @ApiOperation({ summary: 'C2SP tlog-tiles: a tile of 256 hashes (or a partial one, .p/<W>), or an entry bundle (tile/entries/…)' })
  async tile(@Req() req: { url: string }, @ReaderOf() reader: Reader, @Headers('accept-encoding') acceptEncoding: string | undefined, @Res({ passthrough: true }) res: Reply) {
    const path = req.url.split('?')[0].slice('/tile/'.length);
    const ref = parseTilePath(path);
    if (!ref) throw new LedgerError('not_found', `${path} is not a tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], N in 3-digit groups (x001/x234/067)`, 'path');
    if (ref.kind === 'entries') this.policy.require('log', reader);
    const bytes = Buffer.from(await this.tiles.read(ref));
    res.header('content-type', 'application/octet-stream').header('cache-control', IMMUTABLE);
    // Entry bundles compress well (JSON); hashes do not.
    if (ref.kind === 'entries' && /\bgzip\b/.test(acceptEncoding ?? '')) {
      res.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
      return gzipSync(bytes);
    }
    return bytes;
  }
}
