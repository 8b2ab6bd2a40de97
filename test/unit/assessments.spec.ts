import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/domain/acts/envelope.js';
import { CaseHistory } from '../../src/domain/jurisdictions/case-history.js';
import { latestPack } from '../../src/domain/jurisdictions/registry.js';
import { timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

/**
 * Notice assessment element by element, as JURISDICTIONS.md §0.2 and the README list them: China
 * evidence and identity (name and contact; RNDI also the address), RNDI the title and address of the
 * work; Japan the location, the right and the reasons.
 */
const T0 = '2026-03-02T02:00:00.000Z';
const COMMIT = `sha256:${'cd'.repeat(32)}`;
const HASH = 'ab'.repeat(32);
const full = { works: ['Photograph No. 7'], items: [{ locator: 'https://x.example/1' }], claimant: { name: 'Brand Co', contact: COMMIT, address: COMMIT }, evidence: [HASH], explanation: 'Posted without permission.' };

function assess(pack: string, data: Record<string, unknown>, later: Act[] = []) {
  const notice = act('notice.submitted', 'holder', { provider: 'p', pack, ...data }, 'c');
  return latestPack(pack as 'cn-civil')!.assess(new CaseHistory('c', timeline([T0, notice], ...later.map((a) => [T0, a] as [string, Act])), '2026-03-03T00:00:00.000Z'));
}
const without = (...keys: string[]) => Object.fromEntries(Object.entries(full).filter(([k]) => !keys.includes(k)));

describe('China: a notice lacking materials is deficient and curable, never ignored', () => {
  it.each([
    ['cn-civil', full, 'valid', []],
    ['cn-civil', without('evidence'), 'deficient_curable', ['evidence']],
    ['cn-civil', { ...full, evidence: [] }, 'deficient_curable', ['evidence']],
    ['cn-civil', { ...full, claimant: { name: 'Brand Co' } }, 'deficient_curable', ['identity']],
    ['cn-civil', { ...full, claimant: { contact: COMMIT } }, 'deficient_curable', ['identity']],
    ['cn-civil', without('claimant'), 'deficient_curable', ['identity']],
    ['cn-civil', { ...full, claimant: { name: 'Brand Co', contact: COMMIT } }, 'valid', []],
    ['cn-ecom', without('evidence', 'claimant'), 'deficient_curable', ['evidence', 'identity']],
    ['cn-ecom', without('works', 'items'), 'valid', []],
    ['cn-rndi', full, 'valid', []],
    ['cn-rndi', { ...full, claimant: { name: 'Brand Co', contact: COMMIT } }, 'deficient_curable', ['identity']],
    ['cn-rndi', without('works'), 'deficient_curable', ['title_and_address']],
    ['cn-rndi', without('items'), 'deficient_curable', ['title_and_address']],
    ['cn-rndi', {}, 'deficient_curable', ['identity', 'title_and_address', 'evidence']],
  ] as const)('%s with %j: %s, missing %j', (pack, data, status, missing) => {
    expect(assess(pack, data)).toMatchObject({ status, missing });
  });
});

describe('Japan: without location, right and reasons the request is incomplete', () => {
  it.each([
    [full, 'valid', []],
    [without('items'), 'incomplete', ['location']],
    [without('works'), 'incomplete', ['right']],
    [{ ...full, explanation: '   ' }, 'incomplete', ['reasons']],
    [{}, 'incomplete', ['location', 'right', 'reasons']],
  ] as const)('%j: %s, missing %j', (data, status, missing) => {
    expect(assess('jp-plla', data)).toMatchObject({ status, missing });
  });
});

describe('manifestly unfounded, whatever the pack, keeps the list of what is missing', () => {
  it.each(['cn-civil', 'cn-rndi', 'jp-plla', 'jp-idpa', 'eu-dsa', 'us-dmca'])('%s: rejected as manifestly unfounded', (pack) => {
    const rejected = act('notice.rejected', 'p', { reason: 'manifestly_unfounded' }, 'c');
    expect(assess(pack, full, [rejected]).status).toBe('manifestly_unfounded');
    const found = act('finding.recorded', 'court', { outcome: 'manifestly_unfounded', reference: 'r' }, 'c');
    expect(assess(pack, full, [found]).status).toBe('manifestly_unfounded');
    const other = act('notice.rejected', 'p', { reason: 'other' }, 'c');
    expect(assess(pack, full, [other]).status).not.toBe('manifestly_unfounded');
  });
});
