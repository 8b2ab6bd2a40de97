import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { pino, type Logger } from 'pino';
import { LedgerKey } from './application/ledger-key.js';
import { AppModule } from './app.module.js';
import type { HarborConfig } from './config.js';
import { LedgerErrorFilter } from './http/error.filter.js';
import { registerStrictJsonParser } from './http/strict-json-parser.js';

export interface HarborApp {
  app: NestFastifyApplication;
  key: LedgerKey;
  keyCreated: boolean;
  logger: Logger;
}

/**
 * Builds the ledger's Nest application on Fastify (initialized, not yet listening): body limits,
 * strict JSON, the error shape, OpenAPI at /docs.
 */
export async function createHarborApp(config: HarborConfig, logger: Logger = pino({ level: config.logLevel }, pino.destination(2))): Promise<HarborApp> {
  const { key, created } = LedgerKey.loadOrCreate(config.dataDir, config.origin);
  const adapter = new FastifyAdapter({ bodyLimit: config.maxActBytes });
  const fastify = adapter.getInstance();
  registerStrictJsonParser(fastify, { defaultBytes: config.maxActBytes, byUrl: { '/v1/acts/batch': config.maxBatchBytes } });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, key), adapter, { logger: ['error', 'warn'], bodyParser: false });
  // Nest routes Fastify's own errors (body too large, unreadable body) through this filter too.
  app.useGlobalFilters(new LedgerErrorFilter(logger));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Safe Harbor Ledger')
      .setDescription('Signed, tamper-evident record of safe-harbor notice-and-action procedures. Errors: {"error": {code, message, field}}.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  await app.init();
  await fastify.ready();
  return { app, key, keyCreated: created, logger };
}
