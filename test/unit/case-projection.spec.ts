import { uncited } from '../support/uncited.js';
import { describe, expect, it } from 'vitest';
import { casePhase } from '../../src/domain/case/phase.js';
import { initialCaseState, type CaseState } from '../../src/domain/case/state.js';
import { initialPartyState, partyAsOf, sanctionsAgainst, type PartyState } from '../../src/domain/party/state.js';
import { projectCase, unprotectedSpans } from '../../src/domain/projections/case-projection.js';
import type { ObligationSpec } from '../../src/domain/jurisdictions/obligation.js';
import type { CaseJudgement, RulePack } from '../../src/domain/jurisdictions/rule-pack.js';
import { timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';
import { fullUsNotice } from '../support/parties.js';

const state = (over: Partial<CaseState>): CaseState => ({ ...initialCaseState('c'), opened: true, ...over });

describe('a case’s phase, the first that applies', () => {
  it.each([
    ['withdrawn, whatever else', { withdrawn: true, actionsFiled: 1, itemsUnderMeasure: ['x'] }, 'withdrawn'],
    ['in litigation once an action is filed', { actionsFiled: 1, itemsUnderMeasure: ['x'], counterNotices: 1 }, 'in_litigation'],
    ['disputed: a counter-notice while material is under a measure', { measuresTaken: 1, itemsUnderMeasure: ['x'], counterNotices: 1 }, 'disputed'],
    ['disputed: a complaint not yet decided while under a measure', { measuresTaken: 1, itemsUnderMeasure: ['x'], complaintsLodged: 2, complaintsDecided: 1 }, 'disputed'],
    ['measure in force once every complaint is decided', { measuresTaken: 1, itemsUnderMeasure: ['x'], complaintsLodged: 1, complaintsDecided: 1 }, 'measure_in_force'],
    ['restored: every measure lifted (a counter-notice no longer disputes anything)', { measuresTaken: 1, itemsUnderMeasure: [], counterNotices: 1 }, 'restored'],
    ['open: a notice and no measure yet', {}, 'open'],
  ] as const)('%s', (_name, over, phase) => {
    expect(casePhase(state(over as Partial<CaseState>))).toBe(phase);
  });
});

describe('projecting a case: what the reports keep of it', () => {
  const host: PartyState = { ...initialPartyState('host'), registered: true, name: 'Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], timeZone: 'America/New_York' };
  const holder: PartyState = { ...initialPartyState('holder'), registered: true, name: 'Holder', roles: ['rights_holder'] };
  // Mon 2 Mar 2026, 09:00 in New York: the takedown is due 2 business days later, Wed 4 Mar end of day EST.
  const recorded = timeline(
    ['2026-03-02T14:00:00.000Z', act('notice.submitted', 'holder', fullUsNotice('host', 'u-1'), 'c-9')],
    ['2026-03-02T16:00:00.000Z', act('measure.taken', 'host', { measure: 'disabled', items: ['https://tube.example/v/abc123'], basis: 'notice' }, 'c-9')],
    ['2026-03-02T16:05:00.000Z', act('notice.forwarded', 'host', { user: 'u-2' }, 'c-9')],
  );

  it('keeps the parties, phase, items, times, the judgement’s windows, the strike and the notice’s conduct', () => {
    const p = projectCase({ caseId: 'c-9', recorded, provider: host, notifier: holder })!;
    expect(p).toMatchObject({ id: 'c-9', provider: 'host', notifier: 'holder', pack: 'us-dmca', user: 'u-2', users: ['u-1', 'u-2'], openedAt: '2026-03-02T14:00:00.000Z', lastAt: '2026-03-02T16:05:00.000Z', lastSeq: 102, revisions: 3, phase: 'measure_in_force', items: ['https://tube.example/v/abc123'] });
    expect(p.judgement?.pack).toBe('us-dmca@2026.2');
    expect(p.judgement?.obligations.find((o) => o.key === 'US.takedown')).toMatchObject({ window: { by: '2026-03-05T04:59:59.999Z', byLocalDate: '2026-03-04' }, metAt: '2026-03-02T16:00:00.000Z' });
    expect(p.strike).toEqual({ issuedAt: '2026-03-02T16:00:00.000Z', disputed: false, exclusion: undefined });
    // Every duty met: nothing left to change with time; the host designated no agent, so the item has no harbor, ever.
    expect(uncited(p.unprotected)).toEqual([{ after: '', upTo: '9999-12-31T23:59:59.999Z', status: 'lost_for_item', reasons: [{ code: 'NO_DESIGNATED_AGENT' }] }]);
    expect(p.conduct).toMatchObject({ provider: 'host', signed: true, noticeAt: '2026-03-02T14:00:00.000Z', assessment: 'valid', unfounded: false, weight: 0, withdrawn: false });
  });

  it('says when the item is not protected, and why, between the deadlines still open', () => {
    const p = projectCase({ caseId: 'c-9', recorded: recorded.slice(0, 1), provider: host, notifier: holder })!;
    // Until the takedown's deadline only the missing agent counts; after it, the missed takedown too.
    expect(uncited(p.unprotected)).toEqual([
      { after: '', upTo: '2026-03-05T04:59:59.999Z', status: 'lost_for_item', reasons: [{ code: 'NO_DESIGNATED_AGENT' }] },
      { after: '2026-03-05T04:59:59.999Z', upTo: '9999-12-31T23:59:59.999Z', status: 'lost_for_item', reasons: [{ code: 'NO_DESIGNATED_AGENT' }, { code: 'OBLIGATION_MISSED', obligation: 'US.takedown' }] },
    ]);
  });

  it('leaves out the times the item is eligible, and joins spans alike', () => {
    const agent = { registry: 'DMCA-1', designatedOn: '2026-01-02', seq: 1, recordedAt: '2026-01-02T15:00:00.000Z' } as PartyState['agents'][number];
    const agented: PartyState = { ...host, agent, agents: [agent] };
    const open = projectCase({ caseId: 'c-9', recorded: recorded.slice(0, 1), provider: agented, notifier: holder })!;
    expect(uncited(open.unprotected)).toEqual([{ after: '2026-03-05T04:59:59.999Z', upTo: '9999-12-31T23:59:59.999Z', status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: 'US.takedown' }] }]);
    const done = projectCase({ caseId: 'c-9', recorded, provider: agented, notifier: holder })!;
    expect(done.unprotected).toEqual([]);
  });

  it('is undefined for a stream that does not open with a notice', () => {
    expect(projectCase({ caseId: 'c-0', recorded: timeline(['2026-03-02T14:00:00.000Z', act('measure.taken', 'host', { measure: 'disabled', items: ['x'], basis: 'notice' }, 'c-0')]), provider: host })).toBeUndefined();
  });

  it('keeps a case whose pack this build does not judge, without a judgement or strike', () => {
    const other = timeline(['2026-03-02T14:00:00.000Z', act('notice.submitted', 'holder', { ...fullUsNotice('host'), pack: 'kr-copyright' }, 'c-8')]);
    const p = projectCase({ caseId: 'c-8', recorded: other, provider: host })!;
    expect(p).toMatchObject({ pack: 'kr-copyright', judgement: null, strike: null, phase: 'open' });
  });
});

