import type { ActData } from '../acts/envelope.js';
import { accreditedAt, sanctionsAgainst, type PartyState } from '../party/state.js';
import { endOfLocalDay, localDateOf, monthsAfter, rollForwardToWorkingDay } from './calendar.js';
import { memberStateOf, memberStateWorkingDays } from './eu-member-states.js';
import type { MemberState } from '../acts/primitives.js';
import type { CaseHistory, Happened } from './case-history.js';
import { deriveDuties, dutiesOf, type DutyBase, type DutyRule } from './duty-table.js';
import { evaluate, instantWindow, workingDaysWindow, type Obligation, type ObligationOutcome, type ObligationSpec, type Window } from './obligation.js';
import { awarenessDuty, knowledgeOf, NO_NOTICE, type KnowledgeFacts } from './knowledge.js';
import { LEDGER_MISUSE_DEFAULT, policyBreachesOnly } from './provider-standing.js';
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
import { CALENDAR_DAYS } from './us-federal-holidays.js';

/**
 * EU Digital Services Act (JURISDICTIONS.md §3, §6, §7). The liability exemption (Art 6) and the
 * due-diligence duties (Arts 16-24) are judged apart: a due-diligence breach is reported in
 * `dueDiligence` and never removes the exemption.
 */
export const EU_DEFAULTS = {
  'EU.confirmReceipt': 1,
  'EU.actOnKnowledge': 3,
  /** Art 22: trusted flaggers' notices first. */
  'EU.actOnKnowledgeTrustedFlagger': 1,
  'EU.notifyNotifier': 1,
  'EU.tdbSubmit': 5,
  'EU.complaintDecision': 14,
} as const;

export const EU_COMPLAINT_WINDOW_MONTHS = 6;
export const EU_MISUSE_DEFAULT = LEDGER_MISUSE_DEFAULT;

const EU_ELEMENTS = {
  explanation: { source: 'DSA Art 16(2)(a)', basis: 'statutory' },
  location: { source: 'DSA Art 16(2)(b)', basis: 'statutory' },
  identity: { source: 'DSA Art 16(2)(c)', basis: 'statutory' },
  bona_fide: { source: 'DSA Art 16(2)(d)', basis: 'statutory' },
} as const satisfies Record<string, Citation>;
/** Arts 16-24 duties: their breach is enforced by fines (Art 52) and never removes the Art 6 exemption. */
const DUE_DILIGENCE = ['EU.confirmReceipt', 'EU.sor', 'EU.notifyNotifier', 'EU.tdbSubmit', 'EU.complaintDecision', 'EU.complaintHuman', 'EU.priorWarning'];

export function assessEuNotice(history: CaseHistory): Assessment {
  const data = history.notice?.data as ActData<'notice.submitted'> | undefined;
  const present: Record<keyof typeof EU_ELEMENTS, boolean> = {
    explanation: !!data?.explanation?.trim(),
    location: (data?.items?.length ?? 0) > 0,
    // Art 16(2)(c): name and e-mail, except for child sexual abuse offences.
    identity: data?.category === 'csam' || (!!data?.claimant?.name && !!data?.claimant?.contact),
    bona_fide: data?.statements?.bonaFide === true,
  };
  const { elements, missing } = elementsOf(EU_ELEMENTS, present);
  if (manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing, elements };
  return { status: missing.length ? 'incomplete' : 'valid', missing, elements };
}

/**
 * The intermediary services of the DSA (Art 3(g)) and, before it, of the E-Commerce Directive (Arts
 * 12-14), with the services Recital 29 names for each: cloud computing and web hosting are hosting,
 * content delivery networks caching, internet access and DNS mere conduit.
 */
