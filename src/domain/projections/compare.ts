import type { Pack } from '../acts/primitives.js';
import type { ServiceClass } from '../jurisdictions/service-class.js';
import { effectiveAct } from '../case/history-act.js';
import type { RecordedAct } from '../recorded-act.js';
import { evaluateCase, prepareCase, type CaseJudgementView, type JudgementInputs } from './case-judgement.js';

/** One regime's verdict on the case's facts, with how it classes the provider's service. */
export interface RegimeVerdict extends CaseJudgementView {
  /** Whether this is the pack the case was opened under (else the same facts, judged as if it named this one). */
  own: boolean;
  service: ServiceClass;
}

export interface Comparison {
  case: string;
  asOf: string;
  /** The pack the case was opened under. */
  pack: string;
  regimes: RegimeVerdict[];
  /** Each regime's protection of the item, and whether they all agree. */
  protection: Record<string, CaseJudgementView['protection']['status']>;
  agree: boolean;
}

/**
 * The same facts judged under each pack (the thesis's comparison, done by the rules): the opening act
 * is read as if it named that pack, the provider as if it had declared it, and each regime classes
 * the provider's kind its own way (service-class.ts). The law applied is each pack's version in
 * force when the case opened.
 */
export function compareRegimes(inputs: JudgementInputs, packs: readonly Pack[]): Comparison | undefined {
  const opening = inputs.recorded[0] && effectiveAct(inputs.recorded[0]);
  const own = (opening?.act.data as { pack?: Pack } | undefined)?.pack;
  if (!opening || !own) return undefined;
  const regimes: RegimeVerdict[] = [];
  for (const id of packs) {
    const recorded: RecordedAct[] = [{ ...opening, act: { ...opening.act, data: { ...opening.act.data, pack: id } } as RecordedAct['act'] }, ...inputs.recorded.slice(1)];
    const provider = inputs.provider.packs.includes(id) ? inputs.provider : { ...inputs.provider, packs: [...inputs.provider.packs, id] };
    const prepared = prepareCase({ ...inputs, recorded, provider });
    if (!prepared) continue;
    regimes.push({ ...evaluateCase(prepared, inputs.asOf), own: id === own, service: prepared.pack.serviceOf(inputs.provider.providerKind) });
  }
  const protection = Object.fromEntries(regimes.map((r) => [r.pack, r.protection.status]));
  return { case: inputs.caseId, asOf: inputs.asOf, pack: own, regimes, protection, agree: new Set(Object.values(protection)).size <= 1 };
}
