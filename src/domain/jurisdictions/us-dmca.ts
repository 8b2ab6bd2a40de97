import type { ActData } from '../acts/envelope.js';
import type { PartyState } from '../party/state.js';
import { addYears, localDateOf } from './calendar.js';
import type { CaseHistory, Happened } from './case-history.js';
import { deriveDuties, dutiesOf, type DutyBase, type DutyRule } from './duty-table.js';
import { dateWindow, evaluate, openingWindow, workingDaysWindow, type Obligation, type ObligationOutcome, type ObligationSpec } from './obligation.js';
import { awarenessDuty, knowledgeOf, NO_NOTICE, type KnowledgeFacts } from './knowledge.js';
import { breachReasons, LEDGER_MISUSE_DEFAULT } from './provider-standing.js';
import { classify, type ServiceTable } from './service-class.js';
import {
  elementsOf,
  manifestlyUnfounded,
  packVersion,
  type Assessment,
  type CaseJudgement,
  type Citation,
  type DutyInfo,
  type PackContext,
  type Protection,
  type ProviderStanding,
  type ProviderStandingInput,
  type RulePack,
} from './rule-pack.js';
import { US_BUSINESS_DAYS } from './us-federal-holidays.js';

/**
 * US DMCA §512 (JURISDICTIONS.md §2, §6, §7). Figures the statute does not set ("expeditiously",
 * "promptly") are default SLAs, configurable per provider (policy `slas`) and per deployment, and
 * every such obligation says `basis: default_sla`.
 */
export const US_DEFAULTS = {
  'US.takedown': 2,
  'US.deficiencyContact': 2,
  'US.notifyUploader': 2,
  'US.forwardCounter': 2,
  /** Business days after the threshold is reached to act on a repeat infringer. */
  'US.repeatInfringerAction': 2,
  /** Business days for a §512(h) subpoena without a return date. */
  'US.subpoena': 10,
} as const;

export const US_PUTBACK = { minBusinessDays: 10, maxBusinessDays: 14 } as const;
export const US_AGENT_VALIDITY_YEARS = 3;
export const US_REPEAT_INFRINGER_DEFAULT = { strikes: 3, windowDays: 90, action: 'terminate', actionWithinDays: 2, countDisputed: false } as const;

/** §0.2 elements of a §512(c)(3)(A) notification, by clause. */
const US_ELEMENTS = {
  signature: { source: '17 U.S.C. §512(c)(3)(A)(i)', basis: 'statutory' },
  work: { source: '17 U.S.C. §512(c)(3)(A)(ii)', basis: 'statutory' },
  material: { source: '17 U.S.C. §512(c)(3)(A)(iii)', basis: 'statutory' },
  contact: { source: '17 U.S.C. §512(c)(3)(A)(iv)', basis: 'statutory' },
  good_faith: { source: '17 U.S.C. §512(c)(3)(A)(v)', basis: 'statutory' },
  accuracy_authority: { source: '17 U.S.C. §512(c)(3)(A)(vi)', basis: 'statutory' },
} as const satisfies Record<string, Citation>;
type UsElement = keyof typeof US_ELEMENTS;

export function assessUsNotice(history: CaseHistory): Assessment {
  const notice = history.notice;
  const data = notice?.data as ActData<'notice.received'> | undefined;
  const present: Record<UsElement, boolean> = {
    // A notice submitted through the ledger is signed by its envelope; a received one says whether it was.
    signature: notice?.type === 'notice.submitted' || data?.signed === true,
    work: (data?.works?.length ?? 0) > 0,
    material: (data?.items?.length ?? 0) > 0,
    contact: !!data?.claimant?.contact,
    good_faith: data?.statements?.goodFaith === true,
    accuracy_authority: data?.statements?.accuracy === true && data?.statements?.authorized === true,
  };
  const { elements, missing } = elementsOf(US_ELEMENTS, present);
  if (notice && manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing, elements };
  if (notice && missing.length === 0) return { status: 'valid', missing, elements };
  // §512(c)(3)(B)(ii): with (ii), (iii) and (iv) the provider must try to get a compliant notice.
  if (present.work && present.material && present.contact) return { status: 'deficient_curable', missing, elements };
  return { status: 'not_a_notice', missing, elements };
}

