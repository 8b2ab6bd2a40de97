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

describe('statements of reasons, edge by edge', () => {
  it('opens on a received notice too, and needs an opening act', () => {
    const received = recorded('notice.received', { provider: 'host-eu', pack: 'eu-dsa', notifier: 'label', items: [{ locator: 'https://v.example/1' }] }, '2026-03-02T09:00:00.000Z', 'host-eu');
    expect(tdbStatements([received, measure({ measure: 'removed' })], context)[0].source_type).toBe('SOURCE_ARTICLE_16');
    expect(tdbStatements([measure({ measure: 'removed' })], context)).toEqual([]);
  });

  it('takes the reasons stated on the measure, else the latest stated before it, else the first stated after it', () => {
    const stated = (facts: string, at: string) => recorded('reasons.stated', { ...reasons, facts }, at, 'host-eu');
    const facts = (acts: RecordedAct[]) => tdbStatements(acts, context)[0].illegal_content_explanation;
    const removal = measure({ measure: 'removed' }, '2026-03-03T10:00:00.000Z');
    expect(facts([notice(), stated('first', '2026-03-02T10:00:00.000Z'), stated('second', '2026-03-02T11:00:00.000Z'), removal, stated('after', '2026-03-04T10:00:00.000Z')])).toBe('second');
    expect(facts([notice(), removal, stated('after', '2026-03-04T10:00:00.000Z'), stated('later', '2026-03-05T10:00:00.000Z')])).toBe('after');
    expect(facts([notice(), stated('before', '2026-03-02T10:00:00.000Z'), measure({ measure: 'removed', reasons: { ...reasons, facts: 'own' } })])).toBe('own');
  });

  it('without reasons: the notice’s explanation, or a pointer to it; a legal ground by what the notice names', () => {
    const plain = tdbStatements([notice({ works: undefined, explanation: 'A copy of our catalogue.' }), measure({ measure: 'removed' })], context)[0];
    expect([plain.illegal_content_explanation, plain.illegal_content_legal_ground, plain.category]).toEqual(['A copy of our catalogue.', 'Illegal content under Union or national law', 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE']);
    expect(plain.decision_facts).toBe(`Measure "removed" on 1 item(s), basis notice; ledger ${ORIGIN}, case c-eu-1, entry ${seq - 1}.`);
    const bare = tdbStatements([notice(), measure({ measure: 'removed' })], context)[0];
    expect([bare.illegal_content_explanation, bare.illegal_content_legal_ground]).toEqual(['As stated in the notice recorded in the ledger.', 'Infringement of copyright (Directive 2001/29/EC and national law)']);
    expect(errorsOf(plain)).toEqual([]);
  });

  it('names the IP right by the notice’s category, works counting as copyright only when no right is named', () => {
    const keywordsOf = (category: string, works?: string[]) => tdbStatements([notice({ category, works }), measure({ measure: 'removed' })], context)[0].category_specification;
    expect(keywordsOf('Design right')).toEqual(['KEYWORD_DESIGN_INFRINGEMENT']);
    expect(keywordsOf('Patent')).toEqual(['KEYWORD_PATENT_INFRINGEMENT']);
    expect(keywordsOf('Trade secret')).toEqual(['KEYWORD_TRADE_SECRET_INFRINGEMENT']);
    expect(keywordsOf('Geographical indication')).toEqual(['KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT']);
    expect(keywordsOf('Trademark', ['Logo'])).toEqual(['KEYWORD_TRADEMARK_INFRINGEMENT']);
    expect(keywordsOf('Copyright and trademark')).toEqual(['KEYWORD_COPYRIGHT_INFRINGEMENT', 'KEYWORD_TRADEMARK_INFRINGEMENT']);
  });

  it('ends a restriction only when every item of the measure is lifted; dates before 2000 become 2000-01-01', () => {
    const two = measure({ measure: 'removed', items: ['https://v.example/1', 'https://v.example/2'] });
    const liftOne = recorded('measure.lifted', { items: ['https://v.example/1'], reason: 'complaint' }, '2026-04-01T08:00:00.000Z', 'host-eu');
    const liftBoth = recorded('measure.lifted', { items: ['https://v.example/2', 'https://v.example/1'], reason: 'complaint' }, '2026-04-02T08:00:00.000Z', 'host-eu');
    expect(tdbStatements([notice(), two, liftOne], context)[0].end_date_visibility_restriction).toBeUndefined();
    expect(tdbStatements([notice(), two, liftOne, liftBoth], context)[0].end_date_visibility_restriction).toBe('2026-04-02');
    const complaint = recorded('complaint.lodged', { items: ['https://v.example/1', 'https://v.example/2'], grounds: 'x' }, '2026-04-01T08:00:00.000Z', 'user');
    expect(tdbStatements([notice(), two, complaint], context)[0].end_date_visibility_restriction).toBeUndefined();
    const old = recorded('notice.submitted', { provider: 'host-eu', pack: 'eu-dsa', items: [{ locator: 'https://v.example/1' }] }, '1999-12-31T23:00:00.000Z', 'label');
    expect(tdbStatements([old, measure({ measure: 'removed' })], context)[0].content_date).toBe('2000-01-01');
    const y2k = recorded('notice.submitted', { provider: 'host-eu', pack: 'eu-dsa', items: [{ locator: 'https://v.example/1' }] }, '2000-01-01T00:00:00.000Z', 'label');
    expect(tdbStatements([y2k, measure({ measure: 'removed' })], context)[0].content_date).toBe('2000-01-01');
  });

  it('keeps text of exactly the limit whole', () => {
    const exact = 'y'.repeat(2000);
    expect(tdbStatements([notice(), measure({ measure: 'removed', reasons: { ...reasons, facts: exact } })], context)[0].illegal_content_explanation).toBe(exact);
  });
});
