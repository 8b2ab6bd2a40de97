import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receiptSigningBytes } from '../../src/audit/receipt.js';
import { decodeBase64 } from '../../src/audit/encoding.js';
import { verifyStrictNacl } from '../../src/audit/ed25519-nacl.js';
import { commitPersonalData, keyRotationData } from '../../src/client/sign-act.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';
import { recordAll, startLedger, type Harness } from '../support/harness.js';

describe('recording acts over HTTP on SQLite', () => {
  let ledger: Harness;
  const holder = rightsHolder();
  const host = usHost();
  const user = uploader();

  beforeEach(async () => {
    ledger = await startLedger();
  });
  afterEach(async () => ledger.close());

  it('records a registration with a receipt signed by the ledger key', async () => {
    const res = await ledger.post(holder.register());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ seq: 0, leaf: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const { receipt } = res.body;
    expect(receipt).toMatchObject({ log: 'harbor-ledger.local/log', seq: 0, recordedAt: res.body.recordedAt, leaf: res.body.leaf });
    const key = (await ledger.http.get('/v1/log/key')).body;
    expect(verifyStrictNacl(decodeBase64(key.publicKey)!, receiptSigningBytes(receipt), decodeBase64(receipt.sig)!)).toBe(true);
  });

  it('runs a notice through takedown, counter-notice and restore, and shows the timeline', async () => {
    await recordAll(ledger, [holder.register(), host.register(), user.register()]);
    const caseId = 'c-2026-000123';
    const flow = [
      holder.caseAct('notice.submitted', caseId, fullUsNotice(host.id, user.id)),
      host.caseAct('notice.forwarded', caseId, { user: user.id }),
      host.caseAct('measure.taken', caseId, { measure: 'disabled', items: ['https://tube.example/v/abc123'], basis: 'notice' }),
      user.caseAct('counter_notice.submitted', caseId, { statements: { goodFaithMistake: true, consentToJurisdiction: true, acceptService: true } }),
      host.caseAct('counter_notice.forwarded', caseId),
      host.caseAct('measure.lifted', caseId, { items: ['https://tube.example/v/abc123'], reason: 'counter_notice' }),
    ];
    await recordAll(ledger, flow);
    const view = (await ledger.http.get(`/v1/cases/${caseId}`)).body;
    expect(view.timeline.map((t: { type: string }) => t.type)).toEqual(flow.map((a) => a.type));
    expect(view.timeline.map((t: { seq: number }) => t.seq)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(view.parties).toEqual({ provider: host.id, notifier: holder.id, user: user.id });
    expect(view.state).toMatchObject({ opened: true, pack: 'us-dmca', itemsUnderMeasure: [], counterNotices: 1, counterNoticesForwarded: 1 });
  });

  it('shows the case as of an earlier time with the test clock', async () => {
    await ledger.setClock('2030-11-27T18:00:00.000Z');
    await recordAll(ledger, [holder.register('2030-11-27T18:00:00.000Z'), host.register('2030-11-27T18:00:00.000Z')]);
    await recordAll(ledger, [holder.caseAct('notice.submitted', 'c1', fullUsNotice(host.id), '2030-11-27T18:00:00.000Z')]);
    await ledger.setClock('2030-12-03T09:00:00.000Z');
    await recordAll(ledger, [host.caseAct('notice.acknowledged', 'c1', {}, '2030-12-03T09:00:00.000Z')]);
    const before = (await ledger.http.get('/v1/cases/c1?asOf=2030-12-01T00:00:00.000Z')).body;
    expect(before.timeline).toHaveLength(1);
    const all = (await ledger.http.get('/v1/cases/c1')).body;
    expect(all.timeline.map((t: { recordedAt: string }) => t.recordedAt)).toEqual(['2030-11-27T18:00:00.000Z', '2030-12-03T09:00:00.000Z']);
  });

  it('moves the test clock forward only', async () => {
    await ledger.setClock('2031-01-01T00:00:00.000Z');
    const back = await ledger.http.post('/v1/test-clock').send({ now: '2030-01-01T00:00:00.000Z' });
    expect(back.status).toBe(409);
  });

  it('replays an act with the same id and content as 200 with the original receipt', async () => {
    const act = holder.register();
    const first = await ledger.post(act);
    const again = await ledger.post(act);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await ledger.size()).toBe(1);
  });

  it('keeps disclosed personal data beside the log, checked against its commitment', async () => {
    await recordAll(ledger, [holder.register(), host.register()]);
    const { data, disclosures } = commitPersonalData(fullUsNotice(host.id), { 'data.claimant.contact': 'legal@acme.example' });
    const act = holder.caseAct('notice.submitted', 'c-pii', data);
    const res = await ledger.post({ act, disclosures });
    expect(res.status).toBe(201);
    const entries = (await ledger.http.get('/v1/log/entries?from=2&limit=1')).body.entries;
    expect(entries[0].entry).not.toContain('legal@acme.example');
    expect(entries[0].entry).toContain((data.claimant as { contact: string }).contact);
  });

  it('pages the log with exact entry bytes', async () => {
    await recordAll(ledger, [holder.register(), host.register(), user.register()]);
    const page = (await ledger.http.get('/v1/log/entries?from=1&limit=2')).body;
    expect(page.size).toBe(3);
    expect(page.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    const entry = JSON.parse(page.entries[0].entry);
    expect(entry).toMatchObject({ v: 1, seq: 1, stream: `party-${host.id}`, revision: 0, prev: null });
  });

  it('serves a party with its key history, through a rotation that the new key proves (regression: a rotation needed no proof of possession)', async () => {
    await recordAll(ledger, [host.register()]);
    const oldKey = host.publicKey;
    const next = usHost(host.id);
    // A proof made by a key the party does not hold, or made for another rotation, is refused.
    const stranger = usHost('stranger');
    const forged = host.act('party.key_rotated', keyRotationData(host.id, '00000000-0000-4000-8000-000000000001', next.keys), { id: '00000000-0000-4000-8000-000000000002' });
    expect((await ledger.post(forged)).body.error).toMatchObject({ code: 'bad_signature', field: 'data.proof' });
    const notHeld = host.rotateTo({ publicKey: next.keys.publicKey, secretKey: stranger.keys.secretKey });
    expect((await ledger.post(notHeld)).body.error).toMatchObject({ code: 'bad_signature', field: 'data.proof' });
    const rotation = host.rotateTo(next.keys);
    await recordAll(ledger, [rotation]);
    host.keys = next.keys;
    await recordAll(ledger, [host.act('provider.agent_designated', { registry: 'DMCA-1234567', designatedOn: '2026-01-05', validUntil: '2029-01-05' })]);
    const party = (await ledger.http.get(`/v1/parties/${host.id}`)).body;
    expect(party.keys.map((k: { publicKey: string }) => k.publicKey)).toEqual([oldKey, next.publicKey]);
    expect(party.keys[0]).toMatchObject({ fromSeq: 0, retiredAtSeq: 1 });
    expect(party.keys[1]).toMatchObject({ fromSeq: 2 });
    expect(party.agent).toMatchObject({ registry: 'DMCA-1234567' });
  });

  it('keeps every entry across a restart on the same data', async () => {
    await recordAll(ledger, [holder.register(), host.register()]);
    const before = (await ledger.http.get('/v1/log/entries?from=0&limit=10')).body;
    ledger = await ledger.restart();
    const after = (await ledger.http.get('/v1/log/entries?from=0&limit=10')).body;
    expect(after).toEqual(before);
    const res = await ledger.post(user.register());
    expect(res.body.seq).toBe(2);
  });

  it('records a batch, each act on its own and in order', async () => {
    const acts = [holder.register(), host.register(), holder.caseAct('notice.submitted', 'cb', fullUsNotice(host.id)), host.caseAct('notice.acknowledged', 'nope')];
    const res = await ledger.http.post('/v1/acts/batch').send({ acts });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201, 404]);
    expect(res.body.results.map((r: { seq?: number }) => r.seq)).toEqual([0, 1, 2, undefined]);
    expect(res.body.results[3].error).toMatchObject({ code: 'not_found', field: 'case' });
  });

  it('serves OpenAPI at /docs, metrics and health', async () => {
    expect((await ledger.http.get('/docs-json')).body.paths).toHaveProperty('/v1/acts');
    await ledger.post(holder.register());
    const metrics = await ledger.http.get('/metrics');
    expect(metrics.text).toContain('harbor_acts_accepted_total{type="party.registered"} 1');
    expect((await ledger.http.get('/health')).body).toMatchObject({ status: 'ok', store: 'sqlite', size: 1 });
  });
});