/** The last day a designation is valid: its own validUntil, or 3 years after it was made (37 CFR 201.38), whichever comes first. */
export function usAgentValidUntil(agent: { designatedOn: string; validUntil?: string }): string {
  const lapse = addYears(agent.designatedOn, US_AGENT_VALIDITY_YEARS);
  return agent.validUntil && agent.validUntil < lapse ? agent.validUntil : lapse;
}

/** The designated agent's standing on a local date: 37 CFR 201.38, renewal within 3 years. */
export function usAgentStatus(provider: PartyState, localDate: string): 'valid' | 'none' | 'expired' {
  const filed = provider.agents.filter((agent) => agent.designatedOn <= localDate);
  const latest = filed.at(-1);
  if (!latest) return 'none';
  return localDate <= usAgentValidUntil(latest) ? 'valid' : 'expired';
}

/** §512's four harbors: the service each kind of provider offers, as US courts and the statute class it. */
const US_SERVICES: ServiceTable = {
  hosting: { role: 'hosting', source: '17 U.S.C. §512(c)', basis: 'statutory' },
  platform: { role: 'hosting', source: '17 U.S.C. §512(c)', basis: 'statutory' },
  caching: { role: 'caching', source: '17 U.S.C. §512(b)', basis: 'statutory' },
  conduit: { role: 'conduit', source: '17 U.S.C. §512(a)', basis: 'statutory' },
  search: { role: 'search', source: '17 U.S.C. §512(d)', basis: 'statutory' },
  basic_network: { role: 'hosting', source: '17 U.S.C. §512(c) (storage at the direction of a user)', basis: 'default' },
  cloud: { role: 'hosting', source: '17 U.S.C. §512(c) (storage at the direction of a user)', basis: 'statutory' },
  cdn: { role: 'caching', source: '17 U.S.C. §512(b) (intermediate and temporary storage)', basis: 'statutory' },
  access: { role: 'conduit', source: '17 U.S.C. §512(a) (transmitting, routing, providing connections)', basis: 'statutory' },
  // Courts have not settled DNS: resolving names is routing, which §512(a) covers — our reading.
  dns: { role: 'conduit', source: '17 U.S.C. §512(a) (routing); our reading, courts differ', basis: 'default' },
  data_centre: { role: 'hosting', source: '17 U.S.C. §512(c); our reading for colocation', basis: 'default' },
};

/** What the US duties read of a case, worked out once. */
interface UsFacts {
  history: CaseHistory;
  context: PackContext;
  tz: string;
  assessment: Assessment;
  /** The act that opened the case (a notice, or the provider's awareness); `noticed`: it was a notice. */
  notice: Happened;
  noticed: boolean;
  knowledge: KnowledgeFacts;
  conduit: boolean;
  withdrawn?: Happened;
  measure?: Happened<'measure.taken'>;
  counter?: Happened;
  sla(key: keyof typeof US_DEFAULTS): number;
}

const CONDUIT = 'conduit: §512(a) has no notice-and-takedown duty';

/** Why a step fell away: a conduit has no such duty; a notice withdrawn before the step needs none. */
function fellAway(f: UsFacts, doneAt: string | undefined): string | undefined {
  if (f.conduit) return CONDUIT;
  if (f.withdrawn && (!doneAt || f.withdrawn.recordedAt < doneAt)) return 'withdrawn';
  return undefined;
}

/** A step due some business days (a default SLA) after its trigger, met when it was done. */
function slaStep(f: UsFacts, base: DutyBase, trigger: string, doneAt: string | undefined, notApplicable: string | undefined): ObligationSpec {
  return { ...base, window: workingDaysWindow(trigger, f.sla(base.key as keyof typeof US_DEFAULTS), f.tz, US_BUSINESS_DAYS), metAt: doneAt, notApplicable };
}

