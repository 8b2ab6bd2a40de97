import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The console's pages: one page for every address people share, the script finding its view. */
const PAGES = ['/', '/cases/:id', '/providers/:id', '/verify', '/search', '/sign-in'];
const ASSETS: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'console.css': 'text/css; charset=utf-8' };

/** Everything from the ledger itself: no other origin is ever asked (style attributes colour the statuses). */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** A built file and the compressed copies the build made of it (scripts/build-console.mjs). */
function encodings(dir: string, name: string): { identity: Buffer; gzip?: Buffer; br?: Buffer } {
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : undefined);
  return { identity: readFileSync(join(dir, name)), gzip: read(`${name}.gz`), br: read(`${name}.br`) };
}

/** The console built by `npm run build` (scripts/build-console.mjs), found from the repository root. */
export function consoleDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist/console');
}

/** Serves the console at `/` and its assets at `/console/…`, read once into memory. */
export function registerConsole(fastify: FastifyInstance, dir = consoleDir()): void {
  const built = existsSync(join(dir, 'index.html'));
  // Compressed by the build: the bundle goes out as brotli or gzip, whichever the browser takes.
  const files = new Map(built ? Object.keys(ASSETS).map((name) => [name, encodings(dir, name)] as const) : []);
  const index = built ? readFileSync(join(dir, 'index.html')) : undefined;
  const send = (reply: FastifyReply, body: Buffer, type: string, cache: string) => reply.header('content-type', type).header('content-security-policy', CSP).header('cache-control', cache).header('x-content-type-options', 'nosniff').send(body);
  for (const path of PAGES) {
    fastify.get(path, (_request, reply) => {
      if (!index) return reply.code(503).header('content-type', 'text/plain; charset=utf-8').send('The console is not built: run npm run build.');
      return send(reply, index, 'text/html; charset=utf-8', 'no-cache');
    });
  }
  fastify.get('/console/:file', (request, reply) => {
    const name = (request.params as { file: string }).file;
    const file = files.get(name);
    if (!file) return reply.code(404).send({ error: { code: 'not_found', message: `no console file ${name}`, field: 'path' } });
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = file.br && /\bbr\b/.test(accepted) ? 'br' : file.gzip && /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
    reply.header('vary', 'accept-encoding');
    if (encoding) reply.header('content-encoding', encoding);
    return send(reply, encoding ? file[encoding]! : file.identity, ASSETS[name], 'no-cache');
  });
}
