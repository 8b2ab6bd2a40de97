// Builds the console (src/console) into dist/console: one ES module bundled by esbuild with the pure
// layers it reuses (audit, domain, verdict), the page, and the court file's styles with the console's.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/console');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src/console/main.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120', 'firefox120', 'safari17'],
  minify: true,
  legalComments: 'none',
  outfile: join(out, 'app.js'),
  // date-holidays reads zone rules through moment-timezone: its 1970-2030 build keeps the console under
  // its size target (holiday dates do not depend on a zone's offsets beyond it).
  alias: { 'moment-timezone': 'moment-timezone/builds/moment-timezone-with-data-1970-2030.js' },
  logLevel: 'warning',
});
const { STYLE } = await import(join(root, 'dist/src/verdict/case-html.js'));
writeFileSync(join(out, 'console.css'), `${STYLE}\n${readFileSync(join(root, 'src/console/console.css'), 'utf8')}`);
copyFileSync(join(root, 'src/console/index.html'), join(out, 'index.html'));
// Compressed once here, served as the browser asks (src/http/console-routes.ts).
for (const name of ['app.js', 'console.css']) {
  const body = readFileSync(join(out, name));
  writeFileSync(join(out, `${name}.gz`), gzipSync(body, { level: 9 }));
  writeFileSync(join(out, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
