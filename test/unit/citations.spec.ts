import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { citationOf, citeReasons, SHARED_REASON_SOURCES } from '../../src/domain/jurisdictions/citations.js';
import { latestPack, PACK_REGISTRY } from '../../src/domain/jurisdictions/registry.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/domain');
const packs = PACK_REGISTRY.map((e) => e.pack);
const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const COMMIT = `sha256:${'ab'.repeat(32)}`;

const host = (pack: string, kind = 'platform') =>
  partyAt(['2025-01-01T00:00:00.000Z', act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: kind, packs: [pack], publicKey: KEY })]);
const notice = (pack: string, data: Record<string, unknown> = {}) => act('notice.submitted', 'holder', { provider: 'host', pack, items: [{ locator: 'https://x.example/1' }], ...data }, 'c-1');

describe('every verdict element names its source and whether it is statutory, case law or our default', () => {
  it('notice elements: each clause of the provision that asks for it (hand-copied from the texts)', () => {
    const elements = (pack: string) => latestPack(pack)!.assess({ notice: undefined, all: () => [] } as never).elements.map((e) => [e.key, e.source, e.basis]);
    expect(elements('us-dmca')).toEqual([
      ['signature', '17 U.S.C. §512(c)(3)(A)(i)', 'statutory'],
      ['work', '17 U.S.C. §512(c)(3)(A)(ii)', 'statutory'],
      ['material', '17 U.S.C. §512(c)(3)(A)(iii)', 'statutory'],
      ['contact', '17 U.S.C. §512(c)(3)(A)(iv)', 'statutory'],
      ['good_faith', '17 U.S.C. §512(c)(3)(A)(v)', 'statutory'],
      ['accuracy_authority', '17 U.S.C. §512(c)(3)(A)(vi)', 'statutory'],
    ]);
    expect(elements('eu-dsa').map(([key, source]) => `${key} ${source}`)).toEqual(['explanation DSA Art 16(2)(a)', 'location DSA Art 16(2)(b)', 'identity DSA Art 16(2)(c)', 'bona_fide DSA Art 16(2)(d)']);
    expect(elements('cn-rndi').map(([key, source]) => `${key} ${source}`)).toEqual(['identity RNDI Regulations Art 14(1)', 'title_and_address RNDI Regulations Art 14(2)', 'evidence RNDI Regulations Art 14(3)']);
    // The E-Commerce Law asks only for preliminary evidence; identity comes from the SPC's guidance.
    expect(elements('cn-ecom')).toEqual([
      ['evidence', 'E-Commerce Law Art 42 ¶1', 'statutory'],
      ['identity', 'SPC Guiding Opinions on IP disputes involving e-commerce platforms (2020)', 'case_law'],
    ]);
  });

  it('an assessment says which elements are present', () => {
    const history = { notice: { type: 'notice.submitted', data: { items: [{ locator: 'https://x.example/1' }] } }, all: () => [] } as never;
    const jp = latestPack('jp-plla')!.assess(history);
    expect(jp.elements.map((e) => `${e.key}:${e.present}`)).toEqual(['location:true', 'right:false', 'reasons:false']);
    expect(jp.missing).toEqual(['right', 'reasons']);
  });

  it('a reason about an obligation cites its duty: a statutory period is the law’s, a default SLA ours', () => {
    const us = latestPack('us-dmca')!;
    expect(citationOf(us, { code: 'OBLIGATION_EARLY', obligation: 'US.putback' })).toEqual({ source: '17 U.S.C. §512(g)(2)(C)', basis: 'statutory' });
    expect(citationOf(us, { code: 'OBLIGATION_MISSED', obligation: 'US.takedown' })).toEqual({ source: '17 U.S.C. §512(c)(1)(C)', basis: 'default' });
    expect(citationOf(latestPack('jp-plla')!, { code: 'OBLIGATION_LATE', obligation: 'JP.disclosureAfterFinal' })).toEqual({
      source: 'PLLA/IDPA Art 14 (objection suit within one month); Code of Civil Procedure Art 95(3)',
      basis: 'default',
    });
  });

  it('other reasons cite the pack’s table, then the ledger’s own rules, and keep their other fields', () => {
    const us = latestPack('us-dmca')!;
    expect(citeReasons(us, [{ code: 'NO_DESIGNATED_AGENT' }, { code: 'RECEIPT_RECORDED_LATE' }])).toEqual([
      { code: 'NO_DESIGNATED_AGENT', source: '17 U.S.C. §512(c)(2); 37 CFR 201.38', basis: 'statutory' },
      { code: 'RECEIPT_RECORDED_LATE', source: 'this ledger: a notice recorded more than a day after its claimed receipt lets the provider choose when its clock starts', basis: 'default' },
    ]);
    expect(citeReasons(us, [{ code: 'REPEAT_INFRINGER_NOT_ACTIONED', user: 'u1' }])).toEqual([
      { code: 'REPEAT_INFRINGER_NOT_ACTIONED', user: 'u1', source: '17 U.S.C. §512(i)(1)(A); BMG Rights Mgmt. v. Cox, 881 F.3d 293 (4th Cir. 2018)', basis: 'case_law' },
    ]);
  });

  it('a reason nobody cites is an error, never an empty source', () => {
    expect(() => citationOf(latestPack('eu-dsa')!, { code: 'NO_DESIGNATED_AGENT' })).toThrow(/NO_DESIGNATED_AGENT has no source in eu-dsa/);
  });

  it('every reason code written in the domain is cited somewhere, and each pack cites the codes every pack raises', () => {
    const files = ['jurisdictions', 'projections'].flatMap((dir) => readdirSync(join(SRC, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, dir, f)));
    const codes = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'([A-Z][A-Z_]{6,})'/g)].map((m) => m[1])));
    expect(codes.size).toBeGreaterThan(8);
    // A finding set aside carries its pack's no-monitoring rule as its citation.
    const ownCitation = ['FINDING_CONTRARY_TO_NO_MONITORING'];
    const cited = (code: string) => code.startsWith('OBLIGATION_') || ownCitation.includes(code) || code in SHARED_REASON_SOURCES || packs.some((p) => code in p.reasonSources);
    expect([...codes].filter((code) => !cited(code))).toEqual([]);
    expect(packs.filter((p) => !p.reasonSources.REPEAT_INFRINGER_NOT_ACTIONED).map((p) => p.id)).toEqual([]);
  });

  it('every duty a pack lists has a source, and keys are listed once', () => {
    expect(packs.length).toBe(10);
    for (const pack of packs) {
      expect(pack.duties.length, pack.id).toBeGreaterThan(0);
      expect(pack.duties.filter((d) => !d.source.trim()), pack.id).toEqual([]);
      expect(new Set(pack.duties.map((d) => d.key)).size, pack.id).toBe(pack.duties.length);
    }
  });

  it('a case-law reading shows in its obligation: forwarding as the necessary measure of a basic network service (Aliyun v. Locojoy)', () => {
    const data = { works: ['Game 1'], claimant: { name: 'Brand', contact: COMMIT }, evidence: ['cd'.repeat(32)] };
    const j = judgeCase({ caseId: 'c-1', recorded: timeline(['2025-03-03T02:00:00.000Z', notice('cn-civil', data)]), asOf: '2025-03-03T03:00:00.000Z', provider: host('cn-civil', 'basic_network') })!;
    expect(j.obligations.find((o) => o.key === 'CN.measure')?.source).toBe('Civil Code Art 1195 ¶2; Aliyun v. Locojoy (Beijing IP Court, 2019)');
  });

  it('the case view’s reasons carry their citations (a missed takedown after two business days, no designated agent)', () => {
    const full = { works: ['W'], claimant: { contact: COMMIT }, statements: { goodFaith: true, accuracy: true, authorized: true } };
    // Monday 3 March 2025, 10:00 New York; two business days end Wednesday 5 March.
    const j = judgeCase({ caseId: 'c-1', recorded: timeline(['2025-03-03T15:00:00.000Z', notice('us-dmca', full)] as [string, Act]), asOf: '2025-03-06T15:00:00.000Z', provider: host('us-dmca', 'hosting') })!;
    expect(j.protection).toEqual({
      status: 'lost_for_item',
      reasons: [
        { code: 'NO_DESIGNATED_AGENT', source: '17 U.S.C. §512(c)(2); 37 CFR 201.38', basis: 'statutory' },
        { code: 'OBLIGATION_MISSED', obligation: 'US.takedown', source: '17 U.S.C. §512(c)(1)(C)', basis: 'default' },
      ],
    });
  });
});
