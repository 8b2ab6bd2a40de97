import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAll, startLedger, type Harness } from '../support/harness.js';
import { TestParty } from '../support/parties.js';

/** Sends raw bytes on one connection and resolves with everything the server answers before closing it. */
function rawExchange(port: number, send: (socket: ReturnType<typeof connect>) => void): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => send(socket));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('error', reject);
  });
}

const errorOf = (httpText: string) => JSON.parse(httpText.slice(httpText.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };

describe('the HTTP edge answers every refusal in the error shape', () => {
  let ledger: Harness;
  let port: number;

  beforeAll(async () => {
    ledger = await startLedger({ env: { HARBOR_REQUEST_TIMEOUT_MS: '400' } });
    const server = ledger.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => ledger.close());

  it('reads a party whose id has 128 characters (regression: ids over 100 characters were unreadable)', async () => {
    const id = 'p'.repeat(128);
    const party = new TestParty(id, { name: 'Long Name Co', roles: ['user'] });
    await recordAll(ledger, [party.register()]);
    const res = await ledger.http.get(`/v1/parties/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
  });

  it.each([['.'], ['..'], ['...']])('refuses the id %s, a URL path step: 400 schema naming actor', async (id) => {
    const party = new TestParty(id, { name: 'Dots', roles: ['user'] });
    const before = await ledger.size();
    const res = await ledger.post(party.register());
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'schema', field: 'actor' });
    expect(await ledger.size()).toBe(before);
  });

  it('answers a URL with bad percent-encoding with 400 malformed in the error shape', async () => {
    const res = await ledger.http.get('/v1/cases/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed');
  });

  it('answers a path parameter longer than any identifier with 414 in the error shape', async () => {
    const res = await ledger.http.get(`/v1/cases/${'c'.repeat(300)}`);
    expect(res.status).toBe(414);
    expect(res.body.error.code).toBe('too_large');
  });

  it('answers headers over 16 KiB with 431 in the error shape', async () => {
    const { text } = await rawExchange(port, (s) => s.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(text.startsWith('HTTP/1.1 431')).toBe(true);
    expect(errorOf(text).error.code).toBe('too_large');
  });

  it('closes a request whose body never arrives with 408 in the error shape (regression: held forever)', async () => {
    const { text, ms } = await rawExchange(port, (s) => s.write('POST /v1/acts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"v":1'));
    expect(text.startsWith('HTTP/1.1 408')).toBe(true);
    expect(errorOf(text).error.code).toBe('malformed');
    expect(ms).toBeLessThan(5_000);
  });

  it.each([
    ['a day that does not exist', '2026-02-30T00:00:00.000Z'],
    ['a time without a zone', '2026-03-01T00:00:00'],
    ['a date alone', '2026-03-01'],
    ['hour 24', '2026-03-01T24:00:00Z'],
  ])('refuses asOf with %s: 400 schema naming asOf', async (_name, asOf) => {
    const refused = await ledger.http.get('/v1/providers/anyone/compliance').query({ asOf });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'schema', field: 'asOf' });
  });

  it('accepts asOf with an offset and reads it as that instant', async () => {
    const res = await ledger.http.get('/v1/cases/nothing-here').query({ asOf: '2026-03-01T09:00:00+09:00' });
    expect(res.status).toBe(404);
  });

  it('counts every refused act in harbor_acts_rejected_total by code, 400s and batch items included', async () => {
    const count = async (code: string) => {
      const text = (await ledger.http.get('/metrics')).text;
      const line = text.split('\n').find((l) => l.startsWith(`harbor_acts_rejected_total{code="${code}"}`));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const [malformed, schema] = [await count('malformed'), await count('schema')];
    await ledger.http.post('/v1/acts').set('content-type', 'application/json').send('{"v":');
    await ledger.http.post('/v1/acts').send({ v: 1 });
    await ledger.http.post('/v1/acts/batch').send({ acts: [{ v: 1 }, { v: 2 }] });
    expect(await count('malformed')).toBe(malformed + 1);
    expect(await count('schema')).toBe(schema + 3);
  });
});
