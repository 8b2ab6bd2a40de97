import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { tdbStatements, type TdbStatement } from '../../src/domain/exports/tdb.js';
import type { RecordedAct } from '../../src/domain/recorded-act.js';

const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its plugin is the module's default export.
const addFormats = (formatsPlugin as unknown as { default: (ajv: Ajv, options: { keywords: boolean }) => Ajv }).default;
addFormats(ajv, { keywords: true });
const validate = ajv.compile(JSON.parse(readFileSync('test/fixtures/tdb-statement.schema.json', 'utf8')));
const errorsOf = (statement: unknown) => (validate(statement) ? [] : validate.errors!.map((e: ErrorObject) => `${e.instancePath} ${e.message}`));

const ORIGIN = 'ledger.test/log';
let seq = 10;
function recorded(type: string, data: Record<string, unknown>, at: string, actor = 'someone'): RecordedAct {
  const act = { v: 1, id: `act-${seq}`, type, case: 'c-eu-1', actor, at, data, sig: 'x' } as unknown as Act;
  return { act, seq: seq++, revision: 0, recordedAt: at, leaf: '00' };
}
const notice = (data: Record<string, unknown> = {}) => recorded('notice.submitted', { provider: 'host-eu', pack: 'eu-dsa', works: ['Song'], items: [{ locator: 'https://v.example/1' }], ...data }, '2026-03-02T09:00:00.000Z', 'label');
const reasons = { ground: 'illegal_content', facts: 'The video reproduces the song in full without licence.', automatedDetection: false, automatedDecision: 'partially', legalGround: 'Copyright, Directive 2001/29/EC Art 3' };
const measure = (data: Record<string, unknown>, at = '2026-03-03T10:00:00.000Z') => recorded('measure.taken', { items: ['https://v.example/1'], basis: 'notice', ...data }, at, 'host-eu');
const context = { caseId: 'c-eu-1', origin: ORIGIN, trustedFlagger: false };
/** The PUID computed here from the spec of it, not by the exporter. */
const puid = (r: RecordedAct) => `harbor-${r.seq}-${createHash('sha256').update(`${ORIGIN}\n${r.act.id}`).digest('hex').slice(0, 24)}`;

