import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LedgerError } from '../domain/errors.js';
import { errorBody, isActSubmission } from './error.filter.js';
import type { LedgerMetrics } from './metrics.js';

/**
 * Errors Fastify raises before any route runs: a URL that cannot be decoded (400), a path parameter
 * longer than the router takes (414). They get the API's error shape like every other refusal.
 */
export function frameworkErrorHandler(metrics: () => LedgerMetrics | undefined) {
  return (error: { code?: string; message: string }, request: FastifyRequest, reply: FastifyReply): void => {
    const [status, body] =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? [414, new LedgerError('too_large', 'a path parameter is longer than any identifier (128 characters)')]
        : [400, new LedgerError('malformed', `the request URL cannot be read: ${error.message}`)];
    if (isActSubmission(request)) metrics()?.rejected(body.code);
    void reply.status(status).send(errorBody(body));
  };
}

const CLIENT_ERRORS: Record<string, [number, string, LedgerError]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', new LedgerError('malformed', 'the request was not received completely in time')],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', new LedgerError('too_large', 'the request headers exceed 16 KiB')],
};

/**
 * Errors Node's HTTP parser raises on a connection (a request that never completes, headers that
 * are too large, bytes that are not HTTP): answered in the API's error shape, then the socket is closed.
 */
export function clientErrorHandler(error: { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, ledgerError] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', new LedgerError('malformed', 'the request is not valid HTTP')];
  const body = JSON.stringify(errorBody(ledgerError));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
