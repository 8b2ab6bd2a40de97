import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { initialPartyState, type PartyState, type Sanction } from '../../src/domain/party/state.js';
import { notifierConduct, type NotifierCase } from '../../src/domain/projections/notifier-conduct.js';
import { timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const ITEM = 'https://social.example/p/1';
const COMMIT = `sha256:${'cd'.repeat(32)}`;
const D = (day: number, hour = 10) => new Date(Date.UTC(2026, 4, day, hour)).toISOString(); // May 2026

/** A complete EU notice (explanation, location, identity, bona fide): valid unless something makes it unfounded. */
const euNotice = { provider: 'plat', pack: 'eu-dsa', items: [{ locator: ITEM }], claimant: { name: 'N1', contact: COMMIT }, explanation: 'A copy of our film.', statements: { bonaFide: true } };

function caseOf(id: string, ...items: [day: number, act: Act][]): NotifierCase {
  return { id, recorded: timeline(...items.map(([day, a]) => [D(day), a] as [string, Act])) };
}

const submitted = (id: string) => act('notice.submitted', 'n1', euNotice, id);
const finding = (id: string, outcome: string) => act('finding.recorded', 'court', { outcome, reference: 'r' }, id);

/** Five cases by notifier n1 at one platform, and one a provider recorded in n1's name. */
const CASES = [
  caseOf('c1', [1, submitted('c1')], [3, finding('c1', 'manifestly_unfounded')]),
  caseOf('c2', [2, submitted('c2')], [4, finding('c2', 'malicious_erroneous_notice')]),
  caseOf('c3', [3, submitted('c3')], [4, act('measure.taken', 'plat', { measure: 'removed', items: [ITEM], basis: 'notice' }, 'c3')], [9, act('measure.lifted', 'plat', { items: [ITEM], reason: 'counter_notice' }, 'c3')]),
  caseOf('c4', [4, submitted('c4')], [5, act('notice.withdrawn', 'n1', { reason: 'settled' }, 'c4')]),
  caseOf('r1', [5, act('notice.received', 'plat', { ...euNotice, notifier: 'n1', channel: 'web_form' }, 'r1')], [6, act('notice.rejected', 'plat', { reason: 'manifestly_unfounded' }, 'r1')]),
];

const MISUSE = { unfounded: 2, share: 0.5, windowDays: 30, suspensionDays: 10 };

function platform(sanctions: Partial<Sanction>[] = [], misuse: typeof MISUSE | null = MISUSE): PartyState {
  return {
    ...initialPartyState('plat'),
    registered: true,
    roles: ['provider'],
    ...(misuse ? { policy: { misuse, seq: 0, recordedAt: D(1, 0) } } : {}),
    sanctions: sanctions.map((s) => ({ type: 'notifier.warned', target: 'n1', seq: 50, recordedAt: D(12), cases: [], ...s }) as Sanction),
  };
}

const conductAt = (day: number, provider = platform()) => notifierConduct('n1', CASES, () => provider, D(day));

describe('notifier conduct: counts of the notices the notifier signed', () => {
  it('counts by outcome, weighs a malicious erroneous notice twice, and keeps attributed notices apart', () => {
    const conduct = conductAt(10);
    // Signed: c1-c4. Unfounded: c1 (manifestly unfounded) and c2 (malicious erroneous): 2 of 4.
    expect(conduct).toMatchObject({
      notices: 4,
      manifestlyUnfounded: 2,
      withdrawn: 1,
      unopposedPutbacks: 0, // c3's lift is an EU platform's reversal: the DSA has no put-back wait
      rejected: 0,
      findings: { misrepresentation: 0, erroneous: 0, malicious: 1 },
      erroneousWeighted: 2,
      unfoundedShare: 0.5,
    });
    expect(conduct.attributed).toMatchObject({ notices: 1, rejected: 1, manifestlyUnfounded: 1, unfoundedShare: 1, withdrawn: 0 });
  });

  it('counts only what happened by asOf', () => {
    // On 2 May: c1 and c2 submitted, neither finding yet.
    expect(conductAt(2)).toMatchObject({ notices: 2, manifestlyUnfounded: 0, unfoundedShare: 0 });
  });
});

describe('notifier conduct: a put-back counts against the notifier only once the statutory wait has run', () => {
  const usNotice = { provider: 'tube', pack: 'us-dmca', works: ['w'], items: [{ locator: ITEM }], claimant: { name: 'N1', contact: COMMIT }, statements: { goodFaith: true, accuracy: true, authorized: true }, user: 'u' };
  const tube: PartyState = { ...initialPartyState('tube'), registered: true, roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], timeZone: 'America/New_York' };
  // Counter-notice on Monday 2 March 2026 (New York); §512(g)(2)(C): restore in 10 to 14 business days.
  const putBack = (id: string, liftedAt: string): NotifierCase => ({
    id,
    recorded: timeline(
      ['2026-02-23T15:00:00.000Z', act('notice.submitted', 'n1', usNotice, id)],
      ['2026-02-23T16:00:00.000Z', act('measure.taken', 'tube', { measure: 'disabled', items: [ITEM], basis: 'notice' }, id)],
      ['2026-02-23T17:00:00.000Z', act('notice.forwarded', 'tube', { user: 'u' }, id)],
      ['2026-03-02T15:00:00.000Z', act('counter_notice.submitted', 'u', { statements: { goodFaithMistake: true, consentToJurisdiction: true, acceptService: true } }, id)],
      ['2026-03-02T16:00:00.000Z', act('counter_notice.forwarded', 'tube', {}, id)],
      [liftedAt, act('measure.lifted', 'tube', { items: [ITEM], reason: 'counter_notice' }, id)],
    ),
  });

  it('counts a put-back on business day 14 (Friday 20 March), not one on business day 3 (Thursday 5 March)', () => {
    const conduct = notifierConduct('n1', [putBack('early', '2026-03-05T15:00:00.000Z'), putBack('in-window', '2026-03-20T15:00:00.000Z')], () => tube, '2026-04-01T00:00:00.000Z');
    expect(conduct).toMatchObject({ notices: 2, unopposedPutbacks: 1 });
    expect(notifierConduct('n1', [putBack('early', '2026-03-05T15:00:00.000Z')], () => tube, '2026-04-01T00:00:00.000Z').unopposedPutbacks).toBe(0);
  });
});

