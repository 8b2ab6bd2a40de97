import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { pino, type Logger } from 'pino';
import { LedgerKey } from './application/ledger-key.js';
import { AppModule } from './app.module.js';
import type { HarborConfig } from './config.js';
import { LedgerErrorFilter } from './http/error.filter.js';
import { strictJsonBody } from './http/json-body.js';

export interface HarborApp {
  app: NestExpressApplication;
  key: LedgerKey;
  keyCreated: boolean;
  logger: Logger;
}

/** Builds the ledger's Nest application (not yet listening): body limits, strict JSON, errors, OpenAPI. */
export async function createHarborApp(config: HarborConfig, logger: Logger = pino({ level: config.logLevel }, pino.destination(2))): Promise<HarborApp> {
  const { key, created } = LedgerKey.loadOrCreate(config.dataDir, config.origin);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger, key), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  app.use('/v1/acts/batch', strictJsonBody(config.maxBatchBytes));
  app.use('/v1', strictJsonBody(config.maxActBytes));
  app.useGlobalFilters(new LedgerErrorFilter(logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Safe Harbor Ledger')
      .setDescription('Signed, tamper-evident record of safe-harbor notice-and-action procedures. Errors: {"error": {code, message, field}}.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return { app, key, keyCreated: created, logger };
}
