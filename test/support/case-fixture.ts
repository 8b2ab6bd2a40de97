import { commitPersonalData } from '../../src/client/sign-act.js';
import type { Act } from '../../src/domain/acts/envelope.js';
import { recordAll, type Harness } from './harness.js';
import { fullUsNotice, rightsHolder, uploader, usHost, type TestParty } from './parties.js';

export interface RecordedCase {
  caseId: string;
  holder: TestParty;
  host: TestParty;
  user: TestParty;
  contact: string;
}

/**
 * A DMCA case of 8 acts with personal data disclosed and a key rotation of the provider midway, so
 * that bundles carry key histories and commitments.
 */
export async function recordDmcaCase(ledger: Harness, caseId = 'c-bundle-1'): Promise<RecordedCase> {
  const holder = rightsHolder();
  const host = usHost();
  const user = uploader();
  await recordAll(ledger, [holder.register(), host.register(), user.register()]);
  const item = 'https://tube.example/v/abc123';
  const contact = 'legal@acme.example';
  const notice = commitPersonalData(fullUsNotice(host.id, user.id), { 'data.claimant.contact': contact });
  const counter = commitPersonalData({ statements: { goodFaithMistake: true, consentToJurisdiction: true, acceptService: true } }, { 'data.contact': 'jane@uploader.example' });
  const post = async (act: Act, disclosures: unknown[] = []) => {
    const res = await ledger.post(disclosures.length ? { act, disclosures } : act);
    if (res.status !== 201) throw new Error(`${act.type}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await post(holder.caseAct('notice.submitted', caseId, notice.data), notice.disclosures);
  await post(host.caseAct('notice.forwarded', caseId, { user: user.id }));
  await post(host.caseAct('measure.taken', caseId, { measure: 'disabled', items: [item], basis: 'notice' }));
  const next = usHost(host.id);
  await post(host.rotateTo(next.keys));
  host.keys = next.keys;
  await post(user.caseAct('counter_notice.submitted', caseId, counter.data), counter.disclosures);
  await post(host.caseAct('counter_notice.forwarded', caseId));
  await post(host.caseAct('measure.lifted', caseId, { items: [item], reason: 'counter_notice' }));
  await post(host.caseAct('decision.notified', caseId, { decision: 'acted', reasons: 'restored after counter-notice' }));
  return { caseId, holder, host, user, contact };
}