/** The US duties, one rule each (JURISDICTIONS.md §2.2-§2.4, §6). */
const US_DUTIES: readonly DutyRule<UsFacts>[] = [
  {
    key: 'US.takedown',
    basis: 'default_sla',
    source: '17 U.S.C. §512(c)(1)(C)',
    derive: (f, base) => (f.assessment.status === 'valid' ? slaStep(f, base, f.notice.recordedAt, f.measure?.recordedAt, fellAway(f, f.measure?.recordedAt)) : undefined),
  },
  {
    // §512(c)(1)(A)(ii)-(iii), §512(d)(1)(A)-(C): knowledge or red-flag awareness obliges removal without any notice.
    key: 'US.actOnAwareness',
    basis: 'default_sla',
    source: '17 U.S.C. §512(c)(1)(A)(ii)-(iii)',
    derive(f, base) {
      const { role } = classify(US_SERVICES, f.context.provider.providerKind);
      const source = role === 'search' ? '17 U.S.C. §512(d)(1)(A)-(C)' : base.source;
      const fallsAway = f.conduit ? 'conduit: §512(a) has no knowledge-based removal duty' : role === 'caching' ? 'caching: §512(b)(2)(E) acts on notices only' : undefined;
      const window = (at: string) => workingDaysWindow(at, f.sla('US.takedown'), f.tz, US_BUSINESS_DAYS);
      return awarenessDuty(f.knowledge, { ...base, source }, window, f.measure?.recordedAt, fallsAway);
    },
  },
  {
    key: 'US.deficiencyContact',
    basis: 'default_sla',
    source: '17 U.S.C. §512(c)(3)(B)(ii)',
    derive(f, base) {
      if (f.assessment.status !== 'deficient_curable') return undefined;
      const contacted = f.history.first('notice.deficiency_contacted', f.notice.recordedAt);
      return slaStep(f, base, f.notice.recordedAt, contacted?.recordedAt, fellAway(f, contacted?.recordedAt));
    },
  },
  {
    key: 'US.notifyUploader',
    basis: 'default_sla',
    source: '17 U.S.C. §512(g)(2)(A)',
    derive(f, base) {
      const measure = f.measure;
      // §512(g)(2): the steps toward the subscriber attach to removals on a notification.
      if (!measure || !f.noticed) return undefined;
      const told = measure.data.reasons ? measure : f.history.first(['notice.forwarded', 'reasons.stated'], measure.recordedAt, (a) => a.type === 'reasons.stated' || !!(a.data as ActData<'notice.forwarded'>).user);
      return slaStep(f, base, measure.recordedAt, told?.recordedAt, f.conduit ? CONDUIT : undefined);
    },
  },
  {
    key: 'US.forwardCounter',
    basis: 'default_sla',
    source: '17 U.S.C. §512(g)(2)(B)',
    derive(f, base) {
      if (!f.counter || !f.noticed) return undefined;
      const forwarded = f.history.first('counter_notice.forwarded', f.counter.recordedAt);
      return slaStep(f, base, f.counter.recordedAt, forwarded?.recordedAt, fellAway(f, forwarded?.recordedAt));
    },
  },
  {
    key: 'US.putback',
    basis: 'statutory',
    source: '17 U.S.C. §512(g)(2)(C)',
    derive(f, base) {
      if (!f.counter || !f.noticed) return undefined;
      const restored = f.history.first('measure.lifted', f.counter.recordedAt);
      const action = f.history.first('action.filed');
      const litigation = action && (!restored || action.recordedAt < restored.recordedAt) ? 'litigation_pending' : undefined;
      return {
        ...base,
        window: openingWindow(f.counter.recordedAt, US_PUTBACK.minBusinessDays, US_PUTBACK.maxBusinessDays, f.tz, US_BUSINESS_DAYS),
        metAt: restored?.recordedAt,
        notApplicable: litigation ?? fellAway(f, restored?.recordedAt),
      };
    },
  },
  {
    key: 'US.subpoena',
    basis: 'default_sla',
    source: '17 U.S.C. §512(h)(5)',
    derive: (f, base) =>
      f.history.all('disclosure.requested', (r) => r.data.route === 'us_512h_subpoena').map((request) => {
        const returnDate = request.data.returnDate;
        return {
          ...base,
          window: returnDate ? dateWindow(returnDate, f.tz) : workingDaysWindow(request.recordedAt, f.sla('US.subpoena'), f.tz, US_BUSINESS_DAYS),
          metAt: f.history.first('disclosure.granted', request.recordedAt)?.recordedAt,
          // §512(h)(2)(A): a subpoena rests on a copy of a notification described in §512(c)(3)(A).
          notApplicable: f.conduit
            ? 'conduit: no §512(h) subpoena against a §512(a) provider (RIAA v. Verizon)'
            : f.assessment.status !== 'valid'
              ? `notice_not_compliant: a §512(h) subpoena needs a notice complying with §512(c)(3)(A) (this one is ${f.assessment.status})`
              : undefined,
          note: returnDate ? `return date ${returnDate}` : 'no return date: default SLA',
        };
      }),
  },
];

