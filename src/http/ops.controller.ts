import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ledger } from '../application/ledger.js';
import { LedgerKey } from '../application/ledger-key.js';
import { LedgerReader } from '../application/ledger-reader.js';
import { LEDGER_STORE, type LedgerStore } from '../application/ports/ledger-store.js';
import { encodeBase64 } from '../audit/encoding.js';
import { PROJECTION_STORE, type ProjectionStore } from '../application/ports/projection-store.js';
import { READ_QUERIES, type ReadQueries } from '../application/read-queries.js';
import { WorkerReadQueries } from '../application/read-worker/worker-read-queries.js';
import { LedgerMetrics } from './metrics.js';
import { Reads } from './read-access.js';

@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(
    private readonly reader: LedgerReader,
    private readonly key: LedgerKey,
    private readonly metrics: LedgerMetrics,
    private readonly ledger: Ledger,
    @Inject(LEDGER_STORE) private readonly store: LedgerStore,
    @Inject(PROJECTION_STORE) private readonly projections: ProjectionStore,
    @Inject(READ_QUERIES) private readonly reads: ReadQueries,
  ) {}

  @Get('health')
  @Reads('verification')
  @ApiOperation({ summary: 'Status with the store kind and log size; `ready` is false while acts are refused' })
  async health() {
    const size = await this.reader.size();
    this.metrics.logSize.set(size);
    const fault = this.ledger.fault;
    const position = this.projections.position();
    const projections = { position, behind: Math.max(0, size - position), reads: this.reads instanceof WorkerReadQueries ? 'worker thread' : 'main thread' };
    return { status: fault ? 'halted' : 'ok', ready: !fault, store: this.store.kind, origin: this.key.origin, size, projections, ...(fault ? { fault } : {}) };
  }

  @Get('health/live')
  @Reads('verification')
  @ApiOperation({ summary: 'Liveness: the process answers (a halted ledger is alive: restarting it would not help)' })
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @Reads('verification')
  @ApiOperation({ summary: 'Readiness: 200 while acts are accepted, 503 while the ledger is halted by an integrity fault' })
  ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const fault = this.ledger.fault;
    if (fault) res.status(503);
    return fault ? { status: 'halted', ready: false, fault } : { status: 'ok', ready: true };
  }

  @Get('metrics')
  @Reads('verification')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async prometheus() {
    this.metrics.logSize.set(await this.reader.size());
    return this.metrics.registry.metrics();
  }

  @Get('v1/log/key')
  @Reads('verification')
  @ApiOperation({ summary: "The ledger's verifier key, to pin out of band" })
  logKey() {
    return { origin: this.key.origin, vkey: this.key.verifierKey, publicKey: encodeBase64(this.key.publicKey) };
  }
}
