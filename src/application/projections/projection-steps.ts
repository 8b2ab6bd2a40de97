import { notifierOfNotice } from '../../domain/case/state.js';
import { evolveParty, initialPartyState, type PartyState, type Sanction } from '../../domain/party/state.js';
import { projectCase, type CaseProjection } from '../../domain/projections/case-projection.js';
import type { RecordedAct } from '../../domain/recorded-act.js';
import type { ProjectedParty } from '../ports/projection-store.js';
import { effectiveAct } from '../../domain/case/history-act.js';

/** Only these sanctions are read by rule packs (EU Art 23(2): a suspended notifier's notices). */
export const JUDGED_SANCTIONS: Sanction['type'][] = ['notifier.suspended'];

/** A registered party as rule packs read it: its state with the sanctions they consult; undefined when not registered. */
export function asJudged(projected: ProjectedParty | undefined, judgedSanctions: () => Sanction[]): PartyState | undefined {
  if (!projected?.state.registered) return undefined;
  const sanctions = judgedSanctions();
  return sanctions.length ? { ...projected.state, sanctions } : projected.state;
}

export const unknownParty = (id: string): ProjectedParty => ({ state: initialPartyState(id), judgedFrom: '', lastAt: '' });

/**
 * One party act applied to its projection: the new projection, the sanction the act records (kept
 * apart from the state), and whether what rule packs read of the party changed (its cases must then
 * be judged again).
 */
export function stepParty(before: ProjectedParty, recorded: RecordedAct): { party: ProjectedParty; sanction?: Sanction; changed: boolean } {
  let state = evolveParty(before.state, recorded);
  const [sanction] = state.sanctions;
  if (sanction) state = { ...state, sanctions: [] };
  const changed = judgedFingerprint(state) !== judgedFingerprint(before.state);
  return { party: { state, judgedFrom: changed ? recorded.recordedAt : before.judgedFrom, lastAt: recorded.recordedAt }, sanction, changed };
}

/** What rule packs read of a party: everything but its keys, sanctions (read apart) and revision. */
function judgedFingerprint(state: PartyState): string {
  const { keys: _keys, sanctions: _sanctions, revision: _revision, ...judged } = state;
  return JSON.stringify(judged);
}

/** A case's projection from its acts, its provider and notifier as packs read them (undefined: not registered). */
export function projectWith(caseId: string, recorded: readonly RecordedAct[], judgedParty: (id: string) => PartyState | undefined, deploymentSlas: Record<string, number>): CaseProjection | undefined {
  const first = recorded[0] && effectiveAct(recorded[0]);
  if (!first) return undefined;
  const providerId = (first.act.data as { provider?: string }).provider;
  const provider = providerId ? judgedParty(providerId) : undefined;
  const notifierId = notifierOfNotice(first.act);
  return projectCase({
    caseId,
    recorded,
    provider: provider ?? initialPartyState(providerId ?? ''),
    notifier: notifierId ? judgedParty(notifierId) : undefined,
    deploymentSlas,
  });
}
