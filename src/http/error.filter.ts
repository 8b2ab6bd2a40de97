import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { statusOf } from '../application/error-status.js';
import { AppendTooLargeError, StoreIntegrityError, StoreUnavailableError } from '../application/ports/ledger-store.js';
import { LedgerError, type LedgerErrorCode } from '../domain/errors.js';
import type { LedgerMetrics } from './metrics.js';

/** Submissions of acts: every refusal on these routes, whatever refused it, is counted. */
export const isActSubmission = (request: { method: string; url: string }): boolean => request.method === 'POST' && /^\/v1\/acts(\/batch)?(\?|$)/.test(request.url);

/** The error body of DESIGN.md §6: `{"error": {code, message, field?, rule?}}`. */
export function errorBody(error: LedgerError): { error: Record<string, string> } {
  return { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.rule ? { rule: error.rule } : {}) } };
}

/** Turns anything thrown (ours, Nest's, Fastify's body errors) into a LedgerError with a stable code. */
export function toLedgerError(exception: unknown): LedgerError {
  if (exception instanceof LedgerError) return exception;
  const fastifyError = exception as { code?: string; statusCode?: number; message?: string };
  if (fastifyError?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastifyError?.statusCode === 413) {
    return new LedgerError('too_large', 'the body exceeds the size limit of this endpoint');
  }
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_ERR_CTP')) {
    return new LedgerError('malformed', fastifyError.message ?? 'unreadable body');
  }
  if (exception instanceof AppendTooLargeError) return new LedgerError('too_large', exception.message);
  if (exception instanceof StoreIntegrityError) {
    return new LedgerError('unavailable', `the log failed an integrity check; nothing more is served from it until an operator has looked: ${exception.message}`);
  }
  if (isStoreUnavailable(exception)) {
    return new LedgerError('unavailable', `the store cannot take or serve this now: ${(exception as Error).message}`);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code: LedgerErrorCode = status === 404 ? 'not_found' : status === 413 ? 'too_large' : status < 500 ? 'schema' : 'internal';
    return new LedgerError(code, exception.message);
  }
  return new LedgerError('internal', 'internal error');
}

/** A store that cannot work now (a full disk, an I/O error, a lock, a server away): retryable, 503, never a 500. */
function isStoreUnavailable(exception: unknown): boolean {
  if (exception instanceof StoreUnavailableError) return true;
  const code = (exception as { code?: unknown })?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN)/.test(code);
}

/** Maps every error a controller throws to its status and body. */
@Catch()
export class LedgerErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly metrics?: LedgerMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = toLedgerError(exception);
    const status = statusOf(error.code);
    if (isActSubmission(host.switchToHttp().getRequest<FastifyRequest>())) this.metrics?.rejected(error.code);
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    void reply.status(status).send(errorBody(error));
  }
}
