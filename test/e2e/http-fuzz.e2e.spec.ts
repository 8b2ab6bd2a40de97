import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACT_TYPES } from '../../src/domain/acts/envelope.js';
import { EXAMPLES, envelopeOf } from '../support/act-examples.js';
import { recordAll, startLedger, type Harness } from '../support/harness.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';

/** A refusal always has the error shape, and nothing in it is a server fault. */
function expectClearRefusal(res: { status: number; body: unknown }): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

/** Acts of every type, each with one member changed to an arbitrary JSON value (or removed), as text. */
const mutatedAct = fc
  .record({ type: fc.constantFrom(...ACT_TYPES), key: fc.string({ maxLength: 10 }), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)), where: fc.constantFrom('data', 'envelope') })
  .map(({ type, key, value, where }) => {
    const act = envelopeOf(type, { ...EXAMPLES[type] }) as unknown as Record<string, unknown>;
    const target = where === 'data' ? (act.data as Record<string, unknown>) : act;
    const name = key || Object.keys(target)[0] || 'x';
    if (value === undefined) delete target[name];
    else target[name] = value;
    return JSON.stringify(act);
  });

/** Text that is rarely JSON and sometimes nearly so. */
const junkBody = fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), mutatedAct.map((t) => t.slice(0, Math.floor(t.length / 2))));

describe('property: the HTTP edge never fails with a 5xx and never appends what it refuses', () => {
  let ledger: Harness;

  beforeAll(async () => {
    ledger = await startLedger();
    const [holder, host, user] = [rightsHolder(), usHost(), uploader()];
    await recordAll(ledger, [holder.register(), host.register(), user.register(), holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id, user.id))]);
  });
  afterAll(async () => ledger.close());

  it('POST /v1/acts with mutated acts of every type and junk bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedAct, junkBody), async (body) => {
        const before = await ledger.size();
        const res = await ledger.http.post('/v1/acts').set('content-type', 'application/json').send(body);
        expectClearRefusal(res);
        // Every mutated act carries a fake signature: nothing can be appended.
        expect(await ledger.size()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('POST /v1/acts/batch with arrays of them: each item refused on its own', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(mutatedAct.map((t) => JSON.parse(t) as unknown), fc.jsonValue({ maxDepth: 2 })), { maxLength: 8 }), async (acts) => {
        const res = await ledger.http.post('/v1/acts/batch').send({ acts });
        expectClearRefusal(res);
        if (res.status === 200) expect(res.body.results.map((r: { index: number }) => r.index)).toEqual(acts.map((_a, i) => i));
      }),
      { numRuns: 100 },
    );
  });

  it('GET routes with arbitrary ids and query values', async () => {
    const path = fc.constantFrom('/v1/cases/', '/v1/parties/', '/v1/providers/', '/v1/notifiers/', '/v1/cases/c-1/bundle?disclose=', '/v1/cases/c-1?asOf=', '/v1/log/entries?from=', '/v1/log/proof/inclusion?seq=');
    // Encoded arbitrary text, and raw text that may hold broken percent-encodings (%E0%A4%A) and dot steps.
    const suffix = fc.oneof(fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.stringMatching(/^[A-Za-z0-9._:%-]{0,140}$/));
    await fc.assert(
      fc.asyncProperty(path, suffix, async (p, s) => {
        const tail = p.endsWith('/') && (p.startsWith('/v1/providers') || p.startsWith('/v1/notifiers')) ? `${s}/compliance` : s;
        const res = await ledger.http.get(`${p}${tail}`);
        expectClearRefusal(res);
      }),
      { numRuns: 300 },
    );
  });
});
