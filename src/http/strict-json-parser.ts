import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseStrictJson, StrictJsonError } from '../audit/strict-json.js';
import { LedgerError } from '../domain/errors.js';

/**
 * Every request body is read as text under its route's size limit and parsed as I-JSON (duplicate
 * member names refused), because a signed act must mean exactly one thing. Any content type is read
 * as JSON: the API speaks nothing else.
 */
export function registerStrictJsonParser(fastify: FastifyInstance, limits: { defaultBytes: number; byUrl: Record<string, number> }): void {
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit = limits.byUrl[route.url] ?? limits.defaultBytes;
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.length === 0) return done(new LedgerError('malformed', 'the body is empty; send JSON'));
    try {
      done(null, parseStrictJson(text));
    } catch (error) {
      done(new LedgerError('malformed', `the body is not valid JSON: ${(error as Error).message}`, error instanceof StrictJsonError ? error.field : undefined));
    }
  });
}
