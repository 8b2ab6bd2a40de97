import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actSigningBytes } from '../../src/audit/act-signature.js';
import { decodeBase64, encodeBase64, fromHex } from '../../src/audit/encoding.js';
import { signNacl } from '../../src/audit/ed25519-nacl.js';
import { commitPersonalData } from '../../src/client/sign-act.js';
import { addGroupOrder } from '../support/malleate.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';
import { recordAll, startLedger, type Harness } from '../support/harness.js';

/**
 * Every bad input gets its status and stable code, names the field where there is one, and appends
 * nothing: the entry count is the same before and after.
 */
describe('bad input is refused with a clear error and appends nothing', () => {
  let ledger: Harness;
  const holder = rightsHolder();
  const host = usHost();
  const user = uploader();
  const caseId = 'c-bad-1';
  let sizeBefore: number;

  beforeAll(async () => {
    ledger = await startLedger();
    await recordAll(ledger, [
      holder.register(),
      host.register(),
      user.register(),
      holder.caseAct('notice.submitted', caseId, fullUsNotice(host.id, user.id)),
    ]);
  });
  afterAll(async () => ledger.close());
  beforeEach(async () => {
    sizeBefore = await ledger.size();
  });

  async function expectRefused(res: { status: number; body: { error?: { code: string; field?: string; rule?: string } } }, status: number, code: string, field?: string) {
    expect(res.body.error?.code).toBe(code);
    expect(res.status).toBe(status);
    if (field !== undefined) expect(res.body.error?.field).toBe(field);
    expect(await ledger.size()).toBe(sizeBefore);
  }

  const raw = (text: string) => ledger.http.post('/v1/acts').set('content-type', 'application/json').send(text);

  it('malformed JSON: 400 malformed', async () => {
    await expectRefused(await raw('{"v":1,'), 400, 'malformed');
  });

  it('duplicate member names: 400 malformed', async () => {
    const act = JSON.stringify(host.caseAct('notice.acknowledged', caseId));
    await expectRefused(await raw(act.replace('{', '{"actor":"acme-records",')), 400, 'malformed');
  });

  it('an empty body: 400 malformed', async () => {
    await expectRefused(await raw(''), 400, 'malformed');
  });

  it('a missing field: 400 schema naming it', async () => {
    const { actor: _actor, ...act } = host.caseAct('notice.acknowledged', caseId);
    await expectRefused(await ledger.post(act), 400, 'schema', 'actor');
  });

  it('a missing required data field: 400 schema naming data.provider', async () => {
    const { provider: _p, ...data } = fullUsNotice(host.id);
    await expectRefused(await ledger.post(holder.caseAct('notice.submitted', 'c-new', data)), 400, 'schema', 'data.provider');
  });

  it('a wrong-typed field: 400 schema naming the nested path', async () => {
    const act = holder.caseAct('notice.submitted', 'c-new', { ...fullUsNotice(host.id), works: 'not a list' });
    await expectRefused(await ledger.post(act), 400, 'schema', 'data.works');
  });

  it('a clear value where a commitment belongs: 400 schema', async () => {
    const act = holder.caseAct('notice.submitted', 'c-new', { ...fullUsNotice(host.id), claimant: { name: 'Acme', contact: 'legal@acme.example' } });
    await expectRefused(await ledger.post(act), 400, 'schema', 'data.claimant.contact');
  });

  it('a disclosure that does not open its commitment: 400 commitment_mismatch', async () => {
    const { data, disclosures } = commitPersonalData(fullUsNotice(host.id), { 'data.claimant.contact': 'legal@acme.example' });
    const act = holder.caseAct('notice.submitted', 'c-new', data);
    await expectRefused(await ledger.post({ act, disclosures: [{ ...disclosures[0], value: 'other@acme.example' }] }), 400, 'commitment_mismatch', 'disclosures[0].value');
  });

  it('an unknown act type: 400 schema naming type', async () => {
    await expectRefused(await ledger.post(host.act('notice.teleported' as never, {}, { case: caseId })), 400, 'schema', 'type');
  });

  it('a case act without a case: 400 schema naming case', async () => {
    await expectRefused(await ledger.post(host.act('notice.acknowledged', {})), 400, 'schema', 'case');
  });

  it('a signature by another key: 401 bad_signature', async () => {
    const act = host.caseAct('notice.acknowledged', caseId);
    const forged = { ...act, sig: encodeBase64(signNacl(user.keys.secretKey, actSigningBytes(act as never))) };
    await expectRefused(await ledger.post(forged), 401, 'bad_signature', 'sig');
  });

  it('a non-canonical S (S + L), which tweetnacl alone would accept: 401 bad_signature', async () => {
    const act = host.caseAct('notice.acknowledged', caseId);
    const malleated = { ...act, sig: encodeBase64(addGroupOrder(decodeBase64(act.sig)!)) };
    await expectRefused(await ledger.post(malleated), 401, 'bad_signature', 'sig');
  });

  it('an altered act under its old signature: 401 bad_signature', async () => {
    const act = host.caseAct('notice.rejected', caseId, { reason: 'other' });
    await expectRefused(await ledger.post({ ...act, data: { reason: 'not_infringing' } }), 401, 'bad_signature', 'sig');
  });

  it('an unknown actor: 401 unknown_key', async () => {
    const stranger = usHost('nobody');
    await expectRefused(await ledger.post(stranger.caseAct('notice.acknowledged', caseId)), 401, 'unknown_key', 'actor');
  });

  it('an actor not allowed (the user acknowledging the notice): 403 not_allowed', async () => {
    await expectRefused(await ledger.post(user.caseAct('notice.acknowledged', caseId)), 403, 'not_allowed', 'actor');
  });

  it('a notice sent by a party without the rights-holder role: 403 not_allowed', async () => {
    await expectRefused(await ledger.post(user.caseAct('notice.submitted', 'c-new', fullUsNotice(host.id))), 403, 'not_allowed');
  });

  it('a notice to a provider that is not registered: 404 not_found naming data.provider', async () => {
    await expectRefused(await ledger.post(holder.caseAct('notice.submitted', 'c-new', fullUsNotice('ghost-host'))), 404, 'not_found', 'data.provider');
  });

  it('an act on a case that does not exist: 404 not_found', async () => {
    await expectRefused(await ledger.post(host.caseAct('notice.acknowledged', 'c-missing')), 404, 'not_found', 'case');
  });

  it('an act impossible in the case state (a counter-notice before any measure): 409 invalid_state naming the rule', async () => {
    const res = await ledger.post(user.caseAct('counter_notice.submitted', caseId, {}));
    await expectRefused(res, 409, 'invalid_state');
    expect(res.body.error.rule).toBe('MeasureWasTaken');
  });

  it('a second notice for an existing case: 409 invalid_state', async () => {
    const res = await ledger.post(holder.caseAct('notice.submitted', caseId, fullUsNotice(host.id)));
    await expectRefused(res, 409, 'invalid_state', 'case');
    expect(res.body.error.rule).toBe('NoticeOpensNewCase');
  });

  it('a second registration of the same party id: 409 invalid_state', async () => {
    await expectRefused(await ledger.post(holder.register()), 409, 'invalid_state');
  });

  it('a replayed id with other content: 409 id_reused', async () => {
    const act = host.caseAct('notice.acknowledged', caseId);
    expect((await ledger.post(act)).status).toBe(201);
    sizeBefore = await ledger.size();
    const other = host.act('decision.notified', { decision: 'acted' }, { case: caseId, id: act.id });
    await expectRefused(await ledger.post(other), 409, 'id_reused', 'id');
  });

  it('an act whose clock is more than 5 minutes off: 422 clock_skew', async () => {
    const late = new Date(Date.now() - 6 * 60_000).toISOString();
    await expectRefused(await ledger.post(host.caseAct('notice.acknowledged', caseId, {}, late)), 422, 'clock_skew', 'at');
  });

  it('an oversized body: 413 too_large', async () => {
    const huge = host.caseAct('notice.rejected', caseId, { reason: 'other', explanation: 'x'.repeat(400 * 1024) });
    await expectRefused(await ledger.post(huge), 413, 'too_large');
  });

  it('more than 1,000 acts in a batch: 413 too_large', async () => {
    const one = host.caseAct('notice.acknowledged', caseId);
    const acts = Array.from({ length: 1001 }, () => one);
    await expectRefused(await ledger.http.post('/v1/acts/batch').send({ acts }), 413, 'too_large', 'acts');
  });

  // 30 works of 10,000 characters: every field within its schema, the act over 256 KiB.
  const oversizedNotice = () => holder.caseAct('notice.submitted', 'c-huge', { ...fullUsNotice(host.id), works: Array.from({ length: 30 }, (_, i) => `${i}`.padEnd(10_000, 'w')) });

  it('an act over 256 KiB inside a batch: too_large for that act alone, nothing appended (regression: batches bypassed the limit)', async () => {
    const res = await ledger.http.post('/v1/acts/batch').send({ acts: [oversizedNotice()] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ index: 0, status: 413, error: expect.objectContaining({ code: 'too_large' }) }]);
    expect(await ledger.size()).toBe(sizeBefore);
  });

  it('an act over 256 KiB alone within the body limit: 413 too_large', async () => {
    await expectRefused(await ledger.post(oversizedNotice()), 413, 'too_large');
  });

  it('a __proto__ member inside data: 400 malformed naming it (regression: it was stored unvalidated)', async () => {
    const text = JSON.stringify(host.caseAct('notice.acknowledged', caseId)).replace('"data":{}', '"data":{"__proto__":{"note":"alice@example.com"}}');
    await expectRefused(await raw(text), 400, 'malformed', 'data.__proto__');
  });

  it('nesting deeper than 64 levels: 400 malformed before any parsing', async () => {
    await expectRefused(await raw(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 400, 'malformed');
  });

  it('a small-order key at registration: 400 weak_key', async () => {
    const weak = usHost('weak-host');
    const smallOrder = encodeBase64(fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'));
    const act = weak.act('party.registered', { name: 'Weak', roles: ['user'], publicKey: smallOrder });
    await expectRefused(await ledger.post(act), 400, 'weak_key', 'data.publicKey');
  });

  it('a provider registered without kind or packs: 400 schema', async () => {
    const p = usHost('kindless');
    await expectRefused(await ledger.post(p.act('party.registered', { name: 'P', roles: ['provider'], publicKey: p.publicKey })), 400, 'schema', 'data.providerKind');
  });
});
