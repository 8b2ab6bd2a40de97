import type { ActData } from '../acts/envelope.js';
import { CaseHistory } from '../jurisdictions/case-history.js';
import { LEDGER_MISUSE_DEFAULT } from '../jurisdictions/provider-standing.js';
import { packAsOf, packForCase } from '../jurisdictions/registry.js';
import { sanctionsAgainst, type PartyState } from '../party/state.js';
import type { RecordedAct } from '../recorded-act.js';
import type { ObligationSpec } from '../jurisdictions/obligation.js';
import type { Citation, MisusePolicy, RulePack } from '../jurisdictions/rule-pack.js';
import { prepareCase } from './case-judgement.js';

/** Notifier conduct (JURISDICTIONS.md §0.4, §7): the output contract. */
export interface ConductCounts {
  notices: number;
  valid: number;
  deficient: number;
  notANotice: number;
  incomplete: number;
  rejected: number;
  manifestlyUnfounded: number;
  withdrawn: number;
  unopposedPutbacks: number;
  findings: { misrepresentation: number; erroneous: number; malicious: number };
  /** China: erroneous notices weigh 1, malicious erroneous notices 2 (E-Commerce Law Art 42 ¶3). */
  erroneousWeighted: number;
  unfoundedShare: number;
}

export const MISUSE_STATUSES = ['none', 'warning_due', 'suspension_due', 'suspended'] as const;

export interface MisuseStanding {
  provider: string;
  /** In the policy's window: manifestly unfounded notices and their share. */
  windowDays: number;
  unfoundedInWindow: number;
  shareInWindow: number;
  /** The provider's policy, or the default of its first declared pack with that default's source. */
  policy: MisusePolicy & { adopted: boolean } & Partial<Citation>;
  status: (typeof MISUSE_STATUSES)[number];
}

/**
 * A notifier's conduct. The counts and the misuse standing cover only the notices the notifier signed
 * itself: a provider's `notice.received` names a notifier on the provider's word alone, so those
 * notices are counted apart, under `attributed`, and never weigh on the notifier's standing.
 */
export interface NotifierConduct extends ConductCounts {
  notifier: string;
  asOf: string;
  misuse: MisuseStanding[];
  attributed: ConductCounts & { misuse: MisuseStanding[] };
}

export interface NotifierCase {
  id: string;
  recorded: readonly RecordedAct[];
}

/** One notice as notifier conduct counts it: derived from its case alone, so it can be stored. */
export interface Classified {
  provider: string;
  /** Signed by the notifier itself (notice.submitted), not attributed to it by a provider (notice.received). */
  signed: boolean;
  noticeAt: string;
  assessment?: string;
  rejected: boolean;
  unfounded: boolean;
  /** How much the notice counts against the notifier: 2 for a malicious erroneous notice, 1 for any other unfounded one. */
  weight: number;
  withdrawn: boolean;
  unopposedPutback: boolean;
  findings: string[];
}

/**
 * Whether a counter-notice restoration counts against the notifier: only where the pack has a
 * statutory wait for the notifier to sue (its restoration duty), and only once that window opened —
 * an early restoration is the provider's act, not the notifier's inaction. `obligations`: the case's
 * duties as its pack derived them.
 */
export function restorationCounts(pack: RulePack | undefined, obligations: readonly Pick<ObligationSpec, 'key' | 'window' | 'metAt'>[]): boolean {
  const duty = pack?.restorationDuty && obligations.find((o) => o.key === pack.restorationDuty);
  if (!duty || !duty.metAt) return false;
  return !duty.window?.from || duty.metAt >= duty.window.from;
}

/** `restoredInWindow`: restorationCounts() of the case's judgement (false when the case was not judged). */
export function classifyNotice(c: NotifierCase, asOf: string, restoredInWindow = false): Classified | undefined {
  const history = new CaseHistory(c.id, c.recorded, asOf);
  const notice = history.notice;
  if (!notice) return undefined;
  const pack = packForCase((notice.data as ActData<'notice.submitted'>).pack, notice.recordedAt)?.pack;
  const assessment = pack?.assess(history).status;
  const findings = history.all('finding.recorded').map((f) => f.data.outcome);
  const lifted = history.first('measure.lifted', undefined, (l) => l.data.reason === 'counter_notice');
  const unfounded = assessment === 'manifestly_unfounded' || findings.some((f) => ['manifestly_unfounded', 'misrepresentation', 'erroneous_notice', 'malicious_erroneous_notice'].includes(f));
  return {
    provider: notice.data.provider,
    signed: notice.type === 'notice.submitted',
    noticeAt: notice.recordedAt,
    assessment,
    rejected: history.all('notice.rejected').length > 0,
    unfounded,
    weight: findings.includes('malicious_erroneous_notice') ? 2 : unfounded ? 1 : 0,
    withdrawn: history.all('notice.withdrawn').length > 0,
    unopposedPutback: !!lifted && !history.first('action.filed') && restoredInWindow,
    findings,
  };
}