function euServices(law: 'dsa' | 'ecd'): ServiceTable {
  const cite = (dsa: string, ecd: string, basis: Citation['basis'] = 'statutory') => ({ source: law === 'dsa' ? dsa : ecd, basis });
  const hosting = { role: 'hosting' as const, ...cite('DSA Art 3(g)(iii), Art 6', 'E-Commerce Directive Art 14') };
  const conduit = { role: 'conduit' as const, ...cite('DSA Art 3(g)(i), Art 4', 'E-Commerce Directive Art 12') };
  const caching = { role: 'caching' as const, ...cite('DSA Art 3(g)(ii), Art 5', 'E-Commerce Directive Art 13') };
  return {
    hosting,
    platform: { role: 'platform', ...cite('DSA Art 3(i), Art 6', 'E-Commerce Directive Art 14') },
    caching,
    conduit,
    // Search engines are neither: no notice-and-action duty is written for them (our reading).
    search: { role: 'search', ...cite('DSA Art 3(j) (online search engine)', 'E-Commerce Directive (no search provision)', 'default') },
    basic_network: { ...hosting, ...cite('DSA Art 3(g)(iii), Recital 29 (cloud computing)', 'E-Commerce Directive Art 14', 'default') },
    cloud: { ...hosting, ...cite('DSA Art 3(g)(iii), Recital 29 (cloud computing, web hosting)', 'E-Commerce Directive Art 14') },
    cdn: { ...caching, ...cite('DSA Art 3(g)(ii), Recital 29 (content delivery networks)', 'E-Commerce Directive Art 13') },
    access: { ...conduit, ...cite('DSA Art 3(g)(i), Recital 29 (internet access providers)', 'E-Commerce Directive Art 12') },
    dns: { ...conduit, ...cite('DSA Art 3(g)(i), Recital 29 (DNS services)', 'E-Commerce Directive Art 12', 'default') },
    data_centre: { ...hosting, ...cite('DSA Art 3(g)(iii) (storage at the request of the recipient; our reading for colocation)', 'E-Commerce Directive Art 14 (our reading)', 'default') },
  };
}
const DSA_SERVICES = euServices('dsa');
const ECD_SERVICES = euServices('ecd');

/** Online platforms that are not micro or small (Art 19) carry the Arts 20-28 duties. */
export function carriesPlatformDuties(provider: PartyState): boolean {
  return classify(DSA_SERVICES, provider.providerKind).role === 'platform' && !provider.flags.microSmall;
}

function noticeAndActionApplies(provider: PartyState): boolean {
  const { role } = classify(DSA_SERVICES, provider.providerKind);
  return role === 'hosting' || role === 'platform';
}

/** Art 23(2): was the notifier's processing suspended by this provider when the notice arrived? */
function notifierSuspended(provider: PartyState, notifier: string | undefined, at: string): boolean {
  return provider.sanctions.some((s) => s.type === 'notifier.suspended' && s.target === notifier && s.recordedAt <= at && (!s.until || at < s.until));
}

/** What the EU duties read of a case, worked out once. */
interface EuFacts {
  history: CaseHistory;
  context: PackContext;
  tz: string;
  assessment: Assessment;
  /** The act that opened the case (a notice, or the provider's awareness); `noticed`: it was a notice. */
  notice: Happened;
  noticed: boolean;
  knowledge: KnowledgeFacts;
  /** Why the notice-and-action duties fell away (a conduit or cache; a suspended notifier). */
  fallAway?: string;
  /** Why the platform-only duties (Arts 20-28) do not apply. */
  platformOnly?: string;
  notifierContact: boolean;
  /** The provider's decision on the notice: a measure, a rejection, or a notice that it did not act. */
  decision?: Happened;
  sla(key: keyof typeof EU_DEFAULTS): number;
  days(trigger: string, n: number): Window;
}

const NO_NOTIFIER_CONTACT = 'no electronic contact of the notifier';
const EU_NO_MONITORING: Citation = { source: 'DSA Art 8', basis: 'statutory' };

