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

  it('starts the test clock where HARBOR_TEST_CLOCK_START says, and only at a real UTC instant', () => {
    expect(loadConfig({ HARBOR_TEST_CLOCK: '1', HARBOR_TEST_CLOCK_START: '2026-01-01T00:00:00.000Z' }).testClockStart?.getTime()).toBe(Date.UTC(2026, 0, 1));
    expect(() => loadConfig({ HARBOR_TEST_CLOCK_START: '2026-02-30T00:00:00.000Z' })).toThrow(/HARBOR_TEST_CLOCK_START/);
    expect(() => loadConfig({ HARBOR_TEST_CLOCK_START: '2026-01-01T00:00:00' })).toThrow(/HARBOR_TEST_CLOCK_START/);
  });

  it('reads trust anchors as party-id=key pairs separated by commas or spaces (keys may end in =)', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect([...loadConfig({ HARBOR_TRUST_ANCHORS: `dsc-ie=${key}, court.sdny=${key}` }).trustAnchors]).toEqual([['dsc-ie', key], ['court.sdny', key]]);
    expect(loadConfig({}).trustAnchors.size).toBe(0);
    for (const bad of [`=${key}`, 'dsc-ie', `dsc-ie=${Buffer.alloc(31).toString('base64')}`, `..=${key}`, `has space=${key}`]) {
      expect(() => loadConfig({ HARBOR_TRUST_ANCHORS: bad })).toThrow(/HARBOR_TRUST_ANCHORS/);
    }
  });

  it('reads the request timeout and checkpoint interval, refusing values under 100 ms', () => {
    expect(loadConfig({ HARBOR_REQUEST_TIMEOUT_MS: '5000', HARBOR_CHECKPOINT_INTERVAL_MS: '250' })).toMatchObject({ requestTimeoutMs: 5000, checkpointIntervalMs: 250 });
    expect(loadConfig({})).toMatchObject({ requestTimeoutMs: 30_000, checkpointIntervalMs: 1000 });
    expect(() => loadConfig({ HARBOR_REQUEST_TIMEOUT_MS: '99' })).toThrow(/HARBOR_REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ HARBOR_CHECKPOINT_INTERVAL_MS: 'soon' })).toThrow(/HARBOR_CHECKPOINT_INTERVAL_MS/);
  });

  it('places the projection store beside the log, follows every 5 s, and runs the read side on a worker by default', () => {
    expect(loadConfig({ HARBOR_STORE: 'sqlite:/srv/harbor/ledger.db' })).toMatchObject({ projections: '/srv/harbor/projections.db', projectionsFollowMs: 5000, readWorker: true });
    expect(loadConfig({ HARBOR_STORE: 'memory:' }).projections).toBe('memory:');
    expect(loadConfig({ HARBOR_STORE: 'esdb://kdb:2113?tls=false', HARBOR_DATA_DIR: '/var/harbor' }).projections).toBe('/var/harbor/projections.db');
    expect(loadConfig({ HARBOR_PROJECTIONS: '/fast/p.db', HARBOR_PROJECTIONS_FOLLOW_MS: '250', HARBOR_READ_WORKER: '0' })).toMatchObject({ projections: '/fast/p.db', projectionsFollowMs: 250, readWorker: false });
    expect(() => loadConfig({ HARBOR_PROJECTIONS_FOLLOW_MS: '50' })).toThrow(/HARBOR_PROJECTIONS_FOLLOW_MS/);
  });

  it('reads witnesses as <witness vkey>@<URL> entries, refusing anything else by name', async () => {
    const { witnessVerifierKey } = await import('../../src/audit/cosignature.js');
    const vkey = witnessVerifierKey('witness.test/w1', new Uint8Array(32).fill(9));
    expect(loadConfig({ HARBOR_WITNESSES: `${vkey}@http://127.0.0.1:3100/, ${vkey}@https://w.example/prefix` }).witnesses).toEqual([
      { vkey, url: 'http://127.0.0.1:3100' },
      { vkey, url: 'https://w.example/prefix' },
    ]);
    expect(loadConfig({}).witnesses).toEqual([]);
    for (const bad of ['http://127.0.0.1:3100', `${vkey}@ftp://w.example`, `not-a-key@http://w.example`, `${vkey}`]) {
      expect(() => loadConfig({ HARBOR_WITNESSES: bad }), bad).toThrow(/HARBOR_WITNESSES/);
    }
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HARBOR_CRYPTO_WORKERS: '-1' })).toThrow(/HARBOR_CRYPTO_WORKERS/);
  });
});
