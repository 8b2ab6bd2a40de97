import type { ActData } from '../acts/envelope.js';
import type { PartyState } from '../party/state.js';
import { accreditedAt } from '../party/state.js';
import { endOfLocalDay, localDateOf, monthsAfter, rollForwardToWorkingDay } from './calendar.js';
import { memberStateOf, memberStateWorkingDays } from './eu-member-states.js';
import type { MemberState } from '../acts/primitives.js';
import type { CaseHistory, Happened } from './case-history.js';
import { instantWindow, workingDaysWindow, type ObligationOutcome, type ObligationSpec } from './obligation.js';
import { manifestlyUnfounded, packVersion, type Assessment, type CaseJudgement, type PackContext, type Protection, type RulePack } from './rule-pack.js';
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
export const EU_MISUSE_DEFAULT = { unfounded: 5, share: 0.5, windowDays: 180, suspensionDays: 30 } as const;

const EU_ELEMENTS = ['explanation', 'location', 'identity', 'bona_fide'] as const;
const DUE_DILIGENCE = ['EU.confirmReceipt', 'EU.sor', 'EU.notifyNotifier', 'EU.tdbSubmit', 'EU.complaintDecision', 'EU.complaintHuman'];

export function assessEuNotice(history: CaseHistory): Assessment {
  const data = history.notice?.data as ActData<'notice.submitted'> | undefined;
  const present: Record<(typeof EU_ELEMENTS)[number], boolean> = {
    explanation: !!data?.explanation?.trim(),
    location: (data?.items?.length ?? 0) > 0,
    // Art 16(2)(c): name and e-mail, except for child sexual abuse offences.
    identity: data?.category === 'csam' || (!!data?.claimant?.name && !!data?.claimant?.contact),
    bona_fide: data?.statements?.bonaFide === true,
  };
  const missing = EU_ELEMENTS.filter((key) => !present[key]);
  if (manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing };
  return { status: missing.length ? 'incomplete' : 'valid', missing };
}

/** Online platforms that are not micro or small (Art 19) carry the Arts 20-28 duties. */
export function carriesPlatformDuties(provider: PartyState): boolean {
  return provider.providerKind === 'platform' && !provider.flags.microSmall;
}

function noticeAndActionApplies(provider: PartyState): boolean {
  return provider.providerKind === 'hosting' || provider.providerKind === 'platform';
}

/** Art 23(2): was the notifier's processing suspended by this provider when the notice arrived? */
function notifierSuspended(provider: PartyState, notifier: string | undefined, at: string): boolean {
  return provider.sanctions.some((s) => s.type === 'notifier.suspended' && s.target === notifier && s.recordedAt <= at && (!s.until || at < s.until));
}