/** The EU duties, one rule each (JURISDICTIONS.md §3.2-§3.3, §6). */
const EU_DUTIES: readonly DutyRule<EuFacts>[] = [
  {
    key: 'EU.confirmReceipt',
    basis: 'default_sla',
    source: 'DSA Art 16(4)',
    derive: (f, base) => f.noticed && toNotifier(f, base, f.notice.recordedAt, 'notice.acknowledged'),
  },
  {
    key: 'EU.actOnKnowledge',
    basis: 'default_sla',
    source: 'DSA Art 6(1)(b)',
    derive(f, base) {
      if (f.assessment.status !== 'valid') return undefined;
      const { notice, decision } = f;
      // Art 22: the priority is the Digital Services Coordinator's to award; a status the notifier only declared confers nothing.
      const trusted = accreditedAt(f.context.notifier, 'trusted_flagger', notice.recordedAt, notice.seq);
      const claimedOnly = !trusted && f.context.notifier?.flags.trustedFlagger === true;
      return {
        ...base,
        source: trusted ? 'DSA Art 6(1)(b), Art 22(1)' : base.source,
        window: f.days(notice.recordedAt, trusted ? f.sla('EU.actOnKnowledgeTrustedFlagger') : f.sla('EU.actOnKnowledge')),
        metAt: decision?.recordedAt,
        notApplicable: f.fallAway ?? (f.history.first('notice.withdrawn', notice.recordedAt, (w) => !decision || w.recordedAt < decision.recordedAt) ? 'withdrawn' : undefined),
        note: trusted ? 'trusted flagger' : claimedOnly ? 'trusted flagger status claimed, not accredited: the ordinary period applies' : '',
      };
    },
  },
  {
    // Art 6(1): actual knowledge or awareness of facts from which illegality is apparent, however it arose, obliges expeditious action.
    key: 'EU.actOnAwareness',
    basis: 'default_sla',
    source: 'DSA Art 6(1)(a)-(b)',
    derive(f, base) {
      const provider = f.context.provider;
      const fallsAway = noticeAndActionApplies(provider) ? undefined : `${provider.providerKind}: no knowledge-based removal duty under the DSA (Arts 4-5)`;
      const measure = f.history.first('measure.taken', undefined, (m) => m.data.measure !== 'forward_only');
      return awarenessDuty(f.knowledge, base, (at) => f.days(at, f.sla('EU.actOnKnowledge')), measure?.recordedAt, fallsAway);
    },
  },
  {
    key: 'EU.sor',
    basis: 'statutory',
    source: 'DSA Art 17(1)',
    derive: (f, base) =>
      measures(f).map(({ measure, sor }) => ({
        ...base,
        window: instantWindow(measure.recordedAt, f.tz),
        metAt: sor?.recordedAt,
        notApplicable: f.fallAway ?? (f.history.user ? undefined : 'no electronic contact of the user known'),
      })),
  },
  {
    key: 'EU.tdbSubmit',
    basis: 'default_sla',
    source: 'DSA Art 24(5)',
    derive: (f, base) =>
      measures(f).flatMap(({ sor }) =>
        sor
          ? [{ ...base, window: f.days(sor.recordedAt, f.sla('EU.tdbSubmit')), metAt: f.history.first('reasons.published', sor.recordedAt)?.recordedAt, notApplicable: f.fallAway ?? f.platformOnly }]
          : [],
      ),
  },
  {
    key: 'EU.notifyNotifier',
    basis: 'default_sla',
    source: 'DSA Art 16(5)',
    derive: (f, base) => f.noticed && !!f.decision && toNotifier(f, base, f.decision.recordedAt, 'decision.notified'),
  },
  {
    key: 'EU.complaintDecision',
    basis: 'default_sla',
    source: 'DSA Art 20(4)',
    derive(f, base) {
      const informedAt = informedOfDecision(f.history);
      const windowEnd = informedAt ? complaintWindowEnd(informedAt, f.tz, memberStateOf(f.context.provider, f.tz).state) : undefined;
      return f.history.all('complaint.lodged').map((complaint) => ({
        ...base,
        window: f.days(complaint.recordedAt, f.sla('EU.complaintDecision')),
        metAt: f.history.first('complaint.decided', complaint.recordedAt)?.recordedAt,
        notApplicable: f.platformOnly ?? (windowEnd && complaint.recordedAt > windowEnd ? `out_of_window: lodged after ${windowEnd}` : undefined),
      }));
    },
  },
  {
    key: 'EU.complaintHuman',
    basis: 'statutory',
    source: 'DSA Art 20(6)',
    derive: (f, base) =>
      f.history.all('complaint.lodged').flatMap((complaint) => {
        const decided = f.history.first('complaint.decided', complaint.recordedAt);
        if (!decided) return [];
        const human = decided.data.humanReviewed === true;
        return [{ ...base, window: instantWindow(decided.recordedAt, f.tz), metAt: human ? decided.recordedAt : undefined, notApplicable: f.platformOnly, note: human ? '' : 'decided without human review' }];
      }),
  },
];

