import { describe, expect, it } from 'vitest';
import type { Pack } from '../../src/domain/acts/primitives.js';
import { CaseHistory } from '../../src/domain/jurisdictions/case-history.js';
import { PACK_REGISTRY } from '../../src/domain/jurisdictions/registry.js';
import { packVersion } from '../../src/domain/jurisdictions/rule-pack.js';
import { initialPartyState } from '../../src/domain/party/state.js';
import { timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';

/** A verdict names the version that made it: bundles, dossiers and the projections key on it. */
describe('rule packs label their judgements with their own version', () => {
  const packs = PACK_REGISTRY.map((e) => e.pack);

  it.each(packs.map((p, i) => [packVersion(p), p.id, i]))('%s', (version, id, i) => {
    const notice = act('notice.submitted', 'holder', { provider: 'host', pack: id, items: [{ locator: 'https://x.example/1' }] }, 'c-1');
    const history = new CaseHistory('c-1', timeline(['2026-03-02T15:00:00.000Z', notice]), '2026-03-03T00:00:00.000Z');
    const provider = { ...initialPartyState('host'), registered: true, roles: ['provider' as const], packs: [id as Pack] };
    const judgement = packs[i as number].judge(history, { asOf: '2026-03-03T00:00:00.000Z', noticeAt: '2026-03-02T15:00:00.000Z', provider, slaDays: (_k, d) => d });
    expect(judgement.pack).toBe(version);
  });

  it('covers all seven packs, three of them with an earlier law', () => {
    expect(new Set(packs.map((p) => p.id)).size).toBe(7);
    expect(packs.length).toBe(10);
  });
});
