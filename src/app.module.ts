import { Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { SubmitActHandler } from './application/commands/submit-act.handler.js';
import { SubmitBatchHandler } from './application/commands/submit-batch.handler.js';
import { BundleBuilder } from './application/bundle-builder.js';
import { ComplianceService } from './application/compliance-service.js';
import { Projector } from './application/projections/projector.js';
import { PROJECTION_STORE, type ProjectionStore } from './application/ports/projection-store.js';
import { Checkpointer, CheckpointRefusedError } from './application/checkpointer.js';
import { InlineCrypto } from './application/crypto/inline-crypto.js';
import { LogProofs } from './application/log-proofs.js';
import { WitnessCosigning } from './application/witnesses.js';
import { SqliteCosignatureStore } from './store/sqlite/cosignature-store.js';
import { WorkerCrypto } from './application/crypto/worker-crypto.js';
import { Ledger } from './application/ledger.js';
import { LedgerKey } from './application/ledger-key.js';
import { LedgerReader } from './application/ledger-reader.js';
import { CLOCK, ManualClock, SystemClock, type Clock } from './application/ports/clock.js';
import type { LedgerCrypto } from './application/ports/ledger-crypto.js';
import { LEDGER_STORE, type LedgerStore } from './application/ports/ledger-store.js';
import { CompareCaseHandler, GetCaseHandler, GetPartyHandler, ListEntriesHandler } from './application/queries/query.handlers.js';
import type { HarborConfig } from './config.js';
import { ActsController } from './http/acts.controller.js';
import { ComplianceController } from './http/compliance.controller.js';
import { ListController } from './http/list.controller.js';
import { Listings } from './application/listings.js';
import { LocalReadQueries, READ_QUERIES, type ReadQueries } from './application/read-queries.js';
import { WorkerReadQueries } from './application/read-worker/worker-read-queries.js';
import { LogController } from './http/log.controller.js';
import { TilesController } from './http/tiles.controller.js';
import { ExportsController } from './http/exports.controller.js';
import { Exports } from './application/exports.js';
import { LedgerMetrics } from './http/metrics.js';
import { OpsController } from './http/ops.controller.js';
import { ReadController } from './http/read.controller.js';
import { TestClockController } from './http/test-clock.controller.js';
import { openProjections, openStore } from './store/open-store.js';
import { APP_GUARD } from '@nestjs/core';
import { ACCESS_LOG, type AccessLog } from './application/ports/access-log.js';
import { NonceGuard, RequestAuthenticator } from './application/request-auth.js';
import { SqliteAccessLog } from './store/sqlite/sqlite-access-log.js';
import { AccessLogController } from './http/access-log.controller.js';
import { DossierController } from './http/dossier.controller.js';
import { DossierBuilder } from './application/dossier-builder.js';
import { READ_POLICY, ReadPolicy, ReadRulesGuard } from './http/read-access.js';

export const HARBOR_CONFIG = Symbol('HarborConfig');
export const LOGGER = Symbol('Logger');

/**
 * Starts the checkpointer with the application; on shutdown stops the writer (committing what is
 * queued), signs a last checkpoint, and closes the store, in that order.
 */
class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly ledger: Ledger,
    private readonly checkpointer: Checkpointer,
    private readonly store: LedgerStore,
    private readonly logger: Logger,
    private readonly checkpointIntervalMs: number,
    private readonly readSide: ReadSide,
    private readonly accessLog: AccessLog,
    private readonly cosigning: WitnessCosigning,
  ) {}

  /** Compares the log with the last signed checkpoint before anything is accepted; a contradiction halts the writer, not the process. */
  async onApplicationBootstrap(): Promise<void> {
    await this.checkpointer.tick().catch((error: unknown) => {
      if (!(error instanceof CheckpointRefusedError)) throw error;
    });
    this.checkpointer.start(this.checkpointIntervalMs);
    // A witness added since the last checkpoint was signed is asked for it now, not at the next growth.
    const latest = await this.store.latestCheckpoint();
    if (latest) void this.cosigning.cosign(latest);
    await this.readSide.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ledger.close();
    await this.checkpointer.stop().catch((error: unknown) => this.logger.error({ err: error }, 'last checkpoint not signed'));
    await this.readSide.stop();
    this.accessLog.close();
    this.cosigning.close();
    await this.store.close();
  }
}

/**
 * Keeps the projections following the log in the background (queries also catch up before they
 * answer), and rebuilds them, saying so, when their version changed.
 */
