import { useNodeCrypto } from './backends/node-crypto.js';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ServerOptions } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { pino, type Logger } from 'pino';
import { LedgerKey } from './application/ledger-key.js';
import { AppModule } from './app.module.js';
import type { HarborConfig } from './config.js';
import { LedgerErrorFilter } from './http/error.filter.js';
import { clientErrorHandler, frameworkErrorHandler } from './http/framework-errors.js';
import { LedgerMetrics } from './http/metrics.js';
import { registerStrictJsonParser } from './http/strict-json-parser.js';
import { RequestAuthenticator } from './application/request-auth.js';
import { authenticationHook } from './http/read-access.js';
import type { Reader } from './domain/read-rules.js';
import { registerAbuseLimits } from './http/abuse-limits.js';
import { registerConsole } from './http/console-routes.js';

// src/audit hashes with node:crypto in this process (its default is the portable one).
useNodeCrypto();

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
  let metrics: LedgerMetrics | undefined;
  const options: FastifyServerOptions & { http: ServerOptions } = {
    bodyLimit: config.maxActBytes,
    // Identifiers are up to 128 characters; the router's default (100) made longer ones unreadable.
    routerOptions: { maxParamLength: 256 },
    // A request must arrive whole within this time: a slow body cannot hold a connection forever.
    requestTimeout: config.requestTimeoutMs,
    // Node checks the request deadline only when it is set at construction with a headers deadline
    // no longer than it; the check runs every quarter of the timeout (at most every 30 s).
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(60_000, config.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.requestTimeoutMs / 4))),
    },
    frameworkErrors: frameworkErrorHandler(() => metrics),
    clientErrorHandler,
  };
  const adapter = new FastifyAdapter(options as ConstructorParameters<typeof FastifyAdapter>[0]);
  const fastify = adapter.getInstance() as unknown as FastifyInstance;
  registerStrictJsonParser(fastify, { defaultBytes: config.maxActBytes, byUrl: { '/v1/acts/batch': config.maxBatchBytes } });
  // Every request is authenticated before routing (the authenticator exists once the app does).
  let authenticate: ReturnType<typeof authenticationHook> | undefined;
  fastify.decorateRequest<Reader>('reader', null as unknown as Reader);
  fastify.addHook('onRequest', (request, reply) => authenticate!(request, reply));
  registerConsole(fastify);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, key), adapter, { logger: ['error', 'warn'], bodyParser: false });
  authenticate = authenticationHook(app.get(RequestAuthenticator), config.publicUrl);
  await registerAbuseLimits(app, config);
  // Nest routes Fastify's own errors (body too large, unreadable body) through this filter too.
  metrics = app.get(LedgerMetrics);
  app.useGlobalFilters(new LedgerErrorFilter(logger, metrics));
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
