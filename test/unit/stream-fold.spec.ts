import { describe, expect, it } from 'vitest';
import { evolveCase, initialCaseState } from '../../src/domain/case/state.js';
import { evolveParty, initialPartyState } from '../../src/domain/party/state.js';
import { foldStream } from '../../src/application/stream-cache.js';
import { timeline } from '../support/case-timeline.js';
import { act } from '../support/decider-spec.js';
import { fullUsNotice } from '../support/parties.js';

/**
 * The writer folds a stream it does not hold in one pass; a party's sanctions are gathered apart
 * rather than copied at every act (a provider with thousands of sanctions made its first act after
 * a restart wait on a quadratic fold). The state must be the one the act-by-act fold gives.
 */
describe('a stream folded in one pass by the writer', () => {
  const day = (n: number) => new Date(Date.UTC(2026, 2, 1) + n * 3_600_000).toISOString();
  const sanctionTypes = ['user.warned', 'user.suspended', 'user.terminated', 'notifier.warned', 'notifier.suspended'] as const;
  const providerActs = timeline(
    [day(0), act('party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], publicKey: `${'A'.repeat(43)}=` })],
    [day(1), act('provider.policy_adopted', 'host', { strikes: 3, windowDays: 180, action: 'terminate', actionWithinDays: 5, countDisputed: false })],
    ...Array.from({ length: 300 }, (_, i): [string, ReturnType<typeof act>] => {
      const type = sanctionTypes[i % sanctionTypes.length];
      return [day(2 + i), act(type, 'host', type.startsWith('user') ? { user: `u-${i % 17}`, reason: 'r', cases: [`k-${i}`] } : { notifier: `n-${i % 5}`, reason: 'r' })];
    }),
    [day(400), act('party.key_rotated', 'host', { publicKey: `${'B'.repeat(43)}=` })],
  );

  it('gives a provider with 300 sanctions the state, revision and last leaf of the act-by-act fold', () => {
    const leaves = providerActs.map((r, i) => ({ ...r, leaf: i.toString(16).padStart(64, '0') }));
    const expected = leaves.reduce((state, r) => evolveParty(state, r), initialPartyState('host'));
    const folded = foldStream('party-host', leaves);
    expect(folded).toEqual({ stream: 'party-host', revision: leaves.length - 1, lastLeaf: leaves[leaves.length - 1].leaf, current: { kind: 'party', state: expected } });
    expect(expected.sanctions).toHaveLength(300);
    expect(expected.sanctions.map((s) => s.seq)).toEqual(leaves.slice(2, 302).map((r) => r.seq));
  });

  it('gives a case the state of the act-by-act fold', () => {
    const caseActs = timeline([day(0), act('notice.submitted', 'rh', fullUsNotice('host'))], [day(1), act('notice.forwarded', 'host', { to: 'u-1' })]);
    const folded = foldStream('case-k-1', caseActs);
    expect(folded.revision).toBe(1);
    expect(folded.current).toEqual({ kind: 'case', state: caseActs.reduce((state, r) => evolveCase(state, r), initialCaseState('k-1')) });
  });

  it('gives a stream with no acts the empty state of its kind at revision -1', () => {
    expect(foldStream('party-nobody', [])).toEqual({ stream: 'party-nobody', revision: -1, lastLeaf: null, current: { kind: 'party', state: initialPartyState('nobody') } });
    expect(foldStream('case-k-0', [])).toEqual({ stream: 'case-k-0', revision: -1, lastLeaf: null, current: { kind: 'case', state: initialCaseState('k-0') } });
  });
});