/** A message owed to the notifier some days after its trigger (Art 16(4) receipt, Art 16(5) decision), where it gave an electronic contact. */
function toNotifier(f: EuFacts, base: DutyBase, trigger: string, done: 'notice.acknowledged' | 'decision.notified'): ObligationSpec {
  return {
    ...base,
    window: f.days(trigger, f.sla(base.key as 'EU.confirmReceipt' | 'EU.notifyNotifier')),
    metAt: f.history.first(done, trigger)?.recordedAt,
    notApplicable: f.fallAway ?? (f.notifierContact ? undefined : NO_NOTIFIER_CONTACT),
  };
}

/** Each measure other than forwarding, with the statement of reasons that went with it or after it. */
function measures(f: EuFacts): { measure: Happened<'measure.taken'>; sor?: Happened }[] {
  return f.history.all('measure.taken', (m) => m.data.measure !== 'forward_only').map((measure) => ({ measure, sor: measure.data.reasons ? measure : f.history.first('reasons.stated', measure.recordedAt) }));
}

function euFacts(history: CaseHistory, context: PackContext, tz: string): EuFacts {
  const provider = context.provider;
  const notice = history.opening!;
  const data = notice.data as ActData<'notice.submitted'>;
  return {
    history,
    context,
    tz,
    assessment: history.notice ? assessEuNotice(history) : NO_NOTICE,
    notice,
    noticed: !!history.notice,
    knowledge: knowledgeOf(history, EU_NO_MONITORING),
    fallAway: !noticeAndActionApplies(provider)
      ? `${provider.providerKind}: no notice-and-action duty under the DSA (Arts 4-5; orders only)`
      : notifierSuspended(provider, history.notifier, notice.recordedAt)
        ? 'notifier_suspended: notices from a suspended notifier are recorded but not processed (Art 23(2))'
        : undefined,
    platformOnly: carriesPlatformDuties(provider) ? undefined : provider.flags.microSmall ? 'micro or small enterprise (Art 19)' : 'not an online platform',
    notifierContact: !!data.claimant?.contact,
    decision: history.first(['measure.taken', 'notice.rejected'], notice.recordedAt) ?? history.first('decision.notified', notice.recordedAt, (d) => d.data.decision === 'not_acted'),
    sla: (key) => context.slaDays(key, EU_DEFAULTS[key]),
    days: (trigger, n) => workingDaysWindow(trigger, n, tz, CALENDAR_DAYS),
  };
}

/** Art 23(1)-(2): a suspension of a user or a notifier must follow a prior warning (a due-diligence duty of the provider). */
const PRIOR_WARNING: DutyInfo = { key: 'EU.priorWarning', basis: 'statutory', source: 'DSA Art 23(1)-(2)' };

function priorWarnings(provider: PartyState, asOf: string, tz: string): Obligation[] {
  return provider.sanctions
    .filter((s) => (s.type === 'user.suspended' || s.type === 'notifier.suspended') && s.recordedAt <= asOf)
    .map((s) => {
      const warning = s.type === 'user.suspended' ? 'user.warned' : 'notifier.warned';
      const warned = sanctionsAgainst(provider, s.target).find((w) => w.type === warning && w.recordedAt < s.recordedAt);
      const spec: ObligationSpec = {
        ...PRIOR_WARNING,
        party: provider.id,
        source: s.type === 'user.suspended' ? 'DSA Art 23(1)' : 'DSA Art 23(2)',
        timeZone: tz,
        window: instantWindow(s.recordedAt, tz),
        metAt: warned?.recordedAt,
        note: `${s.type} of ${s.target}`,
      };
      return evaluate(spec, asOf);
    });
}

