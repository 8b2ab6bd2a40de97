import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** What each pure layer may import: its own folder, the layers listed, and these packages. */
const LAYERS: { layer: string; mayImport: string[]; packages: string[] }[] = [
  // No node:crypto in audit/: it runs in a browser too (its node:crypto backend is backends/node-crypto.ts).
  { layer: 'audit', mayImport: ['audit'], packages: ['tweetnacl', '@noble/hashes/sha2.js'] },
  { layer: 'domain', mayImport: ['domain', 'audit'], packages: ['zod', 'luxon', 'date-holidays'] },
  // Verdicts are recomputed anywhere a bundle is read: only the pure layers and luxon.
  { layer: 'verdict', mayImport: ['verdict', 'domain', 'audit'], packages: ['luxon'] },
  // A witness judges checkpoints with the audit layer alone; its state and its server are wired outside.
  { layer: 'witness', mayImport: ['witness', 'audit'], packages: [] },
  // The console runs in a browser: the pure layers and nothing of the server.
  { layer: 'console', mayImport: ['console', 'verdict', 'domain', 'audit'], packages: [] },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

describe('architecture: the pure layers import nothing outward', () => {
  for (const { layer, mayImport, packages } of LAYERS) {
    const files = sourceFiles(join(SRC, layer));

    it(`${layer}/ has source files to check`, () => {
      expect(files.length).toBeGreaterThan(0); // a layer with no files would pass vacuously
    });

    it(`${layer}/ imports only ${[...mayImport.map((l) => `${l}/`), ...packages].join(', ')}`, () => {
      const violations: string[] = [];
      for (const file of files) {
        for (const spec of importsOf(file)) {
          if (spec.startsWith('.')) {
            const target = relative(SRC, resolve(dirname(file), spec)).split('/')[0];
            if (!mayImport.includes(target)) violations.push(`${relative(SRC, file)} -> ${spec}`);
          } else if (!packages.includes(spec)) {
            violations.push(`${relative(SRC, file)} -> ${spec}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it.each([
    ['@eventstore/db-client', 'store/esdb'],
    ['better-sqlite3', 'store/sqlite'],
  ])('only %s imports come from its adapter folder %s', (pkg, folder) => {
    const importers = sourceFiles(SRC)
      .filter((file) => importsOf(file).includes(pkg))
      .map((file) => relative(SRC, file));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !file.startsWith(`${folder}/`))).toEqual([]);
  });

  it('the import scanner sees relative and package imports (so the test can fail)', () => {
    const imports = importsOf(join(SRC, 'application/ledger.ts'));
    expect(imports).toContain('../domain/actor-rules.js');
    expect(importsOf(join(SRC, 'app.module.ts'))).toContain('@nestjs/common');
  });
});
