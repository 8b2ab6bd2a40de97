import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { HarborConfig } from '../config.js';
import { LedgerError } from '../domain/errors.js';

/** Reads and writes are limited apart: a burst of acts does not lock a party out of reading, nor the reverse. */
const isWrite = (request: FastifyRequest) => request.method === 'POST';

/** Who a limit counts: the party of a signed request, else the address it came from. */
function identity(request: FastifyRequest): string {
  const who = request.reader?.kind === 'party' ? `party:${request.reader.party.id}` : `address:${request.ip}`;
  return `${isWrite(request) ? 'write' : 'read'}|${who}`;
}

/**
 * Requests a minute per identity (signed) or address, for reads and for writes (HARBOR_RATE_READS,
 * HARBOR_RATE_WRITES; 0 turns one off), counted after authentication; and CORS for the console's
 * origins (HARBOR_CORS_ORIGINS: none by default, so browsers elsewhere cannot call the ledger).
 */
export async function registerAbuseLimits(app: NestFastifyApplication, config: HarborConfig): Promise<void> {
  const { readsPerMinute, writesPerMinute } = config.rateLimits;
  if (readsPerMinute > 0 || writesPerMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      timeWindow: 60_000,
      max: (request) => (isWrite(request) ? writesPerMinute || Number.MAX_SAFE_INTEGER : readsPerMinute || Number.MAX_SAFE_INTEGER),
      keyGenerator: identity,
      errorResponseBuilder: (request, context) =>
        Object.assign(new LedgerError('rate_limited', `more than ${context.max} requests a minute from ${identity(request).split('|')[1]}; retry in ${Math.ceil(context.ttl / 1000)} s`), { statusCode: 429 }),
    });
  }
  await app.register(cors, {
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'signature', 'signature-input'],
    exposedHeaders: ['harbor-log-position', 'retry-after'],
  });
}