describe('the TDB statement schema (written from the API’s own rules)', () => {
  it('accepts the example of the API documentation', () => {
    expect(errorsOf(JSON.parse(readFileSync('test/fixtures/tdb-api-example.json', 'utf8')))).toEqual([]);
  });

  it('refuses what the API refuses: no decision, a missing conditional field, a bad PUID, an early date, an unknown value', () => {
    const base = JSON.parse(readFileSync('test/fixtures/tdb-api-example.json', 'utf8'));
    const without = (...keys: string[]) => Object.fromEntries(Object.entries(base).filter(([k]) => !keys.includes(k)));
    expect(errorsOf(without('decision_visibility', 'decision_monetary', 'decision_provision', 'decision_account')).length).toBeGreaterThan(0);
    expect(errorsOf(without('incompatible_content_ground')).length).toBeGreaterThan(0);
    expect(errorsOf({ ...base, decision_visibility: ['DECISION_VISIBILITY_OTHER'] }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...base, decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT', illegal_content_legal_ground: undefined }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...base, puid: 'has space' }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...base, application_date: '2019-12-31' }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...base, category: 'STATEMENT_CATEGORY_NONSENSE' }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...base, content_type: ['CONTENT_TYPE_OTHER'] }).length).toBeGreaterThan(0);
  });
});

describe('statements of reasons from an eu-dsa case', () => {
  it('maps a removal on a copyright notice, with the provider’s stated reasons, field by field', () => {
    const opening = notice();
    const removal = measure({ measure: 'removed', reasons });
    const [statement, ...rest] = tdbStatements([opening, removal], context);
    expect(rest).toEqual([]);
    const expected: TdbStatement = {
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Copyright, Directive 2001/29/EC Art 3',
      illegal_content_explanation: 'The video reproduces the song in full without licence.',
      category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
      category_specification: ['KEYWORD_COPYRIGHT_INFRINGEMENT'],
      content_type: ['CONTENT_TYPE_OTHER'],
      content_type_other: 'Not recorded in the ledger',
      content_date: '2026-03-02',
      application_date: '2026-03-03',
      decision_facts: `The video reproduces the song in full without licence.\nMeasure "removed" on 1 item(s), basis notice; ledger ${ORIGIN}, case c-eu-1, entry ${removal.seq}.`,
      source_type: 'SOURCE_ARTICLE_16',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_PARTIALLY',
      puid: puid(removal),
    };
    expect(statement).toEqual(expected);
    expect(errorsOf(statement)).toEqual([]);
  });

  it('says a trusted flagger’s notice, own detection, and a breach of terms as the TDB names them', () => {
    expect(tdbStatements([notice(), measure({ measure: 'disabled' })], { ...context, trustedFlagger: true })[0].source_type).toBe('SOURCE_TRUSTED_FLAGGER');
    const detected = recorded('awareness.recorded', { provider: 'host-eu', pack: 'eu-dsa', items: [{ locator: 'https://v.example/1' }], source: 'own_detection' }, '2026-03-02T09:00:00.000Z', 'host-eu');
    expect(tdbStatements([detected, measure({ measure: 'disabled' })], context)[0].source_type).toBe('SOURCE_VOLUNTARY');
    const fromCourt = recorded('awareness.recorded', { provider: 'host-eu', pack: 'eu-dsa', items: [{ locator: 'https://v.example/1' }], source: 'court' }, '2026-03-02T09:00:00.000Z', 'host-eu');
    expect(tdbStatements([fromCourt, measure({ measure: 'disabled' })], context)[0].source_type).toBe('SOURCE_TYPE_OTHER_NOTIFICATION');
    const terms = tdbStatements([notice({ works: undefined }), measure({ measure: 'demoted', reasons: { ...reasons, ground: 'incompatible_content', legalGround: 'Community guidelines §4' } })], context)[0];
    expect(terms).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_DEMOTED'], decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatible_content_ground: 'Community guidelines §4', category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC' });
    expect(terms.illegal_content_legal_ground).toBeUndefined();
    for (const s of [terms]) expect(errorsOf(s)).toEqual([]);
  });

  it('maps every measure kind, ends a restriction when lifted, and reports nothing for a forward alone', () => {
    const lifted = recorded('measure.lifted', { items: ['https://v.example/1'], reason: 'complaint' }, '2026-04-01T08:00:00.000Z', 'host-eu');
    const cases: [Record<string, unknown>, Partial<TdbStatement>][] = [
      [{ measure: 'geo_blocked' }, { decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'Access disabled in some territories (geo-blocking)', end_date_visibility_restriction: '2026-04-01' }],
      [{ measure: 'delinked' }, { decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'Removed from search results (delisting)' }],
      [{ measure: 'account_restricted' }, { decision_account: 'DECISION_ACCOUNT_SUSPENDED', end_date_account_restriction: '2026-04-01' }],
      [{ measure: 'removed', scope: 'service' }, { decision_provision: 'DECISION_PROVISION_TOTAL_SUSPENSION', end_date_service_restriction: '2026-04-01' }],
    ];
    for (const [data, expected] of cases) {
      const [statement] = tdbStatements([notice(), measure(data), lifted], context);
      expect(statement, JSON.stringify(data)).toMatchObject(expected);
      expect(errorsOf(statement)).toEqual([]);
    }
    expect(tdbStatements([notice(), measure({ measure: 'forward_only' })], context)).toEqual([]);
  });

  it('keeps long reasons within the API’s limits and names an IP category from the notice', () => {
    const long = 'x'.repeat(6000);
    const [statement] = tdbStatements([notice({ works: undefined, category: 'Trademark counterfeit' }), measure({ measure: 'removed', reasons: { ...reasons, facts: long } })], context);
    expect(statement.category_specification).toEqual(['KEYWORD_TRADEMARK_INFRINGEMENT']);
    expect([...statement.decision_facts].length).toBe(5000);
    expect([...statement.illegal_content_explanation!].length).toBe(2000);
    expect(errorsOf(statement)).toEqual([]);
  });
});

describe('which cases owe the Transparency Database a statement', () => {
  it('those judged under the DSA, not under the E-Commerce Directive before it, nor other regimes', async () => {
    const { packForCase } = await import('../../src/domain/jurisdictions/registry.js');
    expect(packForCase('eu-dsa', '2026-03-02T09:00:00.000Z')?.pack.transparencyDatabase?.source).toBe('DSA Art 24(5)');
    expect(packForCase('eu-dsa', '2023-06-01T09:00:00.000Z')?.pack.transparencyDatabase).toBeUndefined();
    for (const other of ['us-dmca', 'cn-civil', 'jp-plla']) expect(packForCase(other, '2026-03-02T09:00:00.000Z')?.pack.transparencyDatabase, other).toBeUndefined();
  });
});