/** A notice classified with its case judged under its pack (for whether a restoration counts), its provider as given. */
export function classifyJudged(c: NotifierCase, asOf: string, provider: (id: string) => PartyState): Classified | undefined {
  const notice = new CaseHistory(c.id, c.recorded, asOf).notice;
  if (!notice) return undefined;
  const prepared = prepareCase({ caseId: c.id, recorded: c.recorded, asOf, provider: provider((notice.data as ActData<'notice.submitted'>).provider) });
  return classifyNotice(c, asOf, !!prepared && restorationCounts(prepared.pack, prepared.judgement.obligations));
}

/** Counts a notifier's notices by assessment and outcome, and its misuse standing with each provider; signed and attributed notices apart. */
export function notifierConduct(notifier: string, cases: readonly NotifierCase[], providers: (id: string) => PartyState, asOf: string): NotifierConduct {
  return conductOf(notifier, cases.map((c) => classifyJudged(c, asOf, providers)).filter((c): c is Classified => !!c), providers, asOf);
}

/** The same from notices already classified (the projection store keeps them). */
export function conductOf(notifier: string, classified: readonly Classified[], providers: (id: string) => PartyState, asOf: string): NotifierConduct {
  const signed = classified.filter((c) => c.signed);
  const attributed = classified.filter((c) => !c.signed);
  const misuse = (list: readonly Classified[]) => [...groupByProvider(list)].map(([providerId, notices]) => standing(notifier, providers(providerId), notices, asOf));
  return { notifier, asOf, ...countsOf(signed), misuse: misuse(signed), attributed: { ...countsOf(attributed), misuse: misuse(attributed) } };
}

function countsOf(classified: readonly Classified[]): ConductCounts {
  const count = (f: (c: Classified) => boolean) => classified.filter(f).length;
  const findings = (outcome: string) => classified.reduce((n, c) => n + c.findings.filter((f) => f === outcome).length, 0);
  const notices = classified.length;
  const manifestlyUnfounded = count((c) => c.unfounded);
  return {
    notices,
    valid: count((c) => c.assessment === 'valid'),
    deficient: count((c) => c.assessment === 'deficient_curable'),
    notANotice: count((c) => c.assessment === 'not_a_notice'),
    incomplete: count((c) => c.assessment === 'incomplete'),
    rejected: count((c) => c.rejected),
    manifestlyUnfounded,
    withdrawn: count((c) => c.withdrawn),
    unopposedPutbacks: count((c) => c.unopposedPutback),
    findings: { misrepresentation: findings('misrepresentation'), erroneous: findings('erroneous_notice'), malicious: findings('malicious_erroneous_notice') },
    erroneousWeighted: findings('erroneous_notice') + 2 * findings('malicious_erroneous_notice'),
    unfoundedShare: notices ? round(manifestlyUnfounded / notices) : 0,
  };
}

/** Notices by provider in one pass (no copying of lists as they grow). */
function groupByProvider(list: readonly Classified[]): Map<string, Classified[]> {
  const byProvider = new Map<string, Classified[]>();
  for (const c of list) {
    const notices = byProvider.get(c.provider);
    if (notices) notices.push(c);
    else byProvider.set(c.provider, [c]);
  }
  return byProvider;
}

/** Art 23(2)-style misuse standing with one provider: warning, then suspension, by the policy's thresholds. */
function standing(notifier: string, provider: PartyState, list: readonly Classified[], asOf: string): MisuseStanding {
  const adopted = provider.policy?.misuse;
  const policy = adopted ? { ...adopted, adopted: true } : { ...misuseDefaultOf(provider, asOf), adopted: false };
  const since = new Date(Date.parse(asOf) - policy.windowDays * 86_400_000).toISOString();
  const inWindow = list.filter((c) => c.noticeAt >= since);
  // Weighted: a malicious erroneous notice counts twice toward the threshold.
  const unfoundedInWindow = inWindow.reduce((sum, c) => sum + c.weight, 0);
  const shareInWindow = inWindow.length ? round(inWindow.filter((c) => c.unfounded).length / inWindow.length) : 0;
  const sanctions = sanctionsAgainst(provider, notifier).filter((s) => s.recordedAt <= asOf);
  const suspended = sanctions.some((s) => s.type === 'notifier.suspended' && (!s.until || asOf < s.until));
  const over = unfoundedInWindow >= policy.unfounded && shareInWindow >= policy.share;
  const warned = sanctions.some((s) => s.type === 'notifier.warned' && s.recordedAt >= since);
  const status = suspended ? 'suspended' : !over ? 'none' : warned ? 'suspension_due' : 'warning_due';
  return { provider: provider.id, windowDays: policy.windowDays, unfoundedInWindow, shareInWindow, policy, status };
}

/** The misuse thresholds of the provider's first declared pack (every pack has one), else the ledger's. */
function misuseDefaultOf(provider: PartyState, asOf: string): MisusePolicy & Partial<Citation> {
  const declared = provider.packs.map((id) => packAsOf(id, asOf)).find((pack) => !!pack);
  return declared?.misuseDefault ?? LEDGER_MISUSE_DEFAULT;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