export const euDsa: RulePack = {
  id: 'eu-dsa',
  // 2026.2: periods end on the Member State's working days (public holidays, Reg. 1182/71), not on weekdays alone.
  version: '2026.2',
  timeZone: (provider) => provider.timeZone ?? 'Europe/Brussels',
  assess: assessEuNotice,
  repeatInfringerDefault: { strikes: 3, windowDays: 60, action: 'suspend', actionWithinDays: 0, countDisputed: false, actionInWorkingDays: false },

  judge(history: CaseHistory, context: PackContext): CaseJudgement {
    const tz = this.timeZone(context.provider);
    const provider = context.provider;
    const assessment = assessEuNotice(history);
    const notice = history.notice!;
    const data = notice.data as ActData<'notice.submitted'>;
    const sla = (key: keyof typeof EU_DEFAULTS) => context.slaDays(key, EU_DEFAULTS[key]);
    const days = (trigger: string, n: number) => workingDaysWindow(trigger, n, tz, CALENDAR_DAYS);
    const base = (key: string, source: string, basis: 'statutory' | 'default_sla') => ({ key, source, basis, party: provider.id, timeZone: tz });
    const fallAway = !noticeAndActionApplies(provider)
      ? `${provider.providerKind}: no notice-and-action duty under the DSA (Arts 4-5; orders only)`
      : notifierSuspended(provider, history.notifier, notice.recordedAt)
        ? 'notifier_suspended: notices from a suspended notifier are recorded but not processed (Art 23(2))'
        : undefined;
    const platformOnly = carriesPlatformDuties(provider) ? undefined : provider.flags.microSmall ? 'micro or small enterprise (Art 19)' : 'not an online platform';
    const notifierContact = !!data.claimant?.contact;
    const specs: ObligationSpec[] = [];

    specs.push({
      ...base('EU.confirmReceipt', 'DSA Art 16(4)', 'default_sla'),
      window: days(notice.recordedAt, sla('EU.confirmReceipt')),
      metAt: history.first('notice.acknowledged', notice.recordedAt)?.recordedAt,
      notApplicable: fallAway ?? (notifierContact ? undefined : 'no electronic contact of the notifier'),
    });

    const decision = history.first(['measure.taken', 'notice.rejected'], notice.recordedAt) ?? history.first('decision.notified', notice.recordedAt, (d) => d.data.decision === 'not_acted');
    if (assessment.status === 'valid') {
      // Art 22: the priority is the Digital Services Coordinator's to award; a status the notifier only declared confers nothing.
      const trusted = accreditedAt(context.notifier, 'trusted_flagger', notice.recordedAt, notice.seq);
      const claimedOnly = !trusted && context.notifier?.flags.trustedFlagger === true;
      specs.push({
        ...base('EU.actOnKnowledge', trusted ? 'DSA Art 6(1)(b), Art 22(1)' : 'DSA Art 6(1)(b)', 'default_sla'),
        window: days(notice.recordedAt, trusted ? sla('EU.actOnKnowledgeTrustedFlagger') : sla('EU.actOnKnowledge')),
        metAt: decision?.recordedAt,
        notApplicable: fallAway ?? (history.first('notice.withdrawn', notice.recordedAt, (w) => !decision || w.recordedAt < decision.recordedAt) ? 'withdrawn' : undefined),
        note: trusted ? 'trusted flagger' : claimedOnly ? 'trusted flagger status claimed, not accredited: the ordinary period applies' : '',
      });
    }

    const measures = history.all('measure.taken', (m) => m.data.measure !== 'forward_only');
    for (const measure of measures) {
      const sor = measure.data.reasons ? measure : history.first('reasons.stated', measure.recordedAt);
      specs.push({
        ...base('EU.sor', 'DSA Art 17(1)', 'statutory'),
        window: instantWindow(measure.recordedAt, tz),
        metAt: sor?.recordedAt,
        notApplicable: fallAway ?? (history.user ? undefined : 'no electronic contact of the user known'),
      });
      if (sor) {
        specs.push({
          ...base('EU.tdbSubmit', 'DSA Art 24(5)', 'default_sla'),
          window: days(sor.recordedAt, sla('EU.tdbSubmit')),
          metAt: history.first('reasons.published', sor.recordedAt)?.recordedAt,
          notApplicable: fallAway ?? platformOnly,
        });
      }
    }

    if (decision) {
      specs.push({
        ...base('EU.notifyNotifier', 'DSA Art 16(5)', 'default_sla'),
        window: days(decision.recordedAt, sla('EU.notifyNotifier')),
        metAt: history.first('decision.notified', decision.recordedAt)?.recordedAt,
        notApplicable: fallAway ?? (notifierContact ? undefined : 'no electronic contact of the notifier'),
      });
    }

    const informedAt = informedOfDecision(history);
    for (const complaint of history.all('complaint.lodged')) {
      const decided = history.first('complaint.decided', complaint.recordedAt);
      const windowEnd = informedAt ? complaintWindowEnd(informedAt, tz, memberStateOf(context.provider, tz).state) : undefined;
      specs.push({
        ...base('EU.complaintDecision', 'DSA Art 20(4)', 'default_sla'),
        window: days(complaint.recordedAt, sla('EU.complaintDecision')),
        metAt: decided?.recordedAt,
        notApplicable: platformOnly ?? (windowEnd && complaint.recordedAt > windowEnd ? `out_of_window: lodged after ${windowEnd}` : undefined),
      });
      if (decided) {
        specs.push({
          ...base('EU.complaintHuman', 'DSA Art 20(6)', 'statutory'),
          window: instantWindow(decided.recordedAt, tz),
          metAt: decided.data.humanReviewed ? decided.recordedAt : undefined,
          notApplicable: platformOnly,
          note: decided.data.humanReviewed ? '' : 'decided without human review',
        });
      }
    }
    return { pack: packVersion(this), assessment, obligations: specs, dueDiligenceKeys: DUE_DILIGENCE };
  },

  protection(obligations: readonly ObligationOutcome[]): Protection {
    // Only the Art 6 duty bears on the exemption; due-diligence duties are reported apart.
    const act = obligations.find((o) => o.key === 'EU.actOnKnowledge');
    if (act?.status === 'missed') return { status: 'lost_for_item', reasons: [{ code: 'OBLIGATION_MISSED', obligation: act.key }] };
    if (act?.status === 'late') return { status: 'at_risk', reasons: [{ code: 'OBLIGATION_LATE', obligation: act.key }] };
    return { status: 'eligible', reasons: [] };
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