export const euDsa: RulePack = {
  id: 'eu-dsa',
  // 2026.2: periods end on the Member State's working days (public holidays, Reg. 1182/71), not on weekdays alone.
  version: '2026.2',
  timeZone: (provider) => provider.timeZone ?? 'Europe/Brussels',
  assess: assessEuNotice,
  duties: [...dutiesOf(EU_DUTIES), PRIOR_WARNING],
  dueDiligenceKeys: DUE_DILIGENCE,
  serviceOf: (kind) => classify(DSA_SERVICES, kind),
  noGeneralMonitoring: EU_NO_MONITORING,
  jurisdiction: 'EU',
  transparencyDatabase: { source: 'DSA Art 24(5)', basis: 'statutory' },
  repeatInfringerDefault: { strikes: 3, windowDays: 60, action: 'suspend', actionWithinDays: 0, countDisputed: false, actionInWorkingDays: false },
  workingDays(provider) {
    return memberStateWorkingDays(memberStateOf(provider, this.timeZone(provider)).state);
  },
  misuseDefault: { ...EU_MISUSE_DEFAULT, source: 'DSA Art 23(2)-(3) (factors; the thresholds are this ledger\'s)', basis: 'default' },
  reasonSources: {
    // Art 23(1) obliges the suspension; what counts as "frequently" is the provider's policy, or our default.
    REPEAT_INFRINGER_NOT_ACTIONED: { source: 'DSA Art 23(1), (4); threshold of the provider\'s policy or this ledger\'s default', basis: 'default' },
  },

  judge(history: CaseHistory, context: PackContext): CaseJudgement {
    const tz = this.timeZone(context.provider);
    const facts = euFacts(history, context, tz);
    const { knowledge, setAside } = facts.knowledge;
    return { pack: packVersion(this), assessment: facts.assessment, obligations: deriveDuties(EU_DUTIES, facts, context.provider.id, tz), dueDiligenceKeys: DUE_DILIGENCE, knowledge, setAside };
  },

  protection(obligations: readonly ObligationOutcome[]): Protection {
    // Only the Art 6 duties bear on the exemption; due-diligence duties are reported apart.
    const art6 = obligations.filter((o) => o.key === 'EU.actOnKnowledge' || o.key === 'EU.actOnAwareness');
    const missed = art6.filter((o) => o.status === 'missed');
    const late = art6.filter((o) => o.status === 'late');
    const reasons = [...missed.map((o) => ({ code: 'OBLIGATION_MISSED', obligation: o.key })), ...late.map((o) => ({ code: 'OBLIGATION_LATE', obligation: o.key }))];
    return { status: missed.length ? 'lost_for_item' : late.length ? 'at_risk' : 'eligible', reasons };
  },

  /** No prerequisite for the Art 6 exemption; prior warnings before suspensions are due diligence. */
  providerStanding({ provider, users, asOf }: ProviderStandingInput): ProviderStanding {
    return { ...policyBreachesOnly(users), duties: priorWarnings(provider, asOf, this.timeZone(provider)) };
  },
};

/** When the user or notifier was told of the decision: the statement of reasons or the decision notice. */
function informedOfDecision(history: CaseHistory): string | undefined {
  const told: Happened[] = [
    ...history.all('measure.taken', (m) => !!m.data.reasons),
    ...history.all('reasons.stated'),
    ...history.all('decision.notified'),
  ];
  return told.map((t) => t.recordedAt).sort()[0];
}

/**
 * The end of the Art 20(1) six-month complaint window, per Reg. 1182/71: the same-numbered day six
 * months on (Art 3(2)(c)), moved past a Saturday, Sunday or public holiday of the provider's Member
 * State to its next working day (Arts 2(1), 3(4)), at the end of that day.
 */
export function complaintWindowEnd(informedAt: string, timeZone: string, memberState: MemberState): string {
  const last = rollForwardToWorkingDay(monthsAfter(localDateOf(informedAt, timeZone), EU_COMPLAINT_WINDOW_MONTHS), memberStateWorkingDays(memberState));
  return endOfLocalDay(last, timeZone);
}

/**
 * The EU before the DSA applied (17 February 2024): E-Commerce Directive Art 14. The Directive has no
 * notice form: a notice gives knowledge when it is precise and substantiated enough for a diligent
 * operator to see the illegality (CJEU C-324/09 L'Oréal v eBay, ¶122), so it needs the location and an
 * explanation; the periods are national practice, defaults of ours. No due-diligence duties existed.
 */
