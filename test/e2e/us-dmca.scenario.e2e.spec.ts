import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { startLedger, type Harness } from '../support/harness.js';
import { TestParty } from '../support/parties.js';
import { statuses, timedSteps } from '../support/scenario.js';
import { expectOfflineJudgementsEqualServer } from '../support/offline-judgement.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dossier } from '../../src/audit/dossier.js';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { verifyDossier } from '../../src/audit/verify-dossier.js';
import { rejudgeDossier } from '../../src/verdict/dossier.js';
import { harbor } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const COMMIT = `sha256:${'ab'.repeat(32)}`;
const notice = (provider: string, user: string, item: string, complete = true) => ({
  provider,
  pack: 'us-dmca',
  works: ['Harbor Lights'],
  items: [{ locator: item }],
  claimant: { name: 'Acme', contact: COMMIT },
  user,
  ...(complete ? { statements: { goodFaith: true, accuracy: true, authorized: true } } : {}),
});
const measure = (item: string) => ({ measure: 'disabled', items: [item], basis: 'notice' });

/**
 * A US host over six weeks, over HTTP with the test clock: every us-dmca obligation key met, late,
 * missed, early and not applicable; strikes that expire, are disputed, or are excluded; and a repeat
 * infringer left unactioned, which costs the safe harbor.
 */
