import { describe, expect, it } from 'vitest';
import type { CaseOutcomes } from '../../src/domain/projections/case-judgement.js';
import { providerCompliance, type JudgedCase } from '../../src/domain/projections/provider-compliance.js';
import { initialPartyState, type PartyState } from '../../src/domain/party/state.js';

const AGENT = { registry: 'DMCA-1', designatedOn: '2026-06-01', seq: 1, recordedAt: '2026-06-01T12:00:00.000Z' };
const POLICY = { repeatInfringer: { strikes: 3, windowDays: 90, action: 'terminate' as const, actionWithinDays: 2, countDisputed: false }, seq: 2, recordedAt: '2026-06-01T12:00:00.000Z' };

/** A US hosting provider with a valid agent and an adopted repeat-infringer policy: nothing at provider level is wrong. */
function soundUsHost(agent: PartyState['agent'] = AGENT): PartyState {
  return { ...initialPartyState('host'), registered: true, name: 'Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], agent, agents: agent ? [agent] : [], policy: POLICY };
}

function judged(id: string, outcomes: Partial<CaseOutcomes>): JudgedCase {
  const judgement: CaseOutcomes = { pack: 'us-dmca@2026.1', assessment: { status: 'valid', missing: [] }, obligations: [], protection: { status: 'eligible', reasons: [] }, ...outcomes };
  return { id, items: () => [`https://x.example/${id}`], judgement };
}

const AS_OF = '2026-12-01T00:00:00.000Z';

describe('provider compliance verdicts', () => {
  it('is eligible with no reasons when nothing is wrong', () => {
    const [us] = providerCompliance(soundUsHost(), [judged('c1', { obligations: [{ key: 'US.takedown', status: 'met' }] })], {}, AS_OF).packs;
    expect(us.safeHarbor).toEqual({ status: 'eligible', reasons: [] });
  });

  it('gives a reason for at_risk when an item is lost though no obligation is late or missed (regression: empty reasons)', () => {
    const lostEarly = judged('c1', { obligations: [{ key: 'US.takedown', status: 'met' }, { key: 'US.putback', status: 'early' }], protection: { status: 'lost_for_item', reasons: [{ code: 'PUTBACK_TOO_EARLY', obligation: 'US.putback' }] } });
    const [us] = providerCompliance(soundUsHost(), [lostEarly, judged('c2', {})], {}, AS_OF).packs;
    expect(us.safeHarbor).toEqual({ status: 'at_risk', reasons: [{ code: 'ITEMS_LOST', count: 1 }] });
  });

  it('gives a reason for at_risk when items are only at risk', () => {
    const risky = judged('c1', { protection: { status: 'at_risk', reasons: [{ code: 'OBLIGATION_LATE', obligation: 'US.notifyUploader' }] } });
    const [us] = providerCompliance(soundUsHost(), [risky, risky], {}, AS_OF).packs;
    expect(us.safeHarbor).toEqual({ status: 'at_risk', reasons: [{ code: 'ITEMS_AT_RISK', count: 2 }] });
  });

  it('reports the agent designation valid until 3 years after it was made when it names no end (regression: null)', () => {
    const [us] = providerCompliance(soundUsHost(), [], {}, AS_OF).packs;
    expect(us.prerequisites.designatedAgent).toEqual({ status: 'valid', registry: 'DMCA-1', designatedOn: '2026-06-01', validUntil: '2029-06-01' });
  });

  it('reports the designation’s own end when it comes before the 3-year lapse', () => {
    const [us] = providerCompliance(soundUsHost({ ...AGENT, validUntil: '2027-01-31' }), [], {}, AS_OF).packs;
    expect(us.prerequisites.designatedAgent).toMatchObject({ validUntil: '2027-01-31' });
  });

  it('loses the harbor for the period, with the reason, once the 3 years have passed without renewal', () => {
    const [us] = providerCompliance(soundUsHost(), [], {}, '2029-06-03T00:00:00.000Z').packs;
    expect(us.safeHarbor).toEqual({ status: 'lost_for_period', reasons: [{ code: 'AGENT_DESIGNATION_EXPIRED' }] });
  });
});
