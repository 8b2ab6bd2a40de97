import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKS } from '../../src/domain/acts/primitives.js';
import { packVersion } from '../../src/domain/jurisdictions/rule-pack.js';
import { entryInForce, latestPack, PACK_REGISTRY, packAsOf, packForCase, packOfVersion, registeredVersions } from '../../src/domain/jurisdictions/registry.js';
import { judgeCase } from '../../src/domain/projections/case-judgement.js';
import { partyAt, timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

describe('the pack registry: versions by id, with the dates their law is in force', () => {
  it('keys every version once, and every pack id the acts accept has one', () => {
    expect(registeredVersions()).toEqual([
      'cn-civil@2026.2',
      'cn-civil@tort-2010.1',
      'cn-ecom@2026.2',
      'cn-rndi@2026.2',
      'eu-dsa@2026.2',
      'eu-dsa@ecd-2002.1',
      'jp-idpa@2026.2',
      'jp-idpa@plla-2022.1',
      'jp-plla@2026.2',
      'us-dmca@2026.2',
    ]);
    expect(PACKS.filter((id) => !latestPack(id))).toEqual([]);
    expect(packOfVersion('us-dmca@2026.2')?.id).toBe('us-dmca');
    expect(packOfVersion('us-dmca@2026.1')).toBeUndefined();
  });

  it('no two versions of a pack are in force on the same day', () => {
    for (const id of PACKS) {
      const spans = PACK_REGISTRY.filter((e) => e.pack.id === id).sort((a, b) => (a.from < b.from ? -1 : 1));
      expect(spans.length, id).toBeGreaterThan(0);
      for (let i = 1; i < spans.length; i++) expect(spans[i - 1].until, `${id} ${packVersion(spans[i].pack)}`).toBe(spans[i].from);
    }
  });

  it.each([
    // DSA Art 93(2): from 17 February 2024, Brussels time (UTC+1 in February); the E-Commerce Directive before.
    ['eu-dsa', '2024-02-16T22:59:59.999Z', 'eu-dsa@ecd-2002.1'],
    ['eu-dsa', '2024-02-16T23:00:00.000Z', 'eu-dsa@2026.2'],
    // The Directive's transposition deadline, 17 January 2002 (Art 22(1)): nothing before.
    ['eu-dsa', '2002-01-16T22:59:59.999Z', undefined],
    // IDPA from 1 April 2025, Tokyo time (UTC+9); the PLLA before, back to its 2022 amendment.
    ['jp-idpa', '2025-03-31T14:59:59.999Z', 'jp-idpa@plla-2022.1'],
    ['jp-idpa', '2025-03-31T15:00:00.000Z', 'jp-idpa@2026.2'],
    // Civil Code from 1 January 2021, Beijing time (UTC+8); the Tort Law from 1 July 2010.
    ['cn-civil', '2020-12-31T15:59:59.999Z', 'cn-civil@tort-2010.1'],
    ['cn-civil', '2020-12-31T16:00:00.000Z', 'cn-civil@2026.2'],
    ['cn-civil', '2010-06-30T15:59:59.999Z', undefined],
    ['cn-civil', '2010-06-30T16:00:00.000Z', 'cn-civil@tort-2010.1'],
    // The DMCA from its enactment on 28 October 1998, New York time (EST, UTC-5: daylight time ended on 25 October).
    ['us-dmca', '1998-10-28T04:59:59.999Z', undefined],
    ['us-dmca', '1998-10-28T05:00:00.000Z', 'us-dmca@2026.2'],
  ])('%s at %s: %s in force', (id, at, version) => {
    const entry = entryInForce(id, at);
    expect(entry && packVersion(entry.pack)).toBe(version);
    expect(packForCase(id, at)?.inForce).toBe(version !== undefined);
  });

  it('a notice that arrived before any version was in force is judged by the earliest and flagged', () => {
    const host = partyAt(['2023-01-01T00:00:00.000Z', act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], publicKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' })]);
    const notice = (at: string) => timeline([at, act('notice.submitted', 'holder', { provider: 'host', pack: 'eu-dsa', items: [{ locator: 'https://x.example/1' }] }, 'c-1')]);
    const before = judgeCase({ caseId: 'c-1', recorded: notice('2001-06-11T09:00:00.000Z'), asOf: '2001-06-12T00:00:00.000Z', provider: host });
    expect([before?.pack, before?.flags]).toEqual(['eu-dsa@ecd-2002.1', ['LAW_NOT_IN_FORCE']]);
    const ecd = judgeCase({ caseId: 'c-1', recorded: notice('2024-01-10T09:00:00.000Z'), asOf: '2024-01-11T00:00:00.000Z', provider: host });
    expect([ecd?.pack, ecd?.flags]).toEqual(['eu-dsa@ecd-2002.1', undefined]);
    const dsa = judgeCase({ caseId: 'c-1', recorded: notice('2024-03-10T09:00:00.000Z'), asOf: '2024-03-11T00:00:00.000Z', provider: host });
    expect([dsa?.pack, dsa?.flags]).toEqual(['eu-dsa@2026.2', undefined]);
  });

  it('provider-level standing applies the version in force as of the report', () => {
    expect(packAsOf('jp-idpa', '2026-01-01T00:00:00.000Z')).toBe(latestPack('jp-idpa'));
  });
});

describe('no projection, service or view branches on a pack id: what differs by regime lives in its pack', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const outside = files(SRC).filter((f) => !relative(SRC, f).startsWith('domain/jurisdictions/') && !relative(SRC, f).startsWith('demo/') && !relative(SRC, f).startsWith('domain/acts/'));

  it('scans the projections and the application', () => {
    expect(outside.filter((f) => f.includes('/projections/')).length).toBeGreaterThan(4);
  });

  it('names no pack id', () => {
    const ids = new RegExp(`'(${PACKS.join('|')})'`);
    expect(outside.filter((f) => ids.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f))).toEqual([]);
  });
});
