import { BUNDLE_FORMAT_V2, type CaseBundle } from '../audit/bundle.js';
import type { Dossier } from '../audit/dossier.js';
import type { VerificationFailure } from '../audit/verification-error.js';
import type { ActData } from '../domain/acts/envelope.js';
import { caseOutcomes, prepareCase } from '../domain/projections/case-judgement.js';
import { partiesJudgementReads } from '../domain/projections/judge-streams.js';
import { providerCompliance, type JudgedCase, type ProviderCompliance } from '../domain/projections/provider-compliance.js';
import { policyOf, strikeBasis, usersByPack, type StrikeFacts, type UserRecord } from '../domain/projections/repeat-infringement.js';
import { packAsOf } from '../domain/jurisdictions/registry.js';
import { packVersion } from '../domain/jurisdictions/rule-pack.js';
import { partyAsOf } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import { recordedActsOf, rejudgeBundle, type Rejudgement } from './rejudge.js';

export interface DossierRejudgement {
  provider: string;
  asOf: string;
  /** Each case re-judged, with the ledger's claim compared when at its own time. */
  cases: Omit<Rejudgement, 'caseActs' | 'provider'>[];
  failures: VerificationFailure[];
  /** The provider's standing per pack, computed offline from the dossier's cases and streams alone. */
  compliance: ProviderCompliance;
  /** Its users with strikes, per pack, as the repeat-infringer report shows them. */
  repeatInfringers: { provider: string; asOf: string; packs: { pack: string; policy: unknown; users: UserRecord[] }[] };
}

import { effectiveTime } from '../domain/case/history-act.js';
/**
 * Re-judges every case of a verified dossier and the provider's safe-harbor standing per pack (the
 * obligations, items, repeat infringers and prerequisites), from the dossier's entries alone, as of
 * `asOf` (default: the time of the ledger's judgements, which are then compared).
 */
export function rejudgeDossier(dossier: Dossier, asOf?: string): DossierRejudgement {
  const at = asOf ?? dossier.cases[0]?.judgement.asOf ?? new Date(0).toISOString();
  const streams = new Map(dossier.parties.map((p) => [p.streamHead.stream.slice('party-'.length), recordedActsOf(p.entries)]));
  const partyActs = (id: string) => streams.get(id) ?? [];
  const provider = partyAsOf(dossier.provider, partyActs(dossier.provider), at);
  const cases: DossierRejudgement['cases'] = [];
  const judged: JudgedCase[] = [];
  const strikes: StrikeFacts[] = [];
  for (const c of dossier.cases) {
    const bundle: CaseBundle = { format: BUNDLE_FORMAT_V2, checkpoint: dossier.checkpoint, keys: [], entries: c.entries, streamHead: c.streamHead, disclosed: [], parties: dossier.parties, judgement: c.judgement };
    const { caseActs, provider: _provider, ...rejudged } = rejudgeBundle(bundle, at);
    cases.push(rejudged);
    const facts = caseFacts(rejudged.caseId, caseActs, partyActs, at, provider, c.judgement.deploymentSlas);
    if (facts) {
      judged.push(facts.judged);
      strikes.push(facts.strike);
    }
  }
  const failures = cases.flatMap((c) => c.failures.map((f) => ({ ...f, message: `case ${c.caseId}: ${f.message}` })));
  const users = usersByPack(provider, strikes, at);
  const packs = Object.entries(users).map(([id, list]) => {
    const pack = packAsOf(id, at)!;
    return { pack: packVersion(pack), policy: policyOf(provider, pack).policy, users: list! };
  });
  return { provider: dossier.provider, asOf: at, cases, failures, compliance: providerCompliance(provider, judged, users, at), repeatInfringers: { provider: dossier.provider, asOf: at, packs } };
}

/** What the provider's report needs of one case: its outcomes, its items, its strike. */
function caseFacts(caseId: string, caseActs: RecordedAct[], partyActs: (id: string) => readonly RecordedAct[], asOf: string, provider: ReturnType<typeof partyAsOf>, deploymentSlas: Record<string, number>) {
  const recorded = caseActs.filter((r) => effectiveTime(r) <= asOf);
  const { notifier } = partiesJudgementReads(recorded);
  const notifierState = notifier ? partyAsOf(notifier, partyActs(notifier), asOf) : undefined;
  const prepared = prepareCase({ caseId, recorded, asOf, provider, notifier: notifierState?.registered ? notifierState : undefined, deploymentSlas });
  if (!prepared) return undefined;
  const notice = prepared.history.notice!.data as ActData<'notice.submitted'>;
  const items = (notice.items ?? []).map((i) => i.locator);
  return {
    judged: { id: caseId, items: () => items, judgement: caseOutcomes(prepared, asOf) },
    strike: { id: caseId, pack: prepared.pack.id, user: prepared.history.user ?? null, basis: strikeBasis(prepared.history, prepared.pack, prepared.judgement.assessment.status) },
  };
}
