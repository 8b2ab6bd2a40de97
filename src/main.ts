import { createHarborApp } from './bootstrap.js';
import { loadConfig } from './config.js';

/** `npm start`: the ledger on its embedded SQLite store (or HARBOR_STORE). */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const { app, key, keyCreated, logger } = await createHarborApp(config);
  await app.listen(config.port, config.host);
  // Stop accepting, commit what is queued, close the store, then exit 0: a clean stop is not a crash.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.info({ url, store: config.store, origin: config.origin, testClock: config.testClock }, 'ledger listening');
  process.stdout.write(
    `Safe Harbor Ledger listening on ${url}\n` +
      `  store:        ${config.store}\n` +
      `  verifier key: ${key.verifierKey}${keyCreated ? '  (new ledger key created in ' + config.dataDir + ')' : ''}\n` +
      `  API docs:     ${url}/docs\n` +
      (config.testClock ? '  test clock:   ON (POST /v1/test-clock)\n' : ''),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((error: unknown) => {
    process.stderr.write(`harbor: ${(error as Error).message}\n`);
    process.exit(2);
  });
}
