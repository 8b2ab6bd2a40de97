import Fastify, { type FastifyInstance } from 'fastify';
import type { Witness } from '../witness/witness.js';

/** The largest add-checkpoint request: a checkpoint with its signatures and 63 proof lines fit in far less. */
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * A witness's HTTP interface (C2SP tlog-witness): `POST /add-checkpoint` and the monitoring
 * `GET /<origin hash>/checkpoint`, plus `GET /` naming the witness and the logs it follows.
 */
export function witnessServer(witness: Witness, about: { vkey: string; logs: string[] }): FastifyInstance {
  const app = Fastify({ bodyLimit: MAX_REQUEST_BYTES });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post('/add-checkpoint', (request, reply) => {
    const answer = witness.addCheckpoint(typeof request.body === 'string' ? request.body : '');
    return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
  });
  app.get('/:hash/checkpoint', (request, reply) => {
    const latest = witness.latest((request.params as { hash: string }).hash);
    if (!latest) return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('no checkpoint cosigned for that log\n');
    return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-cache').send(latest.note);
  });
  app.get('/', (_request, reply) => reply.header('content-type', 'text/plain; charset=utf-8').send(`witness ${about.vkey}\n${about.logs.map((l) => `log ${l}\n`).join('')}`));
  return app;
}