class ReadSide {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly projector: Projector,
    private readonly projections: ProjectionStore,
    private readonly reads: ReadQueries,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Ready once the reader listens (a rebuild, if any, goes on in the background). */
  async start(): Promise<void> {
    if (this.projector.outdated) this.logger.info({ projections: this.projections.location }, 'projections are of another version or new: rebuilding them from the log');
    // With the read worker, the projector runs there: this thread only reports its position.
    if (this.reads instanceof WorkerReadQueries) return this.reads.ready();
    const follow = () =>
      this.projector.catchUp().catch((error: unknown) => this.logger.error({ err: error }, 'projections could not catch up with the log; retrying'));
    void follow();
    this.timer = setInterval(follow, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reads.close();
    if (!(this.reads instanceof WorkerReadQueries)) await this.projector.stop();
    this.projections.close();
  }
}

/** Signature work on worker threads (a dead worker is replaced, and said so), or inline with HARBOR_CRYPTO_WORKERS=0. */
function ledgerCrypto(config: HarborConfig, key: LedgerKey, logger: Logger): LedgerCrypto {
  if (config.cryptoWorkers === 0) return new InlineCrypto(key);
  return new WorkerCrypto(key, config.cryptoWorkers, (error) => logger.error({ err: error }, 'a crypto worker died and was replaced; its unanswered work went to the replacement'));
}

@Module({})
export class AppModule {
  static forRoot(config: HarborConfig, logger: Logger, key: LedgerKey): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ActsController, ReadController, LogController, TilesController, ExportsController, ComplianceController, ListController, OpsController, AccessLogController, DossierController, ...(config.testClock ? [TestClockController] : [])],
      providers: [
        { provide: HARBOR_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: LedgerKey, useValue: key },
        { provide: LEDGER_STORE, useFactory: () => openStore(config.store, { esdbReadFreshnessMs: 1000, disclosureKeys: config.disclosureKeys, esdbIndex: config.esdbIndex }) },
        { provide: CLOCK, useFactory: (): Clock => (config.testClock ? new ManualClock(config.testClockStart) : new SystemClock()) },
        LedgerMetrics,
        {
          provide: Ledger,
          inject: [LEDGER_STORE, CLOCK, LedgerKey, LedgerMetrics],
          useFactory: (store: LedgerStore, clock: Clock, ledgerKey: LedgerKey, metrics: LedgerMetrics) =>
            new Ledger(store, clock, ledgerKey, { trustAnchors: config.trustAnchors, operators: config.operators }, metrics, ledgerCrypto(config, ledgerKey, logger)),
        },
        { provide: LedgerReader, inject: [LEDGER_STORE, CLOCK], useFactory: (store: LedgerStore, clock: Clock) => new LedgerReader(store, clock, config.deploymentSlas, config.trustAnchors) },
        { provide: PROJECTION_STORE, useFactory: () => openProjections(config.projections) },
        {
          provide: Projector,
          inject: [LEDGER_STORE, PROJECTION_STORE],
          useFactory: (store: LedgerStore, projections: ProjectionStore) => new Projector(store, projections, { deploymentSlas: config.deploymentSlas }),
        },
        {
          provide: ComplianceService,
          inject: [PROJECTION_STORE, Projector, LEDGER_STORE, CLOCK],
          useFactory: (projections: ProjectionStore, projector: Projector, store: LedgerStore, clock: Clock) =>
            new ComplianceService(projections, () => projector.catchUp(), store, clock, config.deploymentSlas),
        },
        {
          provide: Listings,
          inject: [PROJECTION_STORE, Projector, ComplianceService, CLOCK],
          useFactory: (projections: ProjectionStore, projector: Projector, compliance: ComplianceService, clock: Clock) => new Listings(projections, () => projector.catchUp(), compliance, clock),
        },
        {
          provide: READ_QUERIES,
          inject: [ComplianceService, Listings, PROJECTION_STORE, CLOCK],
          useFactory: (compliance: ComplianceService, listings: Listings, projections: ProjectionStore, clock: Clock): ReadQueries => {
            const log = config.store.startsWith('sqlite:') ? config.store.slice('sqlite:'.length) : undefined;
            if (!config.readWorker || !log || projections.location === ':memory:') return new LocalReadQueries(compliance, listings);
            return new WorkerReadQueries({ projections: projections.location, log, deploymentSlas: config.deploymentSlas, followMs: config.projectionsFollowMs }, clock);
          },
        },
        { provide: LogProofs, inject: [LEDGER_STORE], useFactory: (store: LedgerStore) => new LogProofs(store) },
        {
          provide: WitnessCosigning,
          inject: [LogProofs],
          useFactory: (proofs: LogProofs) =>
            new WitnessCosigning(config.witnesses, proofs, new SqliteCosignatureStore(config.cosignatures === 'memory:' ? ':memory:' : config.cosignatures), config.witnessTimeoutMs, {
              failed: (witness, reason) => logger.warn({ witness, reason }, 'a witness did not cosign the checkpoint'),
            }),
        },
        {
          provide: Checkpointer,
          inject: [LEDGER_STORE, Ledger, LogProofs, LedgerKey, CLOCK, LedgerMetrics, WitnessCosigning],
          useFactory: (store: LedgerStore, ledger: Ledger, proofs: LogProofs, ledgerKey: LedgerKey, clock: Clock, metrics: LedgerMetrics, cosigning: WitnessCosigning) =>
            new Checkpointer(store, () => ledger.head(), proofs, ledgerKey, clock, {
              signed: (checkpoint) => metrics.checkpointSigned(checkpoint.size),
              refused: (error) => {
                metrics.checkpointRefused();
                if (!ledger.fault) logger.error({ err: error }, 'INTEGRITY: the log contradicts the last signed checkpoint; acts are refused and readiness is false until an operator restores a sound store and restarts');
                ledger.halt(error.message); // the metrics hear of it as the ledger's observer
              },
              failed: (error) => {
                metrics.checkpointFailed();
                logger.warn({ err: error }, 'checkpoint not signed or not stored; retrying');
              },
            }, (checkpoint) => cosigning.cosign(checkpoint)),
        },
        { provide: ACCESS_LOG, useFactory: (): AccessLog => new SqliteAccessLog(config.accessLog === 'memory:' ? ':memory:' : config.accessLog) },
        { provide: READ_POLICY, inject: [CLOCK], useFactory: (clock: Clock) => new ReadPolicy(config.reads, config.trustAnchors, config.operators, clock) },
        { provide: APP_GUARD, useClass: ReadRulesGuard },
        {
          provide: RequestAuthenticator,
          inject: [LedgerReader],
          useFactory: (reader: LedgerReader) =>
            new RequestAuthenticator((id) => reader.partyState(id), new NonceGuard(), { maxAgeSeconds: config.signatureMaxAgeSeconds, futureSkewSeconds: 30 }),
        },
        {
          provide: BundleBuilder,
          inject: [LEDGER_STORE, Checkpointer, LedgerKey, ACCESS_LOG, CLOCK, WitnessCosigning],
          useFactory: (store: LedgerStore, checkpointer: Checkpointer, ledgerKey: LedgerKey, accessLog: AccessLog, clock: Clock, cosigning: WitnessCosigning) =>
            new BundleBuilder(store, checkpointer, ledgerKey, accessLog, clock, config.deploymentSlas, (checkpoint) => cosigning.noteOf(checkpoint)),
        },
        {
          provide: Exports,
          inject: [READ_QUERIES, LedgerReader, LEDGER_STORE, BundleBuilder],
          useFactory: (reads: ReadQueries, reader: LedgerReader, store: LedgerStore, bundles: BundleBuilder) =>
            new Exports(reads, reader, store, () => bundles.freshCheckpoint(), (checkpoint) => bundles.noteOf(checkpoint), config.origin),
        },
        {
          provide: DossierBuilder,
          inject: [LEDGER_STORE, BundleBuilder, LedgerKey, CLOCK, READ_QUERIES],
          useFactory: (store: LedgerStore, bundles: BundleBuilder, ledgerKey: LedgerKey, clock: Clock, reads: ReadQueries) =>
            new DossierBuilder(store, bundles, ledgerKey, clock, (provider, from) => reads.providerCaseIds(provider, from)),
        },
        {
          provide: LedgerLifecycle,
          inject: [Ledger, Checkpointer, LEDGER_STORE, Projector, PROJECTION_STORE, READ_QUERIES, ACCESS_LOG, WitnessCosigning],
          useFactory: (ledger: Ledger, checkpointer: Checkpointer, store: LedgerStore, projector: Projector, projections: ProjectionStore, reads: ReadQueries, accessLog: AccessLog, cosigning: WitnessCosigning) =>
            new LedgerLifecycle(ledger, checkpointer, store, logger, config.checkpointIntervalMs, new ReadSide(projector, projections, reads, logger, config.projectionsFollowMs), accessLog, cosigning),
        },
        SubmitActHandler,
        SubmitBatchHandler,
        GetPartyHandler,
        GetCaseHandler,
        CompareCaseHandler,
        ListEntriesHandler,
      ],
    };
  }
}
