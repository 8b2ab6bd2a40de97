import type { Pack } from '../../src/domain/acts/primitives.js';
import { describe, expect, it } from 'vitest';
import type { ObligationOutcome, ObligationStatus } from '../../src/domain/jurisdictions/obligation.js';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import type { CaseJudgement, Protection } from '../../src/domain/jurisdictions/rule-pack.js';
import { initialPartyState } from '../../src/domain/party/state.js';

/**
 * Each pack's protection of the item from its obligations' statuses (JURISDICTIONS.md §0.4), by hand:
 * which failure loses the item, which only puts it at risk, and the reasons in order.
 */
const context = { asOf: '2026-03-01T00:00:00.000Z', provider: initialPartyState('p'), slaDays: (_k: string, d: number) => d };
const judgement = (pack: string, lackingPrerequisites: string[] = []): CaseJudgement => ({ pack, assessment: { status: 'valid', missing: [], elements: [] }, obligations: [], lackingPrerequisites });
const o = (key: string, status: ObligationStatus): ObligationOutcome => ({ key, status });
const protect = (pack: Pack, outcomes: ObligationOutcome[], lacking: string[] = []): Protection => latestPack(pack)!.protection(outcomes, judgement(pack, lacking), context);

describe('China (Civil Code Art 1195): only a missed necessary measure loses the item', () => {
  it.each(['cn-civil', 'cn-ecom', 'cn-rndi'] as const)('%s', (pack) => {
    expect(protect(pack, [o('CN.measure', 'missed')])).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'CN.measure' }] });
    expect(protect(pack, [o('CN.measure', 'met'), o('CN.forward', 'missed')])).toEqual({ status: 'at_risk', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'CN.forward' }] });
    expect(protect(pack, [o('CN.measure', 'late'), o('CN.terminate', 'early')])).toEqual({
      status: 'at_risk',
      reasons: [
        { code: 'OBLIGATION_LATE', obligation: 'CN.measure' },
        { code: 'OBLIGATION_EARLY', obligation: 'CN.terminate' },
      ],
    });
    expect(protect(pack, [o('CN.measure', 'met'), o('CN.forward', 'pending'), o('CN.terminate', 'not_applicable')])).toEqual({ status: 'eligible', reasons: [] });
  });
});

describe('Japan (Art 3): an early removal has no shield; a late or missed step puts the item at risk', () => {
  it.each(['jp-plla', 'jp-idpa'] as const)('%s', (pack) => {
    expect(protect(pack, [o('JP.senderInquiryWait', 'early')])).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_EARLY', obligation: 'JP.senderInquiryWait' }] });
    expect(protect(pack, [o('JP.opinion', 'late'), o('JP.disclosure', 'missed')])).toEqual({
      status: 'at_risk',
      reasons: [
        { code: 'OBLIGATION_LATE', obligation: 'JP.opinion' },
        { code: 'OBLIGATION_MISSED', obligation: 'JP.disclosure' },
      ],
    });
    expect(protect(pack, [o('JP.opinion', 'met'), o('JP.disclosure', 'pending')])).toEqual({ status: 'eligible', reasons: [] });
  });
});

describe('EU (DSA Art 6): only the duty to act on knowledge bears on the exemption', () => {
  it('is lost when it is missed, at risk when late, eligible whatever the due-diligence duties', () => {
    expect(protect('eu-dsa', [o('EU.confirmReceipt', 'met'), o('EU.actOnKnowledge', 'missed')])).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'EU.actOnKnowledge' }] });
    expect(protect('eu-dsa', [o('EU.actOnKnowledge', 'late')])).toEqual({ status: 'at_risk', reasons: [{ code: 'OBLIGATION_LATE', obligation: 'EU.actOnKnowledge' }] });
    expect(protect('eu-dsa', [o('EU.statementOfReasons', 'missed'), o('EU.actOnKnowledge', 'met')])).toEqual({ status: 'eligible', reasons: [] });
  });
});

describe('US (§512(c), (g)): a missed takedown, an early put-back or no agent loses the item; other failures put it at risk', () => {
  it('loses the item for a missed takedown, an early put-back, or a lacking prerequisite (listed first)', () => {
    expect(protect('us-dmca', [o('US.takedown', 'missed')])).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'US.takedown' }] });
    expect(protect('us-dmca', [o('US.putback', 'early')])).toEqual({ status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_EARLY', obligation: 'US.putback' }] });
    expect(protect('us-dmca', [o('US.takedown', 'met'), o('US.notifyUploader', 'late')], ['NO_DESIGNATED_AGENT'])).toEqual({
      status: 'lost_for_item',
      reasons: [{ code: 'NO_DESIGNATED_AGENT' }, { code: 'OBLIGATION_LATE', obligation: 'US.notifyUploader' }],
    });
  });

  it('puts it at risk for a late takedown or a missed forward, and is eligible otherwise', () => {
    expect(protect('us-dmca', [o('US.takedown', 'late'), o('US.forwardCounter', 'missed')])).toEqual({
      status: 'at_risk',
      reasons: [
        { code: 'OBLIGATION_LATE', obligation: 'US.takedown' },
        { code: 'OBLIGATION_MISSED', obligation: 'US.forwardCounter' },
      ],
    });
    expect(protect('us-dmca', [o('US.takedown', 'met'), o('US.notifyUploader', 'pending'), o('US.putback', 'not_applicable')])).toEqual({ status: 'eligible', reasons: [] });
  });
});
