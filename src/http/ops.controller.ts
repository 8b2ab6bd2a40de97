import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerKey } from '../application/ledger-key.js';
import { LedgerReader } from '../application/ledger-reader.js';
import { LEDGER_STORE, type LedgerStore } from '../application/ports/ledger-store.js';
import { encodeBase64 } from '../audit/encoding.js';
import { LedgerMetrics } from './metrics.js';

@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(
    private readonly reader: LedgerReader,
    private readonly key: LedgerKey,
    private readonly metrics: LedgerMetrics,
    @Inject(LEDGER_STORE) private readonly store: LedgerStore,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness, with the store kind and log size' })
  async health() {
    const size = await this.reader.size();
    this.metrics.logSize.set(size);
    return { status: 'ok', store: this.store.kind, origin: this.key.origin, size };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async prometheus() {
    this.metrics.logSize.set(await this.reader.size());
    return this.metrics.registry.metrics();
  }

  @Get('v1/log/key')
  @ApiOperation({ summary: "The ledger's verifier key, to pin out of band" })
  logKey() {
    return { origin: this.key.origin, vkey: this.key.verifierKey, publicKey: encodeBase64(this.key.publicKey) };
  }
}
