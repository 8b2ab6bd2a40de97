import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { SubmitActHandler } from './application/commands/submit-act.handler.js';
import { SubmitBatchHandler } from './application/commands/submit-batch.handler.js';
import { InlineCrypto } from './application/crypto/inline-crypto.js';
import { WorkerCrypto } from './application/crypto/worker-crypto.js';
import { Ledger } from './application/ledger.js';
import { LedgerKey } from './application/ledger-key.js';
import { LedgerReader } from './application/ledger-reader.js';
import { CLOCK, ManualClock, SystemClock, type Clock } from './application/ports/clock.js';
import { LEDGER_STORE, type LedgerStore } from './application/ports/ledger-store.js';
import { GetCaseHandler, GetPartyHandler, ListEntriesHandler } from './application/queries/query.handlers.js';
import type { HarborConfig } from './config.js';
import { ActsController } from './http/acts.controller.js';
import { LedgerMetrics } from './http/metrics.js';
import { OpsController } from './http/ops.controller.js';
import { ReadController } from './http/read.controller.js';
import { TestClockController } from './http/test-clock.controller.js';
import { openStore } from './store/open-store.js';

export const HARBOR_CONFIG = Symbol('HarborConfig');
export const LOGGER = Symbol('Logger');

/** Closes the writer (commits what is queued) and the store when Nest shuts down. */
class LedgerLifecycle implements OnApplicationShutdown {
  constructor(private readonly ledger: Ledger) {}
  async onApplicationShutdown(): Promise<void> {
    await this.ledger.close();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: HarborConfig, logger: Logger, key: LedgerKey): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ActsController, ReadController, OpsController, ...(config.testClock ? [TestClockController] : [])],
      providers: [
        { provide: HARBOR_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: LedgerKey, useValue: key },
        { provide: LEDGER_STORE, useFactory: () => openStore(config.store) },
        { provide: CLOCK, useFactory: (): Clock => (config.testClock ? new ManualClock() : new SystemClock()) },
        LedgerMetrics,
        {
          provide: Ledger,
          inject: [LEDGER_STORE, CLOCK, LedgerKey, LedgerMetrics],
          useFactory: (store: LedgerStore, clock: Clock, ledgerKey: LedgerKey, metrics: LedgerMetrics) =>
            new Ledger(store, clock, ledgerKey, {}, metrics, config.cryptoWorkers > 0 ? new WorkerCrypto(ledgerKey, config.cryptoWorkers) : new InlineCrypto(ledgerKey)),
        },
        { provide: LedgerReader, inject: [LEDGER_STORE], useFactory: (store: LedgerStore) => new LedgerReader(store) },
        { provide: LedgerLifecycle, inject: [Ledger], useFactory: (ledger: Ledger) => new LedgerLifecycle(ledger) },
        SubmitActHandler,
        SubmitBatchHandler,
        GetPartyHandler,
        GetCaseHandler,
        ListEntriesHandler,
      ],
    };
  }
}
