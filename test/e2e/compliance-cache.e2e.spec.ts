import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAll, startLedger, type Harness } from '../support/harness.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * The compliance reports reuse prepared judgements between requests. A warm answer after new acts
 * must equal the answer of a ledger that never saw the old one (a restart on the same data).
 */
describe('compliance caches are invalidated by new acts', () => {
  const dir = makeTempDir();
  let ledger: Harness;
  const holder = rightsHolder();
  const host = usHost();
  const user = uploader();
  const clockStart = '2026-03-02T14:00:00.000Z'; // a Monday, 09:00 in New York
  const asOf = '2026-03-20T00:00:00.000Z';
  const reports = async (l: Harness) => ({
    compliance: (await l.http.get(`/v1/providers/${host.id}/compliance?asOf=${asOf}`)).body,
    infringers: (await l.http.get(`/v1/providers/${host.id}/repeat-infringers?asOf=${asOf}`)).body,
    conduct: (await l.http.get(`/v1/notifiers/${holder.id}/conduct?asOf=${asOf}`)).body,
  });

  beforeAll(async () => {
    ledger = await startLedger({ dataDir: dir.path, env: { HARBOR_TEST_CLOCK_START: clockStart } });
    await recordAll(ledger, [holder.register(clockStart), host.register(clockStart), user.register(clockStart)]);
    await recordAll(ledger, [holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id, user.id), clockStart)]);
  });
  afterAll(async () => {
    await ledger.close();
    dir.remove();
  });

  it('answers after new acts exactly as a fresh ledger does', async () => {
    const before = await reports(ledger); // warms every cache: the takedown is missed as of asOf
    expect(before.compliance.packs[0].obligations['US.takedown']).toMatchObject({ missed: 1 });
    await ledger.setClock('2026-03-02T16:00:00.000Z');
    await recordAll(ledger, [host.caseAct('measure.taken', 'c-1', { measure: 'disabled', items: ['https://tube.example/v/abc123'], basis: 'notice' }, '2026-03-02T16:00:00.000Z')]);
    await recordAll(ledger, [holder.caseAct('notice.submitted', 'c-2', fullUsNotice(host.id, user.id), '2026-03-02T16:00:00.000Z')]);
    const warm = await reports(ledger);
    expect(warm.compliance.packs[0].obligations['US.takedown']).toMatchObject({ met: 1, missed: 1 });
    expect(warm).not.toEqual(before);
    const fresh = await reports((ledger = await ledger.restart()));
    expect(warm).toEqual(fresh);
  });
});
