import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('configuration from the environment', () => {
  it('defaults to SQLite in ./data on 127.0.0.1:3000', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', store: 'sqlite:data/ledger.db', origin: 'harbor-ledger.local/log', testClock: false });
  });

  it('puts the default store in HARBOR_DATA_DIR', () => {
    expect(loadConfig({ HARBOR_DATA_DIR: '/var/lib/harbor' }).store).toBe('sqlite:/var/lib/harbor/ledger.db');
  });

  it('refuses the test clock in production', () => {
    expect(() => loadConfig({ HARBOR_TEST_CLOCK: '1', NODE_ENV: 'production' })).toThrow(/refused when NODE_ENV=production/);
    expect(loadConfig({ HARBOR_TEST_CLOCK: '1' }).testClock).toBe(true);
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HARBOR_CRYPTO_WORKERS: '-1' })).toThrow(/HARBOR_CRYPTO_WORKERS/);
  });
});