describe('a party’s sanctions', () => {
  const provider = partyAsOf(
    'host',
    timeline(
      ['2026-03-01T00:00:00.000Z', act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], publicKey: `${'A'.repeat(43)}=` })],
      ['2026-03-02T00:00:00.000Z', act('user.warned', 'host', { user: 'u-1', reason: 'r' })],
      ['2026-03-03T00:00:00.000Z', act('user.suspended', 'host', { user: 'u-2', reason: 'r' })],
      ['2026-03-04T00:00:00.000Z', act('user.terminated', 'host', { user: 'u-1', reason: 'r' })],
      ['2026-03-05T00:00:00.000Z', act('notifier.warned', 'host', { notifier: 'n-1', reason: 'r' })],
    ),
    '2026-03-04T12:00:00.000Z',
  );

  it('are folded in order up to asOf, each kept once', () => {
    expect(provider.sanctions.map((s) => [s.type, s.target, s.recordedAt])).toEqual([
      ['user.warned', 'u-1', '2026-03-02T00:00:00.000Z'],
      ['user.suspended', 'u-2', '2026-03-03T00:00:00.000Z'],
      ['user.terminated', 'u-1', '2026-03-04T00:00:00.000Z'],
    ]);
  });

  it('are found by target, in order', () => {
    expect(sanctionsAgainst(provider, 'u-1').map((s) => s.type)).toEqual(['user.warned', 'user.terminated']);
    expect(sanctionsAgainst(provider, 'u-2').map((s) => s.type)).toEqual(['user.suspended']);
    expect(sanctionsAgainst(provider, 'n-1')).toEqual([]);
  });
});

