import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled file of a worker beside the calling module (`import.meta.url`): worker threads run
 * JavaScript, so when the caller runs from its TypeScript sources (tests), it is the build's copy
 * (npm test builds first).
 */
export function compiledWorker(callerUrl: string, workerJs: string): string {
  const here = dirname(fileURLToPath(callerUrl));
  const folder = fileURLToPath(callerUrl).endsWith('.ts') ? here.replace(/\/src(\/|$)/, '/dist/src$1') : here;
  const compiled = join(folder, workerJs);
  if (!existsSync(compiled)) throw new Error(`the worker is not built: ${compiled} (run npm run build)`);
  return compiled;
}
