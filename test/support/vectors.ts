import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The test vectors are part of the repository (test/vectors, sources in its README). */
export const VECTORS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../vectors');

export function loadVector<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(VECTORS_DIR, name), 'utf8')) as T;
}