describe('an item’s protection spans, judged between its case’s deadlines', () => {
  const T1 = '2026-03-05T04:59:59.999Z';
  const T2 = '2026-03-12T03:59:59.999Z';
  const END = '9999-12-31T23:59:59.999Z';
  const duty = (key: string, by: string, over: Partial<ObligationSpec> = {}): ObligationSpec => ({ key, party: 'host', basis: 'statutory', source: 's', timeZone: 'UTC', window: { by, byLocalDate: by.slice(0, 10), timeZone: 'UTC' }, ...over });
  // A pack whose item is always lost (a prerequisite lacking), with every missed duty as a reason too.
  const pack = {
    id: 'us-dmca',
    version: 'test',
    duties: ['A', 'B', 'C'].map((key) => ({ key, basis: 'statutory', source: 's' })),
    reasonSources: { X: { source: 'x', basis: 'default' } },
    protection: (outcomes: { key: string; status: string }[]) => ({ status: 'lost_for_item' as const, reasons: [{ code: 'X' }, ...outcomes.filter((o) => o.status === 'missed').map((o) => ({ code: 'OBLIGATION_MISSED', obligation: o.key }))] }),
  } as unknown as RulePack;
  const judgement = (obligations: ObligationSpec[]): CaseJudgement => ({ pack: 'us-dmca@test', assessment: { status: 'valid', missing: [], elements: [] }, obligations });
  const context = { asOf: END, provider: initialPartyState('host'), slaDays: (_k: string, d: number) => d };

  it('orders the deadlines, leaves out settled duties, and joins spans alike', () => {
    // A is due at T2 (then missed); B at T1 (then not applicable: nothing changes); C was met.
    const spans = unprotectedSpans(pack, judgement([duty('A', T2), duty('B', T1, { lapse: 'not_applicable' }), duty('C', T1, { metAt: '2026-03-04T00:00:00.000Z' })]), context);
    expect(uncited(spans)).toEqual([
      { after: '', upTo: T2, status: 'lost_for_item', reasons: [{ code: 'X' }] },
      { after: T2, upTo: END, status: 'lost_for_item', reasons: [{ code: 'X' }, { code: 'OBLIGATION_MISSED', obligation: 'A' }] },
    ]);
  });

  it('keeps apart spans of different reasons, and a span alike after a gap', () => {
    // B missed at T1 puts its reason in; A missed at T2 adds another.
    const spans = unprotectedSpans(pack, judgement([duty('A', T2), duty('B', T1)]), context);
    expect(spans.map((x) => [x.after, x.upTo, x.reasons.length])).toEqual([
      ['', T1, 1],
      [T1, T2, 2],
      [T2, END, 3],
    ]);
  });
});
