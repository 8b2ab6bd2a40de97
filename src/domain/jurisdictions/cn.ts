import type { ActData } from '../acts/envelope.js';
import type { Pack } from '../acts/primitives.js';
import type { PartyState } from '../party/state.js';
import { endOfLocalDay, localDateOf, nthWorkingDayAfter, startOfLocalDay, addDays } from './calendar.js';
import type { CaseHistory } from './case-history.js';
import { cnPeriodEnd, cnScheduleCovers, CN_WORKING_DAYS } from './cn-calendar.js';
import { dateWindow, type ObligationOutcome, type ObligationSpec, type Window } from './obligation.js';
import { manifestlyUnfounded, type Assessment, type CaseJudgement, type PackContext, type Protection, type RulePack } from './rule-pack.js';

/**
 * China (JURISDICTIONS.md §4, §6, §7): the Civil Code pack for all network torts, the E-Commerce Law
 * pack, and the RNDI Regulations pack for storage and link providers. Days count per Civil Code
 * Art 201 (trigger day excluded) and Art 203 (a period ending on a rest day ends on the next working
 * day), on the State Council's schedule with its make-up working days, in Asia/Shanghai.
 */
export const CN_DEFAULTS = {
  'CN.forward': 1,
  'CN.measure': 1,
  'CN.publish': 1,
  /** E-Commerce Law Art 44 "及时公示": days to make a notice, and then a declaration, public. */
  'CN.ecomPublish': 1,
  'CN.deficiencyContact': 1,
  'CN.terminate': 1,
  /** Working days for an administrative or court request for user data without a return date. */
  'CN.adminRequest': 5,
  /** Civil Code Art 1196 "reasonable period" (borrowed from E-Commerce Law Art 43). */
  'CN.civilWait': 15,
} as const;
export const CN_ECOM_WAIT_DAYS = 15;
/** SPC Reply 2020 ¶3: the reasonable period may not exceed 20 working days. */
export const CN_CIVIL_WAIT_CAP_WORKING_DAYS = 20;
export const CN_TZ = 'Asia/Shanghai';

type CnPack = 'cn-civil' | 'cn-ecom' | 'cn-rndi';

const ELEMENTS: Record<CnPack, readonly string[]> = {
  'cn-civil': ['evidence', 'identity'],
  'cn-ecom': ['evidence', 'identity'],
  'cn-rndi': ['identity', 'title_and_address', 'evidence'],
};

const SOURCES: Record<CnPack, { notice: string; measure: string; wait: string }> = {
  'cn-civil': { notice: 'Civil Code Art 1195 ¶2', measure: 'Civil Code Art 1195 ¶2', wait: 'Civil Code Art 1196 ¶2; SPC Reply 2020 ¶3' },
  'cn-ecom': { notice: 'E-Commerce Law Art 42 ¶2', measure: 'E-Commerce Law Art 42 ¶2', wait: 'E-Commerce Law Art 43 ¶2' },
  'cn-rndi': { notice: 'RNDI Regulations Art 15', measure: 'RNDI Regulations Art 15', wait: 'Civil Code Art 1196 ¶2 (RNDI Art 17 by option)' },
};

function assess(pack: CnPack, history: CaseHistory): Assessment {
  const data = history.notice?.data as ActData<'notice.submitted'> | undefined;
  const claimant = data?.claimant;
  const present: Record<string, boolean> = {
    evidence: (data?.evidence?.length ?? 0) > 0,
    // RNDI Art 14 asks name, contact and address; the others the right holder's real identity (name and contact).
    identity: !!claimant?.name && !!claimant?.contact && (pack !== 'cn-rndi' || !!claimant?.address),
    title_and_address: (data?.works?.length ?? 0) > 0 && (data?.items?.length ?? 0) > 0,
  };
  const missing = ELEMENTS[pack].filter((key) => !present[key]);
  if (manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing };
  // Missing materials are to be asked for, not a reason to ignore the notice.
  return { status: missing.length ? 'deficient_curable' : 'valid', missing };
}

function daysWindow(trigger: string, days: number): Window {
  const byLocalDate = cnPeriodEnd(localDateOf(trigger, CN_TZ), days);
  return { by: endOfLocalDay(byLocalDate, CN_TZ), byLocalDate, timeZone: CN_TZ };
}

function noticeDutyFallsAway(pack: CnPack, provider: PartyState): string | undefined {
  if (provider.providerKind === 'conduit' || provider.providerKind === 'caching') return `${provider.providerKind}: automatic access and caching carry no notice duty (RNDI Arts 20-21)`;
  if (pack === 'cn-rndi' && !['hosting', 'platform', 'search'].includes(provider.providerKind ?? '')) return 'cn-rndi applies to storage-space and search or link providers';
  return undefined;
}

