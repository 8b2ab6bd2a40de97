import { uncited } from '../support/uncited.js';
import { describe, expect, it } from 'vitest';
import { statusChangesAt, statusOf, statusSpans, type ObligationSpec } from '../../src/domain/jurisdictions/obligation.js';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import type { CaseJudgement } from '../../src/domain/jurisdictions/rule-pack.js';
import { initialPartyState, type PartyState } from '../../src/domain/party/state.js';
import { outcomesOf } from '../../src/domain/projections/case-judgement.js';
import { conductOf, type Classified } from '../../src/domain/projections/notifier-conduct.js';

const FROM = '2026-03-04T05:00:00.000Z';
const BY = '2026-03-06T04:59:59.999Z';
const spec = (over: Partial<ObligationSpec> = {}): ObligationSpec => ({ key: 'K', party: 'p', basis: 'statutory', source: 's', timeZone: 'UTC', window: { from: FROM, by: BY, byLocalDate: '2026-03-05', timeZone: 'UTC' }, ...over });
const plus = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

describe('an obligation’s status at the edges of its window', () => {
  it.each([
    ['met at the last instant', spec({ metAt: BY }), 'met'],
    ['late a millisecond after', spec({ metAt: plus(BY, 1) }), 'late'],
    ['met at the first instant of a window that opens later', spec({ metAt: FROM }), 'met'],
    ['early a millisecond before it opens', spec({ metAt: plus(FROM, -1) }), 'early'],
    ['met with no window at all', spec({ window: undefined, metAt: FROM }), 'met'],
    ['pending with no window and nothing done', spec({ window: undefined }), 'pending'],
    ['not applicable whatever was done', spec({ notApplicable: 'withdrawn', metAt: plus(BY, 1) }), 'not_applicable'],
    ['as the pack fixed it', spec({ status: 'early' }), 'early'],
  ] as const)('%s', (_name, s, status) => {
    expect(statusOf(s, '2026-04-01T00:00:00.000Z')).toBe(status);
  });

  it('is pending up to the deadline itself and missed (or its lapse) a millisecond after', () => {
    expect(statusOf(spec(), BY)).toBe('pending');
    expect(statusOf(spec(), plus(BY, 1))).toBe('missed');
    expect(statusOf(spec({ lapse: 'not_applicable' }), plus(BY, 1))).toBe('not_applicable');
  });

  it('can still change with time only while it is open: at its deadline', () => {
    expect(statusChangesAt(spec())).toBe(BY);
    expect(statusChangesAt(spec({ metAt: FROM }))).toBeUndefined();
    expect(statusChangesAt(spec({ notApplicable: 'withdrawn' }))).toBeUndefined();
    expect(statusChangesAt(spec({ status: 'met' }))).toBeUndefined();
    expect(statusChangesAt(spec({ window: undefined }))).toBeUndefined();
  });
});

describe('a case’s status spans: when it has an obligation of each status', () => {
  const END = '9999-12-31T23:59:59.999Z';
  const BY2 = '2026-03-20T04:59:59.999Z';

  it('an open duty is pending up to its deadline and missed (or its lapse) after it', () => {
    expect(Object.fromEntries(statusSpans([spec()], END))).toEqual({ pending: { after: '', upTo: BY }, missed: { after: BY, upTo: END } });
    expect(Object.fromEntries(statusSpans([spec({ lapse: 'not_applicable' })], END))).toEqual({ pending: { after: '', upTo: BY }, not_applicable: { after: BY, upTo: END } });
  });

  it('a settled duty has its status at every time', () => {
    expect(Object.fromEntries(statusSpans([spec({ metAt: plus(BY, 1) }), spec({ window: undefined })], END))).toEqual({ late: { after: '', upTo: END }, pending: { after: '', upTo: END } });
  });

  it('joins a case’s duties: pending until the last deadline, missed from the first', () => {
    const later = spec({ window: { by: BY2, byLocalDate: '2026-03-19', timeZone: 'UTC' } });
    expect(Object.fromEntries(statusSpans([later, spec(), spec({ metAt: FROM })], END))).toEqual({ pending: { after: '', upTo: BY2 }, missed: { after: BY, upTo: END }, met: { after: '', upTo: END } });
    // The same duties in another order: the join does not depend on it.
    expect(Object.fromEntries(statusSpans([spec(), later, spec({ metAt: FROM })], END))).toEqual({ pending: { after: '', upTo: BY2 }, missed: { after: BY, upTo: END }, met: { after: '', upTo: END } });
    expect(statusSpans([], END).size).toBe(0);
  });
});

