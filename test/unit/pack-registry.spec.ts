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
    expect(registeredVersions()).toEqual(['cn-civil@2026.2', 'cn-ecom@2026.2', 'cn-rndi@2026.2', 'eu-dsa@2026.2', 'jp-idpa@2026.2', 'jp-plla@2026.2', 'us-dmca@2026.2']);
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
    // DSA Art 93(2): from 17 February 2024, Brussels time (UTC+1 in February).
    ['eu-dsa', '2024-02-16T22:59:59.999Z', false],
    ['eu-dsa', '2024-02-16T23:00:00.000Z', true],
    // IDPA from 1 April 2025, Tokyo time (UTC+9).
    ['jp-idpa', '2025-03-31T14:59:59.999Z', false],
    ['jp-idpa', '2025-03-31T15:00:00.000Z', true],
    // Civil Code from 1 January 2021, Beijing time (UTC+8).
    ['cn-civil', '2020-12-31T15:59:59.999Z', false],
    ['cn-civil', '2020-12-31T16:00:00.000Z', true],
    // The DMCA from its enactment on 28 October 1998, New York time (EST, UTC-5: daylight time ended on 25 October).
    ['us-dmca', '1998-10-28T04:59:59.999Z', false],
    ['us-dmca', '1998-10-28T05:00:00.000Z', true],
  ])('%s at %s: in force %s', (id, at, inForce) => {
    expect(!!entryInForce(id, at)).toBe(inForce);
    expect(packForCase(id, at)).toEqual({ pack: latestPack(id), inForce });
  });

  it('a notice that arrived before any version was in force is judged by the earliest and flagged', () => {
    const host = partyAt(['2023-01-01T00:00:00.000Z', act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: 'platform', packs: ['eu-dsa'], publicKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' })]);
    const notice = (at: string) => timeline([at, act('notice.submitted', 'holder', { provider: 'host', pack: 'eu-dsa', items: [{ locator: 'https://x.example/1' }] }, 'c-1')]);
    expect(judgeCase({ caseId: 'c-1', recorded: notice('2024-01-10T09:00:00.000Z'), asOf: '2024-01-11T00:00:00.000Z', provider: host })?.flags).toEqual(['LAW_NOT_IN_FORCE']);
    expect(judgeCase({ caseId: 'c-1', recorded: notice('2024-03-10T09:00:00.000Z'), asOf: '2024-03-11T00:00:00.000Z', provider: host })?.flags).toBeUndefined();
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
