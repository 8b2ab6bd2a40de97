import { createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestAuthenticator } from '../application/request-auth.js';
import type { Clock } from '../application/ports/clock.js';
import { LedgerError } from '../domain/errors.js';
import { mayRead, refusalToError, type ReadContext, type Reader, type ReadMode, type ReadResource } from '../domain/read-rules.js';
import { errorBody } from './error.filter.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who asks, from the request's RFC 9421 signature (anonymous without one). */
    reader: Reader;
  }
}

/** The read rules' view of the deployment, provided to the guard and the routes that release personal data. */
export const READ_POLICY = Symbol('ReadPolicy');

export class ReadPolicy {
  constructor(
    readonly mode: ReadMode,
    private readonly anchors: ReadonlyMap<string, string>,
    private readonly operators: ReadonlyMap<string, string>,
    private readonly clock: Clock,
  ) {}

  context(): ReadContext {
    return { mode: this.mode, anchors: this.anchors, operators: this.operators, now: this.clock.now().toISOString() };
  }

  /** For a route whose resources differ by path (tiles of hashes, bundles of entries): refuses as the guard does. */
  require(resource: ReadResource, reader: Reader): void {
    const refusal = mayRead(resource, reader, this.context());
    if (refusal) throw refusalToError(refusal);
  }
}

const READS = 'harbor:reads';

/** The read rule a route answers under (README "Who may read what"); every GET route names one. */
export const Reads = (resource: ReadResource) => SetMetadata(READS, resource);

/** The reader of the request, as authenticated before any route ran. */
export const ReaderOf = createParamDecorator((_data: unknown, ctx: ExecutionContext): Reader => ctx.switchToHttp().getRequest<FastifyRequest>().reader);

/**
 * Judges each route by its read rule. A GET route without one is refused (fails closed): a new read
 * never becomes public by omission.
 */
@Injectable()
export class ReadRulesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(READ_POLICY) private readonly policy: ReadPolicy,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    const resource = this.reflector.get<ReadResource | undefined>(READS, ctx.getHandler());
    if (resource === undefined) {
      if (request.method === 'GET' || request.method === 'HEAD') throw new LedgerError('internal', `no read rule for ${request.routeOptions.url}`);
      return true;
    }
    const refusal = mayRead(resource, request.reader, this.policy.context());
    if (refusal) throw refusalToError(refusal);
    return true;
  }
}

/**
 * The Fastify hook that authenticates every request before routing: a signed request names its
 * party; a bad, stale or replayed signature is refused with 401 here, whatever the route.
 */
export function authenticationHook(authenticator: RequestAuthenticator, publicUrl: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.reader = { kind: 'anonymous' };
    if (request.headers['signature-input'] === undefined && request.headers.signature === undefined) return;
    const base = publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    try {
      request.reader = await authenticator.reader({ method: request.method, url: `${base}${request.url}`, headers: request.headers });
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      await reply.status(error.code === 'unavailable' ? 503 : 401).send(errorBody(error));
    }
  };
}