describe('outcomes from a stored judgement', () => {
  it('splits the EU due-diligence duties apart and protects the item by the others only', () => {
    const judgement: CaseJudgement = {
      pack: 'eu-dsa@2026.2',
      assessment: { status: 'valid', missing: [], elements: [] },
      obligations: [spec({ key: 'EU.actOnKnowledge', metAt: plus(BY, 1) }), spec({ key: 'EU.statementOfReasons' })],
      dueDiligenceKeys: ['EU.statementOfReasons'],
    };
    const context = { asOf: BY, provider: initialPartyState('p'), slaDays: (_k: string, d: number) => d };
    expect(uncited(outcomesOf(latestPack('eu-dsa')!, judgement, context, plus(BY, 1)))).toEqual({
      pack: 'eu-dsa@2026.2',
      assessment: { status: 'valid', missing: [], elements: [] },
      obligations: [
        { key: 'EU.actOnKnowledge', status: 'late' },
        { key: 'EU.statementOfReasons', status: 'missed' },
      ],
      dueDiligence: [{ key: 'EU.statementOfReasons', status: 'missed' }],
      protection: { status: 'at_risk', reasons: [{ code: 'OBLIGATION_LATE', obligation: 'EU.actOnKnowledge' }] },
    });
  });
});

describe('notifier conduct from classified notices', () => {
  const notice = (over: Partial<Classified>): Classified => ({ provider: 'host', signed: true, noticeAt: '2026-03-01T00:00:00.000Z', assessment: 'valid', rejected: false, unfounded: false, weight: 0, withdrawn: false, unopposedPutback: false, findings: [], ...over });
  const host = (sanctions: PartyState['sanctions'] = []): PartyState => ({ ...initialPartyState('host'), registered: true, sanctions, policy: { misuse: { unfounded: 2, share: 0.5, windowDays: 30, suspensionDays: 10 }, seq: 1, recordedAt: '2026-01-01T00:00:00.000Z' } });
  const asOf = '2026-03-31T00:00:00.000Z'; // the 30-day window starts 2026-03-01T00:00:00.000Z

  it('counts notices by assessment, findings by kind, and weighs a malicious erroneous notice twice', () => {
    const conduct = conductOf(
      'n',
      [
        notice({ assessment: 'valid' }),
        notice({ assessment: 'valid', findings: ['erroneous_notice'], unfounded: true, weight: 1 }),
        notice({ assessment: 'deficient_curable' }),
        notice({ assessment: 'not_a_notice' }),
        notice({ assessment: 'incomplete', findings: ['malicious_erroneous_notice', 'misrepresentation'], unfounded: true, weight: 2 }),
        notice({ assessment: 'manifestly_unfounded', unfounded: true, weight: 1, rejected: true, withdrawn: true, unopposedPutback: true }),
      ],
      () => host(),
      asOf,
    );
    expect(conduct).toMatchObject({ notices: 6, valid: 2, deficient: 1, notANotice: 1, incomplete: 1, rejected: 1, manifestlyUnfounded: 3, withdrawn: 1, unopposedPutbacks: 1 });
    expect(conduct.findings).toEqual({ misrepresentation: 1, erroneous: 1, malicious: 1 });
    expect(conduct.erroneousWeighted).toBe(3);
    expect(conduct.unfoundedShare).toBe(0.5);
  });

  it('counts a notice at the first instant of the window, and a warning given then', () => {
    const inWindow = [notice({ unfounded: true, weight: 1, noticeAt: '2026-03-01T00:00:00.000Z' }), notice({ unfounded: true, weight: 1, noticeAt: '2026-03-15T00:00:00.000Z' })];
    expect(conductOf('n', inWindow, () => host(), asOf).misuse[0]).toMatchObject({ unfoundedInWindow: 2, shareInWindow: 1, status: 'warning_due' });
    const warned = host([{ type: 'notifier.warned', target: 'n', seq: 5, recordedAt: '2026-03-01T00:00:00.000Z', cases: [] }]);
    expect(conductOf('n', inWindow, () => warned, asOf).misuse[0].status).toBe('suspension_due');
  });

  it('counts a sanction recorded at asOf itself, and a suspension ends at its until', () => {
    const suspended = (until: string) => host([{ type: 'notifier.suspended', target: 'n', seq: 5, recordedAt: asOf, until, cases: [] }]);
    expect(conductOf('n', [notice({})], () => suspended('2026-04-01T00:00:00.000Z'), asOf).misuse[0].status).toBe('suspended');
    expect(conductOf('n', [notice({})], () => suspended(asOf), asOf).misuse[0].status).toBe('none');
  });
});
