import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { statusOf } from '../application/error-status.js';
import { LedgerError, type LedgerErrorCode } from '../domain/errors.js';

/** Maps every error to `{"error": {code, message, field}}` with its status (DESIGN.md §6). */
@Catch()
export class LedgerErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const error = this.toLedgerError(exception);
    const status = statusOf(error.code);
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    response.status(status).json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.rule ? { rule: error.rule } : {}) } });
  }

  private toLedgerError(exception: unknown): LedgerError {
    if (exception instanceof LedgerError) return exception;
    const bodyError = exception as { type?: string; status?: number; message?: string };
    if (bodyError?.type === 'entity.too.large') return new LedgerError('too_large', `the body exceeds the limit of this endpoint (${bodyError.message})`);
    if (typeof bodyError?.type === 'string' && bodyError.type.startsWith('encoding.')) return new LedgerError('malformed', bodyError.message ?? 'bad body encoding');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code: LedgerErrorCode = status === 404 ? 'not_found' : status === 413 ? 'too_large' : status < 500 ? 'schema' : 'internal';
      return new LedgerError(code, exception.message);
    }
    return new LedgerError('internal', 'internal error');
  }
}
