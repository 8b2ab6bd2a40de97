import { evolveCase, initialCaseState } from '../case/state.js';
import { partyAsOf } from '../party/state.js';
import { effectiveTime } from '../case/history-act.js';
import type { RecordedAct } from '../recorded-act.js';
import { judgeCase, type CaseJudgementView } from './case-judgement.js';

export interface StreamsToJudge {
  caseId: string;
  /** The case's stream, in order (acts after `asOf` are left out here). */
  caseActs: readonly RecordedAct[];
  /** A party's stream, in order (empty for a party not at hand). */
  partyActs: (partyId: string) => readonly RecordedAct[];
  asOf: string;
  deploymentSlas?: Record<string, number>;
}

/** The parties a case's judgement reads: its provider and its notifier (undefined before a notice names them). */
export function partiesJudgementReads(caseActs: readonly RecordedAct[]): { provider?: string; notifier?: string } {
  const state = caseActs.reduce(evolveCase, initialCaseState(''));
  return { provider: state.provider, notifier: state.notifier };
}

/**
 * A case judged from its own stream and the streams of the parties it reads, as of a time: what the
 * ledger serves and what anyone can recompute offline from a bundle.
 */
export function judgeFromStreams({ caseId, caseActs, partyActs, asOf, deploymentSlas }: StreamsToJudge): CaseJudgementView | undefined {
  const recorded = caseActs.filter((r) => effectiveTime(r) <= asOf);
  const { provider, notifier } = partiesJudgementReads(recorded);
  if (!provider) return undefined;
  const notifierState = notifier ? partyAsOf(notifier, partyActs(notifier), asOf) : undefined;
  return judgeCase({ caseId, recorded, asOf, provider: partyAsOf(provider, partyActs(provider), asOf), notifier: notifierState?.registered ? notifierState : undefined, deploymentSlas });
}
