import { defineConfig } from 'vitest/config';

/** The tests Stryker runs against each mutant of src/audit and src/domain: the pure unit tests (fast, no servers). */
export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  // One worker that keeps its modules between runs: each mutant re-runs a few tests, not a fresh import of them.
  test: { environment: 'node', include: ['test/unit/**/*.spec.ts'], pool: 'threads', isolate: false, fileParallelism: false },
});