describe('us-dmca over HTTP with the test clock', () => {
  let ledger: Harness;
  const holder = new TestParty('acme', { name: 'Acme Records', roles: ['rights_holder'] });
  const host = new TestParty('tube', { name: 'Tube Inc.', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], timeZone: 'America/New_York' });
  const u1 = new TestParty('u1', { name: 'Uploader One', roles: ['user'] });
  const u2 = new TestParty('u2', { name: 'Uploader Two', roles: ['user'] });
  // The test clock starts before the scenario's first act, whatever the real date, and moves forward only.
  const SCENARIO_START = '2026-01-01T00:00:00.000Z';
  const AFTER = '2027-04-30T00:00:00.000Z';

  beforeAll(async () => {
    ledger = await startLedger({ env: { HARBOR_TEST_CLOCK_START: SCENARIO_START } });
    const { at, play } = timedSteps(ledger);
    const t = (date: string, hour = 15) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    at(t('2027-03-01', 13), holder, 'party.registered', undefined, { name: 'Acme Records', roles: ['rights_holder'], publicKey: holder.publicKey });
    at(t('2027-03-01', 13), host, 'party.registered', undefined, { name: 'Tube Inc.', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], timeZone: 'America/New_York', publicKey: host.publicKey });
    at(t('2027-03-01', 13), u1, 'party.registered', undefined, { name: 'Uploader One', roles: ['user'], publicKey: u1.publicKey });
    at(t('2027-03-01', 13), u2, 'party.registered', undefined, { name: 'Uploader Two', roles: ['user'], publicKey: u2.publicKey });
    at(t('2027-03-01', 14), host, 'provider.agent_designated', undefined, { registry: 'DMCA-1055234', designatedOn: '2026-06-01' });
    at(t('2027-03-01', 14), host, 'provider.policy_adopted', undefined, { repeatInfringer: { strikes: 3, windowDays: 90, action: 'terminate', actionWithinDays: 2, countDisputed: false }, published: 'https://tube.example/policy' });

    // c1: takedown met, uploader told; strike 1 for u1.
    at(t('2027-03-01'), holder, 'notice.submitted', 'c1', notice('tube', 'u1', 'https://tube.example/1'));
    at(t('2027-03-02'), host, 'measure.taken', 'c1', measure('https://tube.example/1'));
    at(t('2027-03-02', 16), host, 'notice.forwarded', 'c1', { user: 'u1' });
    // c2: takedown late (due 03-04), uploader never told; strike 2.
    at(t('2027-03-02'), holder, 'notice.submitted', 'c2', notice('tube', 'u1', 'https://tube.example/2'));
    at(t('2027-03-08'), host, 'measure.taken', 'c2', measure('https://tube.example/2'));
    // c3: takedown missed.
    at(t('2027-03-09'), holder, 'notice.submitted', 'c3', notice('tube', 'u2', 'https://tube.example/3'));
    // c4: a curable notice, contact missed; c5: contact made.
    at(t('2027-03-09'), holder, 'notice.submitted', 'c4', notice('tube', 'u2', 'https://tube.example/4', false));
    at(t('2027-03-09'), holder, 'notice.submitted', 'c5', notice('tube', 'u2', 'https://tube.example/5', false));
    at(t('2027-03-10'), host, 'notice.deficiency_contacted', 'c5', { missing: ['good_faith', 'accuracy_authority'] });
    // c6: counter-notice forwarded in time, restored early (business day 2); u2's strike excluded.
    at(t('2027-03-15'), holder, 'notice.submitted', 'c6', notice('tube', 'u2', 'https://tube.example/6'));
    at(t('2027-03-15', 16), host, 'measure.taken', 'c6', measure('https://tube.example/6'));
    at(t('2027-03-15', 17), host, 'notice.forwarded', 'c6', { user: 'u2' });
    at(t('2027-03-16'), u2, 'counter_notice.submitted', 'c6', { statements: { goodFaithMistake: true, consentToJurisdiction: true, acceptService: true } });
    at(t('2027-03-17'), host, 'counter_notice.forwarded', 'c6');
    at(t('2027-03-18'), host, 'measure.lifted', 'c6', { items: ['https://tube.example/6'], reason: 'counter_notice' });
    // c7: counter-notice forwarded late, then an action is filed: put-back not applicable; u2's strike disputed.
    at(t('2027-03-15'), holder, 'notice.submitted', 'c7', notice('tube', 'u2', 'https://tube.example/7'));
    at(t('2027-03-16'), host, 'measure.taken', 'c7', measure('https://tube.example/7'));
    at(t('2027-03-16', 16), host, 'notice.forwarded', 'c7', { user: 'u2' });
    at(t('2027-03-17'), u2, 'counter_notice.submitted', 'c7', { statements: { goodFaithMistake: true } });
    at(t('2027-03-24'), host, 'counter_notice.forwarded', 'c7');
    at(t('2027-03-26'), holder, 'action.filed', 'c7', { forum: 'court', reference: '1:27-cv-00042' });
    // c8: a §512(h) subpoena answered before its return date.
    at(t('2027-03-18'), holder, 'notice.submitted', 'c8', notice('tube', 'u2', 'https://tube.example/8'));
    at(t('2027-03-18', 16), host, 'measure.taken', 'c8', measure('https://tube.example/8'));
    at(t('2027-03-18', 17), host, 'notice.forwarded', 'c8', { user: 'u2' });
    at(t('2027-03-19'), holder, 'disclosure.requested', 'c8', { route: 'us_512h_subpoena', about: 'u2', returnDate: '2027-04-02' });
    at(t('2027-03-30'), host, 'disclosure.granted', 'c8', { disclosed: COMMIT });
    // c9: strike 3 for u1 on 03-22: u1 reaches the threshold; no termination follows.
    at(t('2027-03-22'), holder, 'notice.submitted', 'c9', notice('tube', 'u1', 'https://tube.example/9'));
    at(t('2027-03-22', 16), host, 'measure.taken', 'c9', measure('https://tube.example/9'));
    at(t('2027-03-22', 17), host, 'notice.forwarded', 'c9', { user: 'u1' });
    // c10: a counter-notice left unrestored past business day 14.
    at(t('2027-03-23'), holder, 'notice.submitted', 'c10', notice('tube', 'u2', 'https://tube.example/10'));
    at(t('2027-03-23', 16), host, 'measure.taken', 'c10', measure('https://tube.example/10'));
    at(t('2027-03-23', 17), host, 'notice.forwarded', 'c10', { user: 'u2' });
    at(t('2027-03-24'), u2, 'counter_notice.submitted', 'c10', { statements: { goodFaithMistake: true } });
    at(t('2027-03-24', 16), host, 'counter_notice.forwarded', 'c10');
    await play();
    await ledger.setClock(AFTER);
  });
  afterAll(async () => ledger.close());

  it.each([
    ['c1', { 'US.takedown': 'met', 'US.notifyUploader': 'met' }],
    ['c2', { 'US.takedown': 'late', 'US.notifyUploader': 'missed' }],
    ['c3', { 'US.takedown': 'missed' }],
    ['c4', { 'US.deficiencyContact': 'missed' }],
    ['c5', { 'US.deficiencyContact': 'met' }],
    ['c6', { 'US.takedown': 'met', 'US.notifyUploader': 'met', 'US.forwardCounter': 'met', 'US.putback': 'early' }],
    ['c7', { 'US.takedown': 'met', 'US.notifyUploader': 'met', 'US.forwardCounter': 'late', 'US.putback': 'not_applicable' }],
    ['c8', { 'US.takedown': 'met', 'US.notifyUploader': 'met', 'US.subpoena': 'met' }],
    ['c10', { 'US.takedown': 'met', 'US.notifyUploader': 'met', 'US.forwardCounter': 'met', 'US.putback': 'missed' }],
  ])('case %s: %o', async (caseId, expected) => {
    expect(await statuses(ledger, caseId, AFTER)).toEqual(expected);
  });

  it('shows a case as it stood before its deadline passed: pending', async () => {
    expect(await statuses(ledger, 'c3', '2027-03-10T15:00:00.000Z')).toEqual({ 'US.takedown': 'pending' });
    const view = (await ledger.http.get('/v1/cases/c3?asOf=2027-03-13T00:00:00.000Z')).body;
    expect(view).toMatchObject({ pack: 'us-dmca@2026.2', judged: true, assessment: { status: 'valid', missing: [] }, protection: { status: 'lost_for_item' } });
  });

  it('counts strikes: active, disputed after a counter-notice, excluded after a restoration, expired after 90 days', async () => {
    const now = (await ledger.http.get('/v1/providers/tube/repeat-infringers')).body;
    const users = now.packs[0].users as { user: string; strikes: { case: string; status: string }[]; activeStrikes: number; status: string; thresholdReachedAt: string; actionDueBy: string }[];
    const one = users.find((u) => u.user === 'u1')!;
    expect(one.strikes.map((s) => `${s.case}:${s.status}`)).toEqual(['c1:active', 'c2:active', 'c9:active']);
    expect(one).toMatchObject({ activeStrikes: 3, thresholdReachedAt: '2027-03-22T16:00:00.000Z', actionDueBy: '2027-03-25T03:59:59.999Z', status: 'policy_breach' });
    const two = users.find((u) => u.user === 'u2')!;
    expect(Object.fromEntries(two.strikes.map((s) => [s.case, s.status]))).toMatchObject({ c6: 'excluded', c7: 'disputed', c8: 'active', c10: 'disputed' });
    expect(two.status).toBe('below_threshold');
    const later = (await ledger.http.get('/v1/providers/tube/repeat-infringers?asOf=2027-06-07T00:00:00.000Z')).body;
    const oneLater = later.packs[0].users.find((u: { user: string }) => u.user === 'u1');
    expect(oneLater.strikes.map((s: { status: string }) => s.status)).toEqual(['expired', 'expired', 'active']);
    expect(oneLater.activeStrikes).toBe(1);
  });

  it('reports compliance: obligations by key and status, items at risk and lost, and the harbor lost for the period', async () => {
    const report = (await ledger.http.get('/v1/providers/tube/compliance?pack=us-dmca')).body;
    const us = report.packs[0];
    expect(us.pack).toBe('us-dmca@2026.2');
    expect(us.cases).toBe(10);
    expect(us.obligations['US.takedown']).toMatchObject({ met: 6, late: 1, missed: 1 });
    expect(us.obligations['US.putback']).toMatchObject({ early: 1, missed: 1, not_applicable: 1 });
    expect(us.obligations['US.repeatInfringerAction']).toMatchObject({ missed: 1 });
    expect(us.itemsLost.map((i: { case: string }) => i.case).sort()).toEqual(['c3', 'c6']);
    expect(us.prerequisites.designatedAgent).toMatchObject({ status: 'valid', registry: 'DMCA-1055234' });
    expect(us.safeHarbor.status).toBe('lost_for_period');
    expect(us.safeHarbor.reasons).toContainEqual({ code: 'REPEAT_INFRINGER_NOT_ACTIONED', user: 'u1', source: '17 U.S.C. §512(i)(1)(A); BMG Rights Mgmt. v. Cox, 881 F.3d 293 (4th Cir. 2018)', basis: 'case_law' });
    expect(us.safeHarbor.reasons).toContainEqual({ code: 'OBLIGATION_MISSED', obligation: 'US.takedown', count: 1, source: '17 U.S.C. §512(c)(1)(C)', basis: 'default' });
  });

  it('terminating the repeat infringer in time would have kept the harbor: as of before the due date it is action_due', async () => {
    const before = (await ledger.http.get('/v1/providers/tube/repeat-infringers?asOf=2027-03-23T00:00:00.000Z')).body;
    expect(before.packs[0].users.find((u: { user: string }) => u.user === 'u1').status).toBe('action_due');
  });

  it('counts the notifier’s conduct: c6 was put back on business day 2, before §512(g)(2)(C) allowed it, so not against the notifier', async () => {
    const conduct = (await ledger.http.get('/v1/notifiers/acme/conduct')).body;
    expect(conduct).toMatchObject({ notifier: 'acme', notices: 10, valid: 8, deficient: 2, unopposedPutbacks: 0, manifestlyUnfounded: 0 });
  });

  it('prints the report a regulator reads with harbor report provider', async () => {
    await ledger.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), readStdin: async () => '' };
    expect(await runCli(['report', 'provider', 'tube', '--url', url], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('us-dmca@2026.2: 10 case(s) — safe harbor LOST FOR THE PERIOD');
    expect(text).toContain('reason: REPEAT_INFRINGER_NOT_ACTIONED (user u1)');
    expect(text).toMatch(/US\.takedown\s+6\s+1\s+1/);
    expect(text).toContain('u1 3/3 active strikes, policy_breach');
    out.length = 0;
    expect(await runCli(['report', 'provider', 'tube', '--url', url, '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('')).packs[0].safeHarbor.status).toBe('lost_for_period');
    expect(await runCli(['report', 'provider', 'nobody', '--url', url], io)).toBe(1);
  });

  it('answers 404 for an unknown provider or notifier', async () => {
    expect((await ledger.http.get('/v1/providers/nobody/compliance')).status).toBe(404);
    expect((await ledger.http.get('/v1/notifiers/nobody/conduct')).status).toBe(404);
    expect((await ledger.http.get('/v1/providers/tube/compliance?pack=xx')).status).toBe(400);
  });

  it('judges every case offline from its bundle as the server does, at several times (differential)', async () => {
    expect(await expectOfflineJudgementsEqualServer(ledger, ['2027-03-05T00:00:00.000Z', '2027-03-20T12:00:00.000Z', AFTER])).toBeGreaterThan(10);
  });

  it('hands over a dossier that anyone verifies and re-judges offline, the provider’s standing equal to the server’s', async () => {
    const dossier = (await ledger.http.get('/v1/providers/tube/dossier')).body as Dossier;
    const vkey = parseVerifierKey((await ledger.http.get('/v1/log/key')).body.vkey)!;
    expect(verifyDossier(dossier, vkey, verifyStrictNode).failures).toEqual([]);
    expect(dossier.caseList.cases.length).toBeGreaterThan(5);
    const offline = rejudgeDossier(dossier);
    expect(offline.failures).toEqual([]);
    expect(offline.cases.every((c) => c.compared)).toBe(true);
    const served = (await ledger.http.get(`/v1/providers/tube/compliance?asOf=${offline.asOf}`)).body;
    expect(JSON.parse(JSON.stringify(offline.compliance))).toEqual(served);

    const omitted = structuredClone(dossier);
    omitted.cases.splice(1, 1);
    expect(verifyDossier(omitted, vkey, verifyStrictNode).failures).toEqual([{ code: 'CASE_LIST', message: `the ledger lists case ${dossier.caseList.cases[1]} against tube in the period; the dossier omits it` }]);
    const noPolicy = structuredClone(dossier);
    const stream = noPolicy.parties.find((p) => p.streamHead.stream === 'party-tube')!;
    stream.entries = stream.entries.filter((e) => !e.entry.includes('provider.policy_adopted'));
    expect(verifyDossier(noPolicy, vkey, verifyStrictNode).failures.map((f) => f.code)).toContain('STREAM_HEAD');
  });

  it('gives a period’s dossier and verifies it with harbor verify, printing the standing', async () => {
    const dir = makeTempDir();
    try {
      const file = join(dir.path, 'dossier.json');
      const period = (await ledger.http.get('/v1/providers/tube/dossier?from=2027-03-09T00:00:00Z&to=2027-03-16T00:00:00Z')).body as Dossier;
      expect(period.caseList).toMatchObject({ from: '2027-03-09T00:00:00.000Z', to: '2027-03-16T00:00:00.000Z', cases: ['c3', 'c4', 'c5', 'c6', 'c7'] });
      writeFileSync(file, JSON.stringify(period));
      const vkey = (await ledger.http.get('/v1/log/key')).body.vkey;
      const out = await harbor(['verify', file, '--ledger-key', vkey]);
      expect(out.code).toBe(0);
      expect(out.out).toMatch(/^Dossier of tube: 5 case\(s\) opened \(from 2027-03-09T00:00:00.000Z to 2027-03-16T00:00:00.000Z\)/);
      expect(out.out).toContain("Judgements: 5 recomputed from the entries alone; all 5 equal the ledger's signed claims.");
      expect(out.out).toMatch(/us-dmca@2026\.2: 5 case\(s\) — safe harbor /);
    } finally {
      dir.remove();
    }
  });
});