/** 2026.2: a window through a year without the State Council schedule says so (calendar assumed). */
const CN_VERSION = '2026.2';

function makePack(id: CnPack): RulePack {
  return {
    id: id as Pack,
    version: CN_VERSION,
    timeZone: () => CN_TZ,
    assess: (history) => assess(id, history),
    repeatInfringerDefault: { strikes: 3, windowDays: 180, action: 'suspend', actionWithinDays: 1, countDisputed: false, actionInWorkingDays: false },
    restorationDuty: 'CN.terminate',
    calendarCovers: cnScheduleCovers,

    judge(history: CaseHistory, context: PackContext): CaseJudgement {
      const provider = context.provider;
      const assessment = assess(id, history);
      const notice = history.notice!;
      const sla = (key: keyof typeof CN_DEFAULTS) => context.slaDays(key, CN_DEFAULTS[key]);
      const base = (key: string, source: string, basis: 'statutory' | 'default_sla') => ({ key, source, basis, party: provider.id, timeZone: CN_TZ });
      const fallAway = noticeDutyFallsAway(id, provider) ?? (history.first('notice.withdrawn') ? 'withdrawn' : undefined);
      const specs: ObligationSpec[] = [];

      if (assessment.status === 'deficient_curable') {
        specs.push({
          ...base('CN.deficiencyContact', `${SOURCES[id].notice} (materials to be asked for)`, 'default_sla'),
          window: daysWindow(notice.recordedAt, sla('CN.deficiencyContact')),
          metAt: history.first('notice.deficiency_contacted', notice.recordedAt)?.recordedAt,
          notApplicable: fallAway,
        });
      }
      if (assessment.status === 'valid') {
        const published = history.first('notice.forwarded', notice.recordedAt, (f) => f.data.published === true);
        const forwarded = history.first('notice.forwarded', notice.recordedAt, (f) => !!f.data.user);
        specs.push({
          ...base('CN.forward', SOURCES[id].notice, 'default_sla'),
          window: daysWindow(notice.recordedAt, sla('CN.forward')),
          metAt: forwarded?.recordedAt,
          notApplicable: fallAway ?? (published && !forwarded ? 'user_unreachable: the notice was published instead' : undefined),
        });
        if (id === 'cn-ecom') specs.push(...ecomPublication(history, notice.recordedAt, base, sla, fallAway));
        if (published) {
          specs.push({ ...base('CN.publish', 'RNDI Regulations Art 15', 'default_sla'), window: daysWindow(notice.recordedAt, sla('CN.publish')), metAt: published.recordedAt, notApplicable: fallAway });
        }
        // Necessary measures by service type: for basic network services forwarding the notice may suffice (Aliyun v. Locojoy).
        const basicNetwork = provider.providerKind === 'basic_network';
        const measure = basicNetwork
          ? history.first(['measure.taken', 'notice.forwarded'], notice.recordedAt)
          : history.first('measure.taken', notice.recordedAt, (m) => m.data.measure !== 'forward_only');
        specs.push({
          ...base('CN.measure', SOURCES[id].measure, 'default_sla'),
          window: daysWindow(notice.recordedAt, sla('CN.measure')),
          metAt: measure?.recordedAt,
          notApplicable: fallAway,
          note: basicNetwork ? 'basic network service: forwarding counts as the necessary measure' : '',
        });
      }
      const declaration = history.first('counter_notice.submitted');
      if (declaration && history.first('measure.taken')) specs.push(terminate(id, history, declaration.recordedAt, context, base, sla, fallAway));

      for (const request of history.all('disclosure.requested', (r) => r.data.route === 'admin_request' || r.data.route === 'court_order')) {
        const answered = history.first(['disclosure.granted', 'disclosure.refused'], request.recordedAt);
        const returnDate = request.data.returnDate;
        const window = returnDate
          ? dateWindow(returnDate, CN_TZ)
          : ((d) => ({ by: endOfLocalDay(d, CN_TZ), byLocalDate: d, timeZone: CN_TZ }))(nthWorkingDayAfter(localDateOf(request.recordedAt, CN_TZ), sla('CN.adminRequest'), CN_WORKING_DAYS));
        specs.push({
          ...base('CN.adminRequest', request.data.route === 'admin_request' ? 'RNDI Regulations Art 13, Art 25' : 'SPC Provisions on personal-rights network disputes Art 4', 'default_sla'),
          window,
          metAt: history.first('disclosure.granted', request.recordedAt)?.recordedAt,
          note: answered?.type === 'disclosure.refused' ? 'refused' : returnDate ? `return date ${returnDate}` : '',
        });
      }
      return { pack: `${id}@${CN_VERSION}`, assessment, obligations: specs };
    },

    protection(obligations: readonly ObligationOutcome[]): Protection {
      const reasons: Protection['reasons'] = [];
      let lost = false;
      for (const o of obligations) {
        if (o.status === 'missed' || o.status === 'late' || o.status === 'early') {
          reasons.push({ code: o.status === 'missed' ? 'OBLIGATION_MISSED' : o.status === 'late' ? 'OBLIGATION_LATE' : 'OBLIGATION_EARLY', obligation: o.key });
          // No necessary measure in time: joint liability for the enlarged damage (Civil Code 1195 ¶2).
          if (o.key === 'CN.measure' && o.status === 'missed') lost = true;
        }
      }
      return { status: lost ? 'lost_for_item' : reasons.length ? 'at_risk' : 'eligible', reasons };
    },
  };
}

