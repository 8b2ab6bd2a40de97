import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest resolves providers by their constructor types: without emitted decorator metadata it injects undefined.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    environment: 'node',
    include: ['test/**/*.spec.ts'],
    setupFiles: ['test/support/setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});
