import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { parseAct } from '../../src/domain/acts/envelope.js';
import { decideCase } from '../../src/domain/case/decide.js';
import { effectiveAct } from '../../src/domain/case/history-act.js';
import { evolveCase, initialCaseState, type CaseState } from '../../src/domain/case/state.js';
import { heldValues } from '../../src/domain/personal-data.js';
import { act, recorded } from '../support/decider-spec.js';

const C = 'h';
const EVIDENCE = 'cd'.repeat(32);
const notice = { type: 'notice.received', actor: 'cloud', data: { provider: 'cloud', pack: 'cn-civil', notifier: 'n' } };
const attest = (occurredAt: string, past: Record<string, unknown>) => act('history.attested', 'court', { occurredAt, act: past, provenance: { reference: '(2017)京73民终1194号', evidence: [EVIDENCE] } }, C);
const stateAfter = (...acts: Act[]): CaseState => recorded(acts).reduce(evolveCase, initialCaseState(C));
const rejection = (state: CaseState, a: Act) => {
  const decision = decideCase(state, a);
  return decision.ok ? undefined : decision.rejection;
};

describe('attested history: an act of a past procedure, as a court records it', () => {
  it('is read as the act itself, by its own actor, when it occurred, with its attestation beside it', () => {
    const [r] = recorded([attest('2015-04-01T02:00:00Z', notice)]);
    expect(effectiveAct(r)).toMatchObject({
      seq: 0,
      recordedAt: '2015-04-01T02:00:00.000Z',
      act: { type: 'notice.received', actor: 'cloud', at: '2015-04-01T02:00:00.000Z', data: notice.data },
      attestation: { by: 'court', seq: 0, recordedAt: '2030-01-01T00:00:00.000Z', reference: '(2017)京73民终1194号', evidence: [EVIDENCE] },
    });
  });

  it('opens a case as the notice it attests did', () => {
    const state = stateAfter(attest('2015-04-01T02:00:00Z', notice));
    expect(state).toMatchObject({ opened: true, provider: 'cloud', notifier: 'n', openedAt: '2015-04-01T02:00:00.000Z', liveActs: 0, attestedUntil: '2015-04-01T02:00:00.000Z' });
  });

  it('comes before the live acts, in the order it occurred, and before its own recording', () => {
    const opened = stateAfter(attest('2015-04-01T02:00:00Z', notice));
    const measure = { type: 'measure.taken', actor: 'cloud', data: { measure: 'removed', items: ['vm://1'], basis: 'notice' } };
    expect(rejection(opened, attest('2015-04-02T02:00:00Z', measure))).toBeUndefined();
    expect(rejection(opened, attest('2015-03-01T02:00:00Z', measure))).toMatchObject({ rule: 'HistoryInOrder', field: 'data.occurredAt' });
    expect(rejection(opened, attest('2031-01-01T00:00:00Z', measure))).toMatchObject({ rule: 'OccurredBeforeRecorded', field: 'data.occurredAt' });
    const live = stateAfter(attest('2015-04-01T02:00:00Z', notice), act('notice.forwarded', 'cloud', { user: 'u' }, C));
    expect(rejection(live, attest('2015-04-02T02:00:00Z', measure))).toMatchObject({ rule: 'HistoryComesFirst' });
  });

  it('passes the state rules of the act it attests, naming the field inside it', () => {
    const opened = stateAfter(attest('2015-04-01T02:00:00Z', notice));
    const lift = { type: 'measure.lifted', actor: 'cloud', data: { items: ['vm://1'], reason: 'other' } };
    expect(rejection(opened, attest('2015-04-02T02:00:00Z', lift))).toMatchObject({ rule: 'MeasureWasTaken', field: 'data.act.type' });
    expect(rejection(opened, attest('2015-04-02T02:00:00Z', notice))).toMatchObject({ rule: 'NoticeOpensNewCase', field: 'case' });
  });

  it('checks the attested act’s data by its own schema, exactly', () => {
    const base = { v: 1, id: '00000000-0000-4000-8000-000000000001', type: 'history.attested', case: C, actor: 'court', at: '2026-12-01T00:00:00.000Z', sig: 'A'.repeat(86) + '==' };
    const provenance = { reference: 'r', evidence: [EVIDENCE] };
    expect(() => parseAct({ ...base, data: { occurredAt: '2015-04-01T02:00:00.000Z', act: { ...notice, data: { ...notice.data, pack: 'xx' } }, provenance } })).toThrow(/data\.act\.data\.pack/);
    expect(() => parseAct({ ...base, data: { occurredAt: '2015-04-01T02:00:00.000Z', act: { type: 'history.attested', actor: 'x', data: {} }, provenance } })).toThrow(/data\.act\.type/);
    expect(() => parseAct({ ...base, data: { occurredAt: '2015-04-01T02:00:00.000Z', act: notice, provenance: { reference: 'r', evidence: [] } } })).toThrow(/data\.provenance\.evidence/);
    expect(parseAct({ ...base, data: { occurredAt: '2015-04-01T02:00:00.000Z', act: notice, provenance } }).type).toBe('history.attested');
  });

  it('holds a clear value of an attested act as the data of the past act’s actor, committed by the court', () => {
    const withContact = { ...notice, data: { ...notice.data, claimant: { contact: `sha256:${'ab'.repeat(32)}` } } };
    const stream = recorded([attest('2015-04-01T02:00:00.000Z', withContact)]);
    expect(heldValues(stream, [{ seq: 0, path: 'data.act.data.claimant.contact' }])).toEqual([{ seq: 0, path: 'data.act.data.claimant.contact', committedBy: 'court', subject: 'cloud' }]);
  });
});