/**
 * CN.terminate: after the declaration of non-infringement reaches the right holder (the forward), the
 * wait runs; with no complaint or lawsuit notified by its end, the measure is lifted timely after it.
 */
/**
 * E-Commerce Law Art 44: the platform makes public, promptly, the notices (Art 42) and declarations
 * (Art 43) it receives and what it did with them (`reasons.published`, with the reference of the
 * publication): one duty for the notice, one for each declaration.
 */
function ecomPublication(
  history: CaseHistory,
  noticeAt: string,
  base: (key: string, source: string, basis: 'statutory' | 'default_sla') => Omit<ObligationSpec, 'window'>,
  sla: (key: keyof typeof CN_DEFAULTS) => number,
  fallAway: string | undefined,
): ObligationSpec[] {
  const duty = (key: string, what: string, from: string): ObligationSpec => ({
    ...base(key, `E-Commerce Law Art 44 (${what} made public promptly)`, 'default_sla'),
    window: daysWindow(from, sla('CN.ecomPublish')),
    metAt: history.first('reasons.published', from)?.recordedAt,
    notApplicable: fallAway,
  });
  const declarations = history.all('counter_notice.submitted').map((d) => duty('CN.publishDeclaration', 'the declaration and the result', d.recordedAt));
  return [duty('CN.publishNotice', 'the notice and the measure taken', noticeAt), ...declarations];
}

function terminate(
  id: CnPack,
  history: CaseHistory,
  declaredAt: string,
  context: PackContext,
  base: (key: string, source: string, basis: 'statutory' | 'default_sla') => Omit<ObligationSpec, 'window'>,
  sla: (key: keyof typeof CN_DEFAULTS) => number,
  fallAway: string | undefined,
): ObligationSpec {
  const lifted = history.first('measure.lifted', declaredAt);
  if (id === 'cn-rndi' && context.provider.policy?.packOptions?.cnRndiImmediateRestore) {
    // Legacy RNDI Art 17: restore immediately on the explanation, no wait.
    return { ...base('CN.terminate', 'RNDI Regulations Art 17 (legacy mode)', 'default_sla'), window: daysWindow(declaredAt, sla('CN.terminate')), metAt: lifted?.recordedAt, notApplicable: fallAway };
  }
  const arrived = history.first('counter_notice.forwarded', declaredAt);
  const spec = base('CN.terminate', SOURCES[id].wait, 'default_sla');
  if (!arrived) return { ...spec, notApplicable: fallAway, note: 'the declaration has not been forwarded to the right holder: the wait has not begun' };
  const arrivalDate = localDateOf(arrived.recordedAt, CN_TZ);
  let waitEnd = id === 'cn-ecom' ? cnPeriodEnd(arrivalDate, CN_ECOM_WAIT_DAYS) : cnPeriodEnd(arrivalDate, sla('CN.civilWait'));
  if (id !== 'cn-ecom') {
    const cap = nthWorkingDayAfter(arrivalDate, CN_CIVIL_WAIT_CAP_WORKING_DAYS, CN_WORKING_DAYS);
    if (waitEnd > cap) waitEnd = cap;
  }
  const fromLocalDate = addDays(waitEnd, 1);
  const byLocalDate = cnPeriodEnd(waitEnd, sla('CN.terminate'));
  const window: Window = { from: startOfLocalDay(fromLocalDate, CN_TZ), fromLocalDate, by: endOfLocalDay(byLocalDate, CN_TZ), byLocalDate, timeZone: CN_TZ };
  const complaint = history.first('action.filed', arrived.recordedAt, (a) => a.recordedAt <= endOfLocalDay(waitEnd, CN_TZ));
  return {
    ...spec,
    window,
    metAt: lifted?.recordedAt,
    notApplicable: fallAway ?? (complaint ? 'complaint_or_lawsuit: the right holder complained or sued within the wait' : undefined),
    note: `wait ends ${waitEnd}`,
  };
}

export const cnCivil = makePack('cn-civil');
export const cnEcom = makePack('cn-ecom');
export const cnRndi = makePack('cn-rndi');