describe('notifier conduct: misuse standing with each provider (Art 23(2) style)', () => {
  it('is warning_due when both the weighted count and the share reach the policy', () => {
    // Weighted unfounded in the 30-day window: c1 (1) + c2 (2) = 3 >= 2; share 2 of 4 = 0.5 >= 0.5.
    expect(conductAt(10).misuse).toEqual([
      { provider: 'plat', windowDays: 30, unfoundedInWindow: 3, shareInWindow: 0.5, policy: { ...MISUSE, adopted: true }, status: 'warning_due' },
    ]);
  });

  it('is suspension_due once warned within the window, suspended while a suspension runs, and due again after it ends', () => {
    expect(conductAt(13, platform([{ type: 'notifier.warned', recordedAt: D(12) }])).misuse[0].status).toBe('suspension_due');
    const suspended = platform([{ type: 'notifier.warned', recordedAt: D(12) }, { type: 'notifier.suspended', recordedAt: D(13), until: D(20) }]);
    expect(conductAt(14, suspended).misuse[0].status).toBe('suspended');
    expect(conductAt(21, suspended).misuse[0].status).toBe('suspension_due');
  });

  it('does not count a warning recorded after asOf', () => {
    expect(conductAt(11, platform([{ type: 'notifier.warned', recordedAt: D(12) }])).misuse[0].status).toBe('warning_due');
  });

  it('lets notices leave the window: 30 days after 4 May nothing of c1-c4 weighs', () => {
    const standing = conductAt(4 + 31).misuse[0];
    expect(standing).toMatchObject({ unfoundedInWindow: 0, shareInWindow: 0, status: 'none' });
  });

  it('is none when the share stays under the policy’s, however many unfounded notices', () => {
    const lenient = platform([], { ...MISUSE, share: 0.6 });
    expect(conductAt(10, lenient).misuse[0]).toMatchObject({ unfoundedInWindow: 3, shareInWindow: 0.5, status: 'none' });
  });

  it('applies the DSA default (5 unfounded, share 0.5, 180 days) when the provider adopted no policy', () => {
    expect(conductAt(10, platform([], null)).misuse[0]).toMatchObject({ policy: { unfounded: 5, share: 0.5, windowDays: 180, adopted: false }, status: 'none' });
  });

  it('judges the attributed notices apart: they never make the notifier’s own standing', () => {
    const conduct = conductAt(10, platform([], { ...MISUSE, unfounded: 1, share: 1 }));
    expect(conduct.misuse[0]).toMatchObject({ unfoundedInWindow: 3, shareInWindow: 0.5, status: 'none' });
    expect(conduct.attributed.misuse[0]).toMatchObject({ unfoundedInWindow: 1, shareInWindow: 1, status: 'warning_due' });
  });
});
