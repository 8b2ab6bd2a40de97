import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { recordAll, startLedger, type Harness } from '../support/harness.js';
import { TestParty } from '../support/parties.js';

const ajv = new Ajv({ allErrors: true, strict: false });
(formatsPlugin as unknown as { default: (ajv: Ajv, options: { keywords: boolean }) => Ajv }).default(ajv, { keywords: true });
const validate = ajv.compile(JSON.parse(readFileSync('test/fixtures/tdb-statement.schema.json', 'utf8')));

const SOR = { ground: 'illegal_content', facts: 'A full copy of our film.', automatedDetection: true, automatedDecision: 'partially' };

describe('exports in the formats regulators use', () => {
  let ledger: Harness;
  let us: RecordedCase;
  const film = new TestParty('film-co', { name: 'Film Co', roles: ['rights_holder'] });
  const plat = new TestParty('plat', { name: 'Plat', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], timeZone: 'Europe/Dublin' });
  const items = Array.from({ length: 105 }, (_, i) => `https://plat.example/${i}`);

  beforeAll(async () => {
    // Signed requests name the real URL (the CLI's), not the harness's public one.
    ledger = await startLedger({ env: { HARBOR_PUBLIC_URL: '' } });
    us = await recordDmcaCase(ledger);
    await recordAll(ledger, [film.register(), plat.register()]);
    // 105 eu-dsa cases, each with a removal: two TDB batches (100 + 5); one more with a forward only.
    const acts = items.flatMap((item, i) => [
      film.caseAct('notice.submitted', `eu-${i}`, { provider: 'plat', pack: 'eu-dsa', works: ['Film'], items: [{ locator: item }] }),
      plat.caseAct('measure.taken', `eu-${i}`, { measure: 'removed', items: [item], basis: 'notice', reasons: SOR }),
    ]);
    acts.push(film.caseAct('notice.submitted', 'eu-fwd', { provider: 'plat', pack: 'eu-dsa', items: [{ locator: 'https://plat.example/fwd' }] }));
    acts.push(plat.caseAct('measure.taken', 'eu-fwd', { measure: 'forward_only', items: ['https://plat.example/fwd'], basis: 'notice' }));
    const res = await ledger.http.post('/v1/acts/batch').send({ acts });
    expect(res.body.results.filter((r: { status: number }) => r.status !== 201)).toEqual([]);
  }, 60_000);
  afterAll(async () => ledger?.close());

  it('exports every eu-dsa removal as a TDB statement, in batches of at most 100, each valid, naming the checkpoint', async () => {
    const res = await ledger.http.get('/v1/exports/tdb');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = JSON.parse(res.text) as { format: string; logSize: number; checkpoint: string; batches: { statements: Record<string, unknown>[] }[] };
    expect(body.format).toBe('harbor-ledger/export/tdb/v1');
    expect(body.batches.map((b) => b.statements.length)).toEqual([100, 5]);
    const statements = body.batches.flatMap((b) => b.statements);
    for (const s of statements) expect(validate(s) ? [] : validate.errors!.map((e: ErrorObject) => `${e.instancePath} ${e.message}`)).toEqual([]);
    expect(new Set(statements.map((s) => s.puid)).size).toBe(105);
    expect(statements.every((s) => s.automated_detection === 'Yes' && s.category === 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS')).toBe(true);
    // The checkpoint it names covers everything exported, and is the ledger's signed note.
    const checkpoint = (await ledger.http.get('/v1/log/checkpoint').set('accept', 'application/json')).body;
    expect(body.logSize).toBe(Number(res.headers['harbor-log-size']));
    expect(body.checkpoint.split('\n')[1]).toBe(String(body.logSize));
    expect(body.logSize).toBeLessThanOrEqual(checkpoint.size);
    // The same export twice gives the same PUIDs: they are derived from the acts.
    const again = JSON.parse((await ledger.http.get('/v1/exports/tdb?provider=plat')).text) as typeof body;
    expect(again.batches.flatMap((b) => b.statements.map((s) => s.puid))).toEqual(statements.map((s) => s.puid));
  });

  it('exports Lumen-style notice records, the counter-notice linked to its notice', async () => {
    const body = JSON.parse((await ledger.http.get(`/v1/exports/lumen?provider=${us.host.id}`)).text) as { notices: { id: string; type: string; counternotice_for_id?: string; recipient_name: string; action_taken: string; works: { infringing_urls: { url: string }[] }[] }[] };
    const [notice, counter] = body.notices;
    expect(notice).toMatchObject({ id: us.caseId, type: 'DMCA', recipient_name: us.host.id, action_taken: 'Yes' });
    expect(notice.works[0].infringing_urls.length).toBeGreaterThan(0);
    expect(counter).toMatchObject({ type: 'Counternotice', counternotice_for_id: us.caseId });
  });

  it('exports CSV with a header row, ISO times, and the log size and checkpoint root on every row', async () => {
    const res = await ledger.http.get(`/v1/exports/csv?table=obligations&provider=${us.host.id}`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('case,provider,pack,key,party,basis,source,window_from,due_by,met_at,status,note,log_size,checkpoint_root');
    const api = (await ledger.http.get(`/v1/cases/${us.caseId}`)).body as { obligations: { key: string; status: string }[] };
    expect(lines.length - 1).toBe(api.obligations.length);
    const keys = lines.slice(1).map((l) => l.split(',')[3]);
    expect(keys).toEqual(api.obligations.map((o) => o.key));
    const size = res.headers['harbor-log-size'];
    expect(lines.slice(1).every((l) => l.split(',').at(-2) === size && /^[0-9a-f]{64}$/.test(l.split(',').at(-1)!))).toBe(true);
    const cases = (await ledger.http.get('/v1/exports/csv?table=cases&provider=plat')).text.trimEnd().split('\r\n');
    expect(cases.length - 1).toBe(106);
    expect(cases[1].split(',')[6]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('submits the statements to a Transparency Database, which stores each valid one, and records each as reasons.published', async () => {
    const { default: Fastify } = await import('fastify');
    const { runCli } = await import('../../src/cli/program.js');
    const { makeTempDir } = await import('../support/temp-dir.js');
    const { writeFileSync } = await import('node:fs');
    const { randomUUID } = await import('node:crypto');
    // A stand-in for the TDB: its token, its batch limit and the statement rules (the schema), 201 with a uuid each.
    const stored = new Map<string, string>();
    const tdb = Fastify();
    tdb.post('/api/v1/statements', async (request, reply) => {
      if (request.headers.authorization !== 'Bearer tdb-token') return reply.code(401).send({ message: 'Unauthenticated.' });
      const { statements } = request.body as { statements: Record<string, unknown>[] };
      if (!Array.isArray(statements) || statements.length < 1 || statements.length > 100) return reply.code(422).send({ message: 'between 1 and 100' });
      const invalid = statements.filter((s) => !validate(s));
      if (invalid.length) return reply.code(422).send({ message: 'invalid', errors: validate.errors });
      return reply.code(201).send({ statements: statements.map((s) => { const uuid = randomUUID(); stored.set(s.puid as string, uuid); return { ...s, uuid }; }) });
    });
    await tdb.listen({ port: 0, host: '127.0.0.1' });
    const dir = makeTempDir();
    try {
      await ledger.app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as import('node:net').AddressInfo).port}`;
      const tdbUrl = `http://127.0.0.1:${(tdb.server.address() as import('node:net').AddressInfo).port}`;
      const key = `${dir.path}/plat.key`;
      writeFileSync(key, JSON.stringify({ publicKey: plat.publicKey, secretKey: Buffer.from(plat.keys.secretKey).toString('base64') }));
      const out: string[] = [];
      const code = await runCli(['export', '--format', 'tdb', '--provider', 'plat', '--url', url, '--as', 'plat', '--key', key, '--submit', tdbUrl, '--token', 'tdb-token'], { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
      expect(out.join('\n')).toContain('submitted 105 statement(s) of reasons');
      expect(code).toBe(0);
      expect(stored.size).toBe(105);
      // Each case now holds the TDB's reference for its statement, recorded by the provider.
      for (const i of [0, 57, 104]) {
        const view = (await ledger.http.get(`/v1/cases/eu-${i}`)).body as { timeline: { type: string; actor: string; data: { reference?: string } }[] };
        const published = view.timeline.filter((t) => t.type === 'reasons.published');
        expect(published.map((p) => p.actor)).toEqual(['plat']);
        expect([...stored.values()]).toContain(published[0].data.reference);
      }
      // A wrong token: the TDB stores nothing, and nothing is recorded.
      const refused = await runCli(['export', '--format', 'tdb', '--provider', 'plat', '--url', url, '--as', 'plat', '--key', key, '--submit', tdbUrl, '--token', 'wrong'], { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
      expect(refused).toBe(1);
      expect(out.join('\n')).toContain('answered 401, not 201 Created');
    } finally {
      await tdb.close();
      dir.remove();
    }
  });

  it('refuses an unknown format or table, and a period that is not RFC 3339, naming the field', async () => {
    expect((await ledger.http.get('/v1/exports/xml')).body.error.field).toBe('format');
    expect((await ledger.http.get('/v1/exports/tdb?table=cases')).body.error.field).toBe('table');
    expect((await ledger.http.get('/v1/exports/csv?from=yesterday')).body.error.field).toBe('from');
  });
});

describe('harbor export', () => {
  it('writes the export to a file, naming the checkpoint it reflects; refuses bad options before asking', async () => {
    const { runCli } = await import('../../src/cli/program.js');
    const { makeTempDir } = await import('../support/temp-dir.js');
    const ledger = await startLedger();
    const dir = makeTempDir();
    try {
      const us = await recordDmcaCase(ledger);
      await ledger.app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as import('node:net').AddressInfo).port}`;
      const out: string[] = [];
      const cli = (args: string[]) => runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => '' });
      const file = `${dir.path}/cases.csv`;
      expect(await cli(['export', '--format', 'csv', '--provider', us.host.id, '--url', url, '-o', file, '--no-progress'])).toBe(0);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
      expect(lines[0].startsWith('case,provider,notifier')).toBe(true);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([us.caseId]);
      expect(out.join('\n')).toMatch(/cases\.csv: \d+ bytes, 1 cases, as of the checkpoint of \d+ entries/);
      expect(await cli(['export', '--format', 'xml', '--url', url])).toBe(2);
      expect(await cli(['export', '--format', 'tdb', '--table', 'cases', '--url', url])).toBe(2);
      expect(await cli(['export', '--format', 'lumen', '--from', 'monday', '--url', url])).toBe(2);
      expect(out.join('\n')).toContain('--from must be an RFC 3339 time');
    } finally {
      await ledger.close();
      dir.remove();
    }
  });
});
