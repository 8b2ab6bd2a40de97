import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import request from 'supertest';
import { createHarborApp } from '../../src/bootstrap.js';
import { loadConfig, type HarborConfig } from '../../src/config.js';
import type { Act } from '../../src/domain/acts/envelope.js';
import { makeTempDir } from './temp-dir.js';
import { signatureHeaders } from '../../src/client/sign-request.js';
import { trustAnchor, type TestParty } from './parties.js';

export interface Harness {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  config: HarborConfig;
  dataDir: string;
  post(act: unknown): Promise<request.Response>;
  /** GET signed by a party (RFC 9421), as its client would send it. */
  getAs(party: { id: string; keys: { secretKey: Uint8Array } }, path: string): Promise<request.Response>;
  setClock(now: string): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
  /** Closes this app and starts another on the same data folder. */
  restart(): Promise<Harness>;
}

/** The URL test clients sign (HARBOR_PUBLIC_URL): supertest's port is not known before the request. */
export const PUBLIC_URL = 'http://ledger.test';

/** A real ledger over HTTP on SQLite in a temporary folder, with the test clock. */
export async function startLedger(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Harness> {
  const dir = options.dataDir ? undefined : makeTempDir();
  const dataDir = options.dataDir ?? dir!.path;
  // No rate limits unless a test sets them: tests send more than a client would from one address.
  const config = loadConfig({ HARBOR_DATA_DIR: dataDir, HARBOR_TEST_CLOCK: '1', PORT: '0', HARBOR_RATE_READS: '0', HARBOR_RATE_WRITES: '0', HARBOR_PUBLIC_URL: PUBLIC_URL, HARBOR_TRUST_ANCHORS: `${trustAnchor.id}=${trustAnchor.publicKey}`, ...options.env });
  const { app } = await createHarborApp(config, pino({ level: 'silent' }));
  const http = request(app.getHttpServer());
  const harness: Harness = {
    app,
    http,
    config,
    dataDir,
    post: (act) => http.post('/v1/acts').set('content-type', 'application/json').send(JSON.stringify(act)),
    getAs: async (party, path) => http.get(path).set(await signatureHeaders({ method: 'GET', url: `${PUBLIC_URL}${path}` }, { partyId: party.id, secretKey: party.keys.secretKey })),
    setClock: async (now) => {
      const res = await http.post('/v1/test-clock').send({ now });
      if (res.status !== 200) throw new Error(`test clock: ${res.status} ${JSON.stringify(res.body)}`);
    },
    size: async () => (await http.get('/health')).body.size as number,
    close: async () => {
      await app.close();
      dir?.remove();
    },
    restart: async () => {
      await app.close();
      const next = await startLedger({ dataDir, env: options.env });
      const closeNext = next.close;
      next.close = async () => {
        await closeNext();
        dir?.remove();
      };
      return next;
    },
  };
  return harness;
}

/** Posts acts in order and fails loudly on the first that is not accepted. */
export async function recordAll(harness: Harness, acts: Act[]): Promise<request.Response[]> {
  const responses: request.Response[] = [];
  for (const act of acts) {
    const res = await harness.post(act);
    if (res.status !== 201) throw new Error(`${act.type} refused: ${res.status} ${JSON.stringify(res.body)}`);
    responses.push(res);
  }
  return responses;
}

/**
 * Has the test trust anchor accredit a party (registering the anchor first if needed), as an
 * authority or a trusted flagger; `at` defaults to now.
 */
export async function accredit(harness: Harness, party: TestParty, status: 'authority' | 'trusted_flagger', at?: string): Promise<void> {
  if ((await harness.http.get(`/v1/parties/${trustAnchor.id}`)).status === 404) await recordAll(harness, [trustAnchor.register(at)]);
  await recordAll(harness, [trustAnchor.act('party.accredited', { party: party.id, status, reference: 'test accreditation' }, { at })]);
}
