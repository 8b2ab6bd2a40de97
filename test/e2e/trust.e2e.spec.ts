import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accredit, recordAll, startLedger, type Harness } from '../support/harness.js';
import { fullUsNotice, rightsHolder, TestParty, trustAnchor, uploader, usHost } from '../support/parties.js';

const euPlatform = (id: string) => new TestParty(id, { name: 'Social EU', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], timeZone: 'Europe/Dublin' });
const euNotice = (provider: string) => ({ provider, pack: 'eu-dsa', items: [{ locator: 'https://social.example/p/1' }], claimant: { name: 'Acme', contact: `sha256:${'cd'.repeat(32)}` }, explanation: 'A full copy of our film.', statements: { bonaFide: true } });
const actOnKnowledge = async (ledger: Harness, caseId: string) =>
  ((await ledger.http.get(`/v1/cases/${caseId}`)).body.obligations as { key: string; note: string; basis: string }[]).find((o) => o.key === 'EU.actOnKnowledge');

describe('powers are earned from trust anchors, never self-declared', () => {
  let ledger: Harness;
  const holder = rightsHolder('acme');
  const host = usHost('tube');
  const user = uploader('u1');
  const selfDeclared = new TestParty('totally-a-court', { name: 'Totally A Court', roles: ['authority'] });
  const court = new TestParty('sdny', { name: 'U.S. District Court, S.D.N.Y.', roles: ['authority'] });
  const dsc = new TestParty('dsc-ie', { name: 'Coimisiún na Meán', roles: ['authority'] });
  const flagger = new TestParty('flagger', { name: 'Flagging NGO', roles: ['rights_holder'], flags: { trustedFlagger: true } });
  const plat = euPlatform('social');

  beforeAll(async () => {
    ledger = await startLedger();
    await recordAll(ledger, [holder, host, user, selfDeclared, court, dsc, flagger, plat].map((p) => p.register()));
    await recordAll(ledger, [holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id, user.id))]);
  });
  afterAll(async () => ledger.close());

  it('refuses a finding by a self-declared authority: 403 naming the rule, nothing appended (regression)', async () => {
    const before = await ledger.size();
    const res = await ledger.post(selfDeclared.caseAct('finding.recorded', 'c-1', { outcome: 'malicious_erroneous_notice', reference: 'fake' }));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'not_allowed', rule: 'ActorIsAccreditedAuthority' });
    expect(await ledger.size()).toBe(before);
    expect((await ledger.http.get(`/v1/parties/${selfDeclared.id}`)).body.standing).toEqual({ authority: 'claimed_unaccredited', trustedFlagger: 'none' });
  });

  it('refuses anyone who takes the anchor’s id with another key', async () => {
    const impostor = new TestParty(trustAnchor.id, { name: 'Impostor', roles: ['authority'] });
    const res = await ledger.post(impostor.register());
    expect(res.body.error).toMatchObject({ code: 'not_allowed', rule: 'AnchorRegistersWithPinnedKey', field: 'data.publicKey' });
  });

  it('accepts the finding of an authority the anchor accredited, and its party view says so', async () => {
    await accredit(ledger, court, 'authority');
    const res = await ledger.post(court.caseAct('finding.recorded', 'c-1', { outcome: 'infringing', reference: '1:26-cv-1' }));
    expect(res.status).toBe(201);
    const view = (await ledger.http.get(`/v1/parties/${court.id}`)).body;
    expect(view.standing).toEqual({ authority: 'accredited', trustedFlagger: 'none' });
    expect(view.accreditations).toEqual([expect.objectContaining({ status: 'authority', by: trustAnchor.id, reference: 'test accreditation' })]);
    expect((await ledger.http.get(`/v1/parties/${trustAnchor.id}`)).body.standing.authority).toBe('trust_anchor');
  });

  it('gives a self-declared trusted flagger the ordinary period, and an accredited one priority (DSA Art 22)', async () => {
    await recordAll(ledger, [flagger.caseAct('notice.submitted', 'eu-1', euNotice(plat.id))]);
    expect(await actOnKnowledge(ledger, 'eu-1')).toMatchObject({ note: 'trusted flagger status claimed, not accredited: the ordinary period applies' });
    // The Digital Services Coordinator is an accredited authority; it awards the status.
    await accredit(ledger, dsc, 'authority');
    await recordAll(ledger, [dsc.act('party.accredited', { party: flagger.id, status: 'trusted_flagger', reference: 'CnaM/TF/2026/3' })]);
    await recordAll(ledger, [flagger.caseAct('notice.submitted', 'eu-2', euNotice(plat.id))]);
    expect(await actOnKnowledge(ledger, 'eu-2')).toMatchObject({ note: 'trusted flagger' });
    // The earlier notice keeps the period it had when it was recorded.
    expect(await actOnKnowledge(ledger, 'eu-1')).toMatchObject({ note: 'trusted flagger status claimed, not accredited: the ordinary period applies' });
  });

  it('counts notices a provider attributes to a notifier apart from the notices it signed', async () => {
    const victim = rightsHolder('victim');
    await recordAll(ledger, [victim.register()]);
    const attributed = { ...fullUsNotice(host.id), notifier: victim.id, channel: 'email' };
    await recordAll(ledger, [host.caseAct('notice.received', 'r-1', attributed), host.caseAct('notice.rejected', 'r-1', { reason: 'manifestly_unfounded', explanation: 'x' })]);
    await recordAll(ledger, [victim.caseAct('notice.submitted', 's-1', fullUsNotice(host.id))]);
    const conduct = (await ledger.http.get(`/v1/notifiers/${victim.id}/conduct`)).body;
    expect(conduct).toMatchObject({ notices: 1, manifestlyUnfounded: 0, unfoundedShare: 0 });
    expect(conduct.attributed).toMatchObject({ notices: 1, rejected: 1, manifestlyUnfounded: 1, unfoundedShare: 1 });
    expect(conduct.misuse).toEqual([expect.objectContaining({ provider: host.id, unfoundedInWindow: 0 })]);
    expect(conduct.attributed.misuse).toEqual([expect.objectContaining({ provider: host.id, unfoundedInWindow: 1 })]);
  });
});
