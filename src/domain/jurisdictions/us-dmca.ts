import type { ActData } from '../acts/envelope.js';
import type { PartyState } from '../party/state.js';
import { addYears, localDateOf } from './calendar.js';
import type { CaseHistory } from './case-history.js';
import { dateWindow, openingWindow, workingDaysWindow, type ObligationOutcome, type ObligationSpec } from './obligation.js';
import { manifestlyUnfounded, packVersion, type Assessment, type CaseJudgement, type PackContext, type Protection, type RulePack } from './rule-pack.js';
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

const US_ELEMENTS = ['signature', 'work', 'material', 'contact', 'good_faith', 'accuracy_authority'] as const;

export function assessUsNotice(history: CaseHistory): Assessment {
  const notice = history.notice;
  if (!notice) return { status: 'not_a_notice', missing: [...US_ELEMENTS] };
  const data = notice.data as ActData<'notice.received'>;
  const present: Record<(typeof US_ELEMENTS)[number], boolean> = {
    // A notice submitted through the ledger is signed by its envelope; a received one says whether it was.
    signature: notice.type === 'notice.submitted' || data.signed === true,
    work: (data.works?.length ?? 0) > 0,
    material: (data.items?.length ?? 0) > 0,
    contact: !!data.claimant?.contact,
    good_faith: data.statements?.goodFaith === true,
    accuracy_authority: data.statements?.accuracy === true && data.statements?.authorized === true,
  };
  const missing = US_ELEMENTS.filter((key) => !present[key]);
  if (manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing };
  if (missing.length === 0) return { status: 'valid', missing };
  // §512(c)(3)(B)(ii): with (ii), (iii) and (iv) the provider must try to get a compliant notice.
  if (present.work && present.material && present.contact) return { status: 'deficient_curable', missing };
  return { status: 'not_a_notice', missing };
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

export const usDmca: RulePack = {
  id: 'us-dmca',
  // 2026.2: observed federal holidays date-holidays files as `bank` substitutes count (5 U.S.C. 6103(b)).
  version: '2026.2',
  timeZone: (provider) => provider.timeZone ?? 'America/New_York',
  assess: assessUsNotice,
  repeatInfringerDefault: { ...US_REPEAT_INFRINGER_DEFAULT, actionInWorkingDays: true },
  restorationDuty: 'US.putback',

  judge(history: CaseHistory, context: PackContext): CaseJudgement {
    const tz = this.timeZone(context.provider);
    const assessment = assessUsNotice(history);
    const notice = history.notice!;
    const conduit = context.provider.providerKind === 'conduit';
    const withdrawn = history.first('notice.withdrawn');
    const base = (key: string, source: string, basis: 'statutory' | 'default_sla') => ({ key, source, basis, party: context.provider.id, timeZone: tz });
    const sla = (key: keyof typeof US_DEFAULTS) => context.slaDays(key, US_DEFAULTS[key]);
    const fellAway = (doneAt: string | undefined): string | undefined => {
      if (conduit) return 'conduit: §512(a) has no notice-and-takedown duty';
      if (withdrawn && (!doneAt || withdrawn.recordedAt < doneAt)) return 'withdrawn';
      return undefined;
    };
    const specs: ObligationSpec[] = [];
    /** A step due some business days (a default SLA) after its trigger, met when it was done. */
    const slaStep = (key: keyof typeof US_DEFAULTS, source: string, trigger: string, doneAt: string | undefined, notApplicable: string | undefined) =>
      specs.push({ ...base(key, source, 'default_sla'), window: workingDaysWindow(trigger, sla(key), tz, US_BUSINESS_DAYS), metAt: doneAt, notApplicable });

    const measure = history.first('measure.taken', notice.recordedAt, (m) => m.data.measure !== 'forward_only');
    if (assessment.status === 'valid') {
      slaStep('US.takedown', '17 U.S.C. §512(c)(1)(C)', notice.recordedAt, measure?.recordedAt, fellAway(measure?.recordedAt));
    }
    if (assessment.status === 'deficient_curable') {
      const contacted = history.first('notice.deficiency_contacted', notice.recordedAt);
      slaStep('US.deficiencyContact', '17 U.S.C. §512(c)(3)(B)(ii)', notice.recordedAt, contacted?.recordedAt, fellAway(contacted?.recordedAt));
    }
    if (measure) {
      const told = measure.data.reasons ? measure : history.first(['notice.forwarded', 'reasons.stated'], measure.recordedAt, (a) => a.type === 'reasons.stated' || !!(a.data as ActData<'notice.forwarded'>).user);
      slaStep('US.notifyUploader', '17 U.S.C. §512(g)(2)(A)', measure.recordedAt, told?.recordedAt, conduit ? 'conduit: §512(a) has no notice-and-takedown duty' : undefined);
    }
    const counter = history.first('counter_notice.submitted');
    if (counter) {
      const forwarded = history.first('counter_notice.forwarded', counter.recordedAt);
      slaStep('US.forwardCounter', '17 U.S.C. §512(g)(2)(B)', counter.recordedAt, forwarded?.recordedAt, fellAway(forwarded?.recordedAt));
      const restored = history.first('measure.lifted', counter.recordedAt);
      const action = history.first('action.filed');
      const litigation = action && (!restored || action.recordedAt < restored.recordedAt) ? 'litigation_pending' : undefined;
      specs.push({
        ...base('US.putback', '17 U.S.C. §512(g)(2)(C)', 'statutory'),
        window: openingWindow(counter.recordedAt, US_PUTBACK.minBusinessDays, US_PUTBACK.maxBusinessDays, tz, US_BUSINESS_DAYS),
        metAt: restored?.recordedAt,
        notApplicable: litigation ?? fellAway(restored?.recordedAt),
      });
    }
    for (const request of history.all('disclosure.requested', (r) => r.data.route === 'us_512h_subpoena')) {
      const granted = history.first('disclosure.granted', request.recordedAt);
      const returnDate = request.data.returnDate;
      specs.push({
        ...base('US.subpoena', '17 U.S.C. §512(h)(5)', 'default_sla'),
        window: returnDate ? dateWindow(returnDate, tz) : workingDaysWindow(request.recordedAt, sla('US.subpoena'), tz, US_BUSINESS_DAYS),
        metAt: granted?.recordedAt,
        // §512(h)(2)(A): a subpoena rests on a copy of a notification described in §512(c)(3)(A).
        notApplicable: conduit
          ? 'conduit: no §512(h) subpoena against a §512(a) provider (RIAA v. Verizon)'
          : assessment.status !== 'valid'
            ? `notice_not_compliant: a §512(h) subpoena needs a notice complying with §512(c)(3)(A) (this one is ${assessment.status})`
            : undefined,
        note: returnDate ? `return date ${returnDate}` : 'no return date: default SLA',
      });
    }
    const agent = conduit ? 'valid' : usAgentStatus(context.provider, localDateOf(notice.recordedAt, tz));
    const lackingPrerequisites = agent === 'valid' ? [] : [agent === 'none' ? 'NO_DESIGNATED_AGENT' : 'AGENT_DESIGNATION_EXPIRED'];
    return { pack: packVersion(this), assessment, obligations: specs, lackingPrerequisites };
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
        if (o.key === 'US.takedown' && o.status === 'missed') lost = true;
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
};