/** §512(i)(1)(A): acting on repeat infringers is a duty of the provider as a whole, due by its policy's deadline. */
const REPEAT_INFRINGER_ACTION: DutyInfo = { key: 'US.repeatInfringerAction', basis: 'default_sla', source: '17 U.S.C. §512(i)(1)(A)' };

function repeatInfringerActions(provider: PartyState, users: ProviderStandingInput['users'], asOf: string, tz: string): Obligation[] {
  return users
    .filter((u) => u.thresholdReachedAt)
    .map((u) =>
      evaluate(
        {
          ...REPEAT_INFRINGER_ACTION,
          party: provider.id,
          timeZone: tz,
          window: { by: u.actionDueBy!, byLocalDate: localDateOf(u.actionDueBy!, tz), timeZone: tz },
          metAt: u.actionTakenAt ?? undefined,
          note: `user ${u.user}: ${u.activeStrikes} active strike(s), threshold ${u.threshold}`,
        },
        asOf,
      ),
    );
}

export const usDmca: RulePack = {
  id: 'us-dmca',
  // 2026.2: observed federal holidays date-holidays files as `bank` substitutes count (5 U.S.C. 6103(b)).
  version: '2026.2',
  timeZone: (provider) => provider.timeZone ?? 'America/New_York',
  assess: assessUsNotice,
  duties: [...dutiesOf(US_DUTIES), REPEAT_INFRINGER_ACTION],
  repeatInfringerDefault: { ...US_REPEAT_INFRINGER_DEFAULT, actionInWorkingDays: true },
  workingDays: () => US_BUSINESS_DAYS,
  // §512(f) leaves misrepresentation to the courts: the thresholds for warning a notifier are ours.
  misuseDefault: { ...LEDGER_MISUSE_DEFAULT, source: '17 U.S.C. §512(f) (courts only); thresholds of this ledger', basis: 'default' },
  restorationDuty: 'US.putback',
  serviceOf: (kind) => classify(US_SERVICES, kind),
  noGeneralMonitoring: { source: '17 U.S.C. §512(m)(1)', basis: 'statutory' },
  jurisdiction: 'US',
  reasonSources: {
    NO_DESIGNATED_AGENT: { source: '17 U.S.C. §512(c)(2); 37 CFR 201.38', basis: 'statutory' },
    AGENT_DESIGNATION_EXPIRED: { source: '37 CFR 201.38 (renewal within three years)', basis: 'statutory' },
    NO_REPEAT_INFRINGER_POLICY: { source: '17 U.S.C. §512(i)(1)(A)', basis: 'statutory' },
    // A policy on paper that is not applied fails §512(i) (BMG v. Cox, 4th Cir. 2018).
    REPEAT_INFRINGER_NOT_ACTIONED: { source: '17 U.S.C. §512(i)(1)(A); BMG Rights Mgmt. v. Cox, 881 F.3d 293 (4th Cir. 2018)', basis: 'case_law' },
  },

  judge(history: CaseHistory, context: PackContext): CaseJudgement {
    const tz = this.timeZone(context.provider);
    const notice = history.opening!;
    const facts: UsFacts = {
      history,
      context,
      tz,
      assessment: history.notice ? assessUsNotice(history) : NO_NOTICE,
      notice,
      noticed: !!history.notice,
      knowledge: knowledgeOf(history, this.noGeneralMonitoring),
      conduit: classify(US_SERVICES, context.provider.providerKind).role === 'conduit',
      withdrawn: history.first('notice.withdrawn'),
      measure: history.first('measure.taken', notice.recordedAt, (m) => m.data.measure !== 'forward_only'),
      counter: history.first('counter_notice.submitted'),
      sla: (key) => context.slaDays(key, US_DEFAULTS[key]),
    };
    const agent = facts.conduit ? 'valid' : usAgentStatus(context.provider, localDateOf(notice.recordedAt, tz));
    const lackingPrerequisites = agent === 'valid' ? [] : [agent === 'none' ? 'NO_DESIGNATED_AGENT' : 'AGENT_DESIGNATION_EXPIRED'];
    const { knowledge, setAside } = facts.knowledge;
    return { pack: packVersion(this), assessment: facts.assessment, obligations: deriveDuties(US_DUTIES, facts, context.provider.id, tz), lackingPrerequisites, knowledge, setAside };
  },

  protection(obligations: readonly ObligationOutcome[], judgement: CaseJudgement): Protection {
    // Without a valid designated agent when the notice arrived there is no §512(c) harbor for the item.
    const reasons: Protection['reasons'] = (judgement.lackingPrerequisites ?? []).map((code) => ({ code }));
    let lost = reasons.length > 0;
    let atRisk = false;
    for (const o of obligations) {
      if (o.status === 'missed' || o.status === 'late') {
        reasons.push({ code: o.status === 'missed' ? 'OBLIGATION_MISSED' : 'OBLIGATION_LATE', obligation: o.key });
        // Failing to act on a valid notice forfeits the harbor for the item; the other steps put it at risk.
        if ((o.key === 'US.takedown' || o.key === 'US.actOnAwareness') && o.status === 'missed') lost = true;
        else atRisk = true;
      }
      if (o.status === 'early') {
        // Restoring before business day 10 loses the §512(g)(4) shield toward the rights holder.
        reasons.push({ code: 'OBLIGATION_EARLY', obligation: o.key });
        lost = true;
      }
    }
    return { status: lost ? 'lost_for_item' : atRisk ? 'at_risk' : 'eligible', reasons };
  },

  /** §512(c)(2) designated agent (not for conduits, §512(a)), §512(i) policy adopted and applied. */
  providerStanding({ provider, users, asOf, policyAdopted }: ProviderStandingInput): ProviderStanding {
    const tz = this.timeZone(provider);
    const prerequisites: Record<string, unknown> = {};
    const reasons: ProviderStanding['reasons'] = [];
    if (classify(US_SERVICES, provider.providerKind).role !== 'conduit') {
      const agent = usAgentStatus(provider, localDateOf(asOf, tz));
      prerequisites.designatedAgent = { status: agent, ...(provider.agent ? { registry: provider.agent.registry, designatedOn: provider.agent.designatedOn, validUntil: usAgentValidUntil(provider.agent) } : {}) };
      if (agent !== 'valid') reasons.push({ code: agent === 'none' ? 'NO_DESIGNATED_AGENT' : 'AGENT_DESIGNATION_EXPIRED' });
    }
    // §512(i): adopted, reasonably implemented and communicated — a paper policy that is not applied fails.
    if (!policyAdopted) reasons.push({ code: 'NO_REPEAT_INFRINGER_POLICY' });
    const breaches = breachReasons(users);
    return { prerequisites, duties: repeatInfringerActions(provider, users, asOf, tz), reasons: [...reasons, ...breaches], lost: reasons.length + breaches.length > 0 };
  },
};
