// Builds the console (src/console) into dist/console: one ES module bundled by esbuild with the pure
// layers it reuses (audit, domain, verdict), the page, and the court file's styles with the console's.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  logLevel: 'warning',
});
const { STYLE } = await import(join(root, 'dist/src/verdict/case-html.js'));
writeFileSync(join(out, 'console.css'), `${STYLE}\n${readFileSync(join(root, 'src/console/console.css'), 'utf8')}`);
copyFileSync(join(root, 'src/console/index.html'), join(out, 'index.html'));
