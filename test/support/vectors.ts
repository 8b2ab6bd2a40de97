import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared test vectors live beside the clone, in ../shared/vectors (CI lays them out the same way). */
export const VECTORS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/vectors');

export function loadVector<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(VECTORS_DIR, name), 'utf8')) as T;
}