const ECD_ELEMENTS = {
  explanation: { source: 'E-Commerce Directive Art 14(1); CJEU C-324/09 L’Oréal v eBay ¶122 (substantiated)', basis: 'case_law' },
  location: { source: 'E-Commerce Directive Art 14(1); CJEU C-324/09 L’Oréal v eBay ¶122 (precise)', basis: 'case_law' },
} as const satisfies Record<string, Citation>;

function assessEcdNotice(history: CaseHistory): Assessment {
  const data = history.notice?.data as ActData<'notice.submitted'> | undefined;
  const { elements, missing } = elementsOf(ECD_ELEMENTS, { explanation: !!data?.explanation?.trim(), location: (data?.items?.length ?? 0) > 0 });
  if (manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing, elements };
  return { status: missing.length ? 'incomplete' : 'valid', missing, elements };
}

const ECD_NO_MONITORING: Citation = { source: 'E-Commerce Directive Art 15(1)', basis: 'statutory' };

const ECD_DUTIES: readonly DutyRule<EuFacts>[] = [
  {
    key: 'EU.actOnKnowledge',
    basis: 'default_sla',
    source: 'E-Commerce Directive Art 14(1)(b)',
    derive(f, base) {
      if (f.assessment.status !== 'valid') return undefined;
      const decision = f.history.first(['measure.taken', 'notice.rejected'], f.notice.recordedAt);
      const withdrawn = f.history.first('notice.withdrawn', f.notice.recordedAt, (w) => !decision || w.recordedAt < decision.recordedAt);
      return { ...base, window: f.days(f.notice.recordedAt, f.sla('EU.actOnKnowledge')), metAt: decision?.recordedAt, notApplicable: f.fallAway ?? (withdrawn ? 'withdrawn' : undefined) };
    },
  },
  {
    key: 'EU.actOnAwareness',
    basis: 'default_sla',
    source: 'E-Commerce Directive Art 14(1)(a)-(b)',
    derive(f, base) {
      const measure = f.history.first('measure.taken', undefined, (m) => m.data.measure !== 'forward_only');
      return awarenessDuty(f.knowledge, base, (at) => f.days(at, f.sla('EU.actOnKnowledge')), measure?.recordedAt, f.fallAway);
    },
  },
];

export const euEcd: RulePack = {
  ...euDsa,
  version: 'ecd-2002.1',
  assess: assessEcdNotice,
  duties: dutiesOf(ECD_DUTIES),
  dueDiligenceKeys: undefined,
  serviceOf: (kind) => classify(ECD_SERVICES, kind),
  noGeneralMonitoring: ECD_NO_MONITORING,
  jurisdiction: 'EU',
  // No statements-of-reasons database before the DSA.
  transparencyDatabase: undefined,
  misuseDefault: { ...EU_MISUSE_DEFAULT, source: 'national law (the Directive has no rule on abusive notices); the thresholds are this ledger\'s', basis: 'default' },
  reasonSources: {
    REPEAT_INFRINGER_NOT_ACTIONED: { source: 'the provider\'s repeat-infringer policy or this ledger\'s default (the Directive sets no duty)', basis: 'default' },
  },

  judge(history: CaseHistory, context: PackContext): CaseJudgement {
    const tz = this.timeZone(context.provider);
    const provider = context.provider;
    const facts: EuFacts = {
      ...euFacts(history, context, tz),
      assessment: history.notice ? assessEcdNotice(history) : NO_NOTICE,
      knowledge: knowledgeOf(history, ECD_NO_MONITORING),
      fallAway: noticeAndActionApplies(provider) ? undefined : `${provider.providerKind}: mere conduit or caching (E-Commerce Directive Arts 12-13)`,
    };
    const { knowledge, setAside } = facts.knowledge;
    return { pack: packVersion(this), assessment: facts.assessment, obligations: deriveDuties(ECD_DUTIES, facts, provider.id, tz), knowledge, setAside };
  },

  /** The Directive knows no Art 23 prior warning: only overdue repeat-infringer actions under the provider's policy. */
  providerStanding: ({ users }: ProviderStandingInput): ProviderStanding => policyBreachesOnly(users),
};
