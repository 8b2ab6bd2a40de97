import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, type Harness } from '../support/harness.js';
import { TestParty } from '../support/parties.js';
import { statuses, timedSteps } from '../support/scenario.js';
import { expectOfflineJudgementsEqualServer } from '../support/offline-judgement.js';

const COMMIT = `sha256:${'cd'.repeat(32)}`;
const SOR = { ground: 'illegal_content', facts: 'copy of a film', automatedDetection: false, automatedDecision: 'not_automated' };
const notice = (item: string, user = 'eu-user') => ({
  provider: 'plat',
  pack: 'eu-dsa',
  items: [{ locator: item }],
  claimant: { name: 'Acme', contact: COMMIT },
  explanation: 'A full copy of our film.',
  statements: { bonaFide: true },
  user,
});

/**
 * An EU online platform over a month, over HTTP with the test clock: every eu-dsa obligation key,
 * due diligence apart from the exemption, prior warnings before suspensions, and a notifier whose
 * manifestly unfounded notices lead to a warning, then a suspension, after which its notices create
 * no duty.
 */
describe('eu-dsa over HTTP with the test clock', () => {
  let ledger: Harness;
  const film = new TestParty('film-co', { name: 'Film Co', roles: ['rights_holder'] });
  const troll = new TestParty('troll', { name: 'Notice Mill', roles: ['rights_holder'] });
  const plat = new TestParty('plat', {});
  const user = new TestParty('eu-user', {});
  const other = new TestParty('eu-other', {});
  // The test clock starts before the scenario's first act, whatever the real date, and moves forward only.
  const SCENARIO_START = '2026-01-01T00:00:00.000Z';
  const AFTER = '2027-07-15T00:00:00.000Z';

  beforeAll(async () => {
    ledger = await startLedger({ env: { HARBOR_TEST_CLOCK_START: SCENARIO_START } });
    const { at, play } = timedSteps(ledger);
    const t = (date: string, hour = 9) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    at(t('2027-06-01', 8), film, 'party.registered', undefined, { name: 'Film Co', roles: ['rights_holder'], publicKey: film.publicKey });
    at(t('2027-06-01', 8), troll, 'party.registered', undefined, { name: 'Notice Mill', roles: ['rights_holder'], publicKey: troll.publicKey });
    at(t('2027-06-01', 8), plat, 'party.registered', undefined, { name: 'Plat', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], timeZone: 'Europe/Dublin', publicKey: plat.publicKey });
    at(t('2027-06-01', 8), user, 'party.registered', undefined, { name: 'EU User', roles: ['user'], publicKey: user.publicKey });
    at(t('2027-06-01', 8), other, 'party.registered', undefined, { name: 'Other', roles: ['user'], publicKey: other.publicKey });

    // e1: receipt confirmed, measure with reasons the next day; notifier told late; TDB late; complaint decided late without human review.
    at(t('2027-06-01'), film, 'notice.submitted', 'e1', notice('https://plat.example/1'));
    at(t('2027-06-01', 12), plat, 'notice.acknowledged', 'e1');
    at(t('2027-06-02'), plat, 'measure.taken', 'e1', { measure: 'removed', items: ['https://plat.example/1'], basis: 'notice', reasons: SOR });
    at(t('2027-06-05'), plat, 'decision.notified', 'e1', { decision: 'acted' });
    at(t('2027-06-12'), plat, 'reasons.published', 'e1', { reference: 'tdb-1' });
    at(t('2027-06-03'), user, 'complaint.lodged', 'e1', { grounds: 'it is a quotation' });
    at(t('2027-06-25'), plat, 'complaint.decided', 'e1', { outcome: 'upheld', humanReviewed: false, reasons: 'automated' });
    // e2: nothing done: receipt and action missed, the exemption lost for the item.
    at(t('2027-06-02'), film, 'notice.submitted', 'e2', notice('https://plat.example/2'));
    // e3: measure without reasons, reasons stated the day after; complaint decided in time by a person.
    at(t('2027-06-03'), film, 'notice.submitted', 'e3', notice('https://plat.example/3', 'eu-other'));
    at(t('2027-06-03', 10), plat, 'notice.acknowledged', 'e3');
    at(t('2027-06-04'), plat, 'measure.taken', 'e3', { measure: 'disabled', items: ['https://plat.example/3'], basis: 'notice' });
    at(t('2027-06-05'), plat, 'reasons.stated', 'e3', SOR);
    at(t('2027-06-05', 10), plat, 'reasons.published', 'e3', { reference: 'tdb-3' });
    at(t('2027-06-05', 11), plat, 'decision.notified', 'e3', { decision: 'acted' });
    at(t('2027-06-06'), other, 'complaint.lodged', 'e3', { grounds: 'licensed' });
    at(t('2027-06-10'), plat, 'complaint.decided', 'e3', { outcome: 'reversed', humanReviewed: true, reasons: 'licence shown' });
    // A suspension without a prior warning (Art 23(1)).
    at(t('2027-06-11'), plat, 'user.suspended', undefined, { user: 'eu-user', reason: 'manifestly illegal content', until: '2027-06-25T00:00:00.000Z' });
    // The notice mill: five manifestly unfounded notices, a warning, more, then a suspension.
    for (let i = 1; i <= 5; i++) {
      at(t('2027-06-1' + i), troll, 'notice.submitted', `m${i}`, notice(`https://plat.example/m${i}`));
      at(t('2027-06-1' + i, 11), plat, 'notice.rejected', `m${i}`, { reason: 'manifestly_unfounded', explanation: 'no right shown' });
    }
    at(t('2027-06-16'), plat, 'notifier.warned', undefined, { notifier: 'troll', reason: 'five manifestly unfounded notices' });
    at(t('2027-06-17'), troll, 'notice.submitted', 'm6', notice('https://plat.example/m6'));
    at(t('2027-06-17', 11), plat, 'notice.rejected', 'm6', { reason: 'manifestly_unfounded' });
    at(t('2027-06-18'), plat, 'notifier.suspended', undefined, { notifier: 'troll', reason: 'repeated unfounded notices', until: '2027-07-18T00:00:00.000Z' });
    at(t('2027-06-19'), troll, 'notice.submitted', 'm7', notice('https://plat.example/m7'));
    await play();
    await ledger.setClock(AFTER);
  });
  afterAll(async () => ledger.close());

  it.each([
    ['e1', { 'EU.confirmReceipt': 'met', 'EU.actOnKnowledge': 'met', 'EU.sor': 'met', 'EU.tdbSubmit': 'late', 'EU.notifyNotifier': 'late', 'EU.complaintDecision': 'late', 'EU.complaintHuman': 'missed' }],
    ['e2', { 'EU.confirmReceipt': 'missed', 'EU.actOnKnowledge': 'missed' }],
    ['e3', { 'EU.confirmReceipt': 'met', 'EU.actOnKnowledge': 'met', 'EU.sor': 'late', 'EU.tdbSubmit': 'met', 'EU.notifyNotifier': 'met', 'EU.complaintDecision': 'met', 'EU.complaintHuman': 'met' }],
  ])('case %s: %o', async (caseId, expected) => {
    expect(await statuses(ledger, caseId, AFTER)).toEqual(expected);
  });

  it('keeps the exemption through due-diligence breaches, loses it for an item not acted on', async () => {
    const e1 = (await ledger.http.get('/v1/cases/e1')).body;
    expect(e1.protection.status).toBe('eligible');
    expect(e1.dueDiligence.map((o: { key: string; status: string }) => `${o.key}:${o.status}`)).toContain('EU.complaintHuman:missed');
    const e2 = (await ledger.http.get('/v1/cases/e2')).body;
    expect(e2.protection).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'EU.actOnKnowledge', source: 'DSA Art 6(1)(b)', basis: 'default' }] });
  });

  it('records a notice from a suspended notifier without creating a duty', async () => {
    const m7 = (await ledger.http.get('/v1/cases/m7')).body;
    expect(m7.obligations.length).toBeGreaterThan(0);
    expect(m7.obligations.every((o: { status: string; note: string }) => o.status === 'not_applicable' && o.note.startsWith('notifier_suspended'))).toBe(true);
  });

  it('follows the notifier to warning due, suspension due, and suspended', async () => {
    const standing = async (asOf: string) => (await ledger.http.get(`/v1/notifiers/troll/conduct?asOf=${asOf}`)).body;
    expect((await standing('2027-06-15T12:00:00.000Z')).misuse[0].status).toBe('warning_due');
    expect((await standing('2027-06-17T12:00:00.000Z')).misuse[0].status).toBe('suspension_due');
    const now = await standing('2027-06-20T00:00:00.000Z');
    expect(now).toMatchObject({ notices: 7, rejected: 6, manifestlyUnfounded: 6, unfoundedShare: 0.857 });
    expect(now.misuse[0]).toMatchObject({ provider: 'plat', status: 'suspended', unfoundedInWindow: 6 });
    expect((await standing('2027-06-14T12:00:00.000Z')).misuse[0].status).toBe('none');
  });

  it('reports compliance: exemption per item, due diligence apart, prior warnings', async () => {
    const eu = (await ledger.http.get('/v1/providers/plat/compliance')).body.packs[0];
    expect(eu.pack).toBe('eu-dsa@2026.2');
    expect(eu.obligations['EU.actOnKnowledge']).toMatchObject({ met: 2, missed: 1 });
    expect(eu.dueDiligence['EU.complaintHuman']).toMatchObject({ met: 1, missed: 1 });
    expect(eu.dueDiligence['EU.priorWarning']).toMatchObject({ met: 1, missed: 1 });
    expect(eu.itemsLost.map((i: { case: string }) => i.case)).toEqual(['e2']);
    expect(eu.safeHarbor.status).toBe('at_risk');
    expect(eu.providerObligations.map((o: { source: string; status: string }) => `${o.source}:${o.status}`).sort()).toEqual(['DSA Art 23(1):missed', 'DSA Art 23(2):met']);
  });

  it('judges every case offline from its bundle as the server does, at several times (differential)', async () => {
    expect(await expectOfflineJudgementsEqualServer(ledger, ['2027-03-05T00:00:00.000Z', '2027-05-01T12:00:00.000Z', AFTER])).toBeGreaterThan(10);
  });
});
