import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { csvField, csvHeader, csvRow } from '../../src/domain/exports/csv.js';
import { lumenNotices } from '../../src/domain/exports/lumen.js';
import type { RecordedAct } from '../../src/domain/recorded-act.js';

let seq = 0;
function recorded(type: string, data: Record<string, unknown>, at: string, actor: string, recordedAt = at): RecordedAct {
  return { act: { v: 1, id: `a-${seq}`, type, case: 'c-1', actor, at, data, sig: 'x' } as unknown as Act, seq: seq++, revision: 0, recordedAt, leaf: '00' };
}
const item = (n: number) => `https://tube.example/v/${n}`;
const notice = (pack: string, extra: Record<string, unknown> = {}) =>
  recorded('notice.submitted', { provider: 'tube', pack, works: ['Song'], items: [{ locator: item(1) }, { locator: item(2) }], claimant: { name: 'Acme Records', onBehalfOf: 'Acme Group' }, ...extra }, '2026-03-02T09:00:00.000Z', 'acme', '2026-03-02T09:00:01.000Z');
const measure = (items: string[], kind = 'removed') => recorded('measure.taken', { measure: kind, items, basis: 'notice' }, '2026-03-03T09:00:00.000Z', 'tube');

describe('Lumen notice records', () => {
  it('maps a DMCA notice field by field, in the shape of Lumen’s serializer', () => {
    const [record] = lumenNotices('c-1', [notice('us-dmca'), measure([item(1), item(2)])]);
    expect(record).toEqual({
      id: 'c-1',
      type: 'DMCA',
      title: 'Notice to tube under us-dmca',
      body: null,
      date_sent: '2026-03-02T09:00:00.000Z',
      date_received: '2026-03-02T09:00:01.000Z',
      topics: ['Copyright'],
      sender_name: 'Acme Records',
      principal_name: 'Acme Group',
      recipient_name: 'tube',
      works: [{ description: 'Song', infringing_urls: [{ url: item(1) }, { url: item(2) }], copyrighted_urls: [] }],
      tags: [],
      jurisdictions: ['US'],
      action_taken: 'Yes',
      language: null,
    });
  });

  it('says what was done: Partial for some items, No for a rejected notice, Unspecified for nothing, a forward restricts nothing', () => {
    const action = (...acts: RecordedAct[]) => lumenNotices('c-1', [notice('eu-dsa'), ...acts])[0].action_taken;
    expect(action(measure([item(1)]))).toBe('Partial');
    expect(action(recorded('notice.rejected', { reason: 'incomplete' }, '2026-03-03T09:00:00.000Z', 'tube'))).toBe('No');
    expect(action()).toBe('Unspecified');
    expect(action(measure([item(1), item(2)], 'forward_only'))).toBe('Unspecified');
  });

  it('names other regimes by jurisdiction, a trademark notice as such, and links a counter-notice to its notice', () => {
    const [eu] = lumenNotices('c-1', [notice('eu-dsa')]);
    expect([eu.type, eu.jurisdictions]).toEqual(['Other', ['EU']]);
    expect(lumenNotices('c-1', [notice('jp-plla', { category: 'Trademark', works: undefined })])[0]).toMatchObject({ type: 'Trademark', topics: ['Trademark'], jurisdictions: ['JP'], works: [{ description: 'Not described' }] });
    const counter = recorded('counter_notice.submitted', {}, '2026-03-05T09:00:00.000Z', 'user-9');
    const [, record] = lumenNotices('c-1', [notice('us-dmca'), counter]);
    expect(record).toMatchObject({ id: 'c-1/counter-notice', type: 'Counternotice', counternotice_for_id: 'c-1', sender_name: 'user-9', date_sent: '2026-03-05T09:00:00.000Z' });
    expect(lumenNotices('c-1', [recorded('awareness.recorded', { provider: 'tube', pack: 'us-dmca', items: [{ locator: item(1) }], source: 'own_detection' }, '2026-03-02T09:00:00.000Z', 'tube')])).toEqual([]);
  });
});

describe('Lumen records of notices without claimant or works', () => {
  it('names the sender by the notifier (a received notice) or the actor, and says Other for a notice of no named work', () => {
    const received = recorded('notice.received', { provider: 'tube', pack: 'cn-civil', notifier: 'label-cn', receivedAt: '2026-03-01T08:00:00.000Z', items: [{ locator: item(3) }] }, '2026-03-02T09:00:00.000Z', 'tube');
    expect(lumenNotices('c-2', [received])[0]).toMatchObject({ id: 'c-2', type: 'Other', topics: ['Other'], sender_name: 'label-cn', principal_name: 'label-cn', date_received: '2026-03-01T08:00:00.000Z', jurisdictions: ['CN'], works: [{ description: 'Not described', infringing_urls: [{ url: item(3) }] }] });
    const bare = recorded('notice.submitted', { provider: 'tube', pack: 'us-dmca', items: [] }, '2026-03-02T09:00:00.000Z', 'acme');
    expect(lumenNotices('c-3', [bare])[0]).toMatchObject({ sender_name: 'acme', principal_name: 'acme', action_taken: 'Unspecified', works: [{ infringing_urls: [] }] });
    // A measure on an item the notice did not name is some action, not none.
    expect(lumenNotices('c-3', [bare, measure([item(9)])])[0].action_taken).toBe('Partial');
  });
});

describe('CSV fields (RFC 4180)', () => {
  it('quotes a comma, a quote and a line break, doubling quotes; leaves plain values bare', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 42, null, undefined, true])).toBe('plain,"a,b","say ""hi""","two\nlines",42,,,true\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(['=SUM(A1)', '+1', '-1', '@cmd'].map(csvField)).toEqual(["'=SUM(A1)", "'+1", "'-1", "'@cmd"]);
    expect(csvField(-1)).toBe('-1'); // a number is a number
  });

  it('heads each table with its columns, the log size and checkpoint root last', () => {
    expect(csvHeader('cases')).toBe('case,provider,notifier,user,pack,phase,opened_at,last_act_at,acts,protection,log_size,checkpoint_root\r\n');
  });
});
