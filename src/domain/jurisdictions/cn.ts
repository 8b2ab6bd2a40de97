import type { ActData } from '../acts/envelope.js';
import type { Pack } from '../acts/primitives.js';
import type { PartyState } from '../party/state.js';
import { endOfLocalDay, localDateOf, nthWorkingDayAfter, startOfLocalDay, addDays } from './calendar.js';
import type { CaseHistory, Happened } from './case-history.js';
import { cnPeriodEnd, cnScheduleCovers, CN_WORKING_DAYS } from './cn-calendar.js';
import { deriveDuties, dutiesOf, type DutyBase, type DutyRule } from './duty-table.js';
import { dateWindow, type ObligationOutcome, type ObligationSpec, type Window } from './obligation.js';
import { awarenessDuty, knowledgeOf, NO_NOTICE, type KnowledgeFacts } from './knowledge.js';
import { LEDGER_MISUSE_DEFAULT, policyBreachesOnly } from './provider-standing.js';
import { classify, type ServiceTable } from './service-class.js';
import { elementsOf, manifestlyUnfounded, type Assessment, type CaseJudgement, type Citation, type PackContext, type Protection, type RulePack } from './rule-pack.js';

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

type CnElement = 'evidence' | 'identity' | 'title_and_address' | 'location' | 'reasons';
const ELEMENTS: Record<CnPack, Partial<Record<CnElement, Citation>>> = {
  'cn-civil': { evidence: { source: 'Civil Code Art 1195 ¶1', basis: 'statutory' }, identity: { source: 'Civil Code Art 1195 ¶1', basis: 'statutory' } },
  'cn-ecom': {
    evidence: { source: 'E-Commerce Law Art 42 ¶1', basis: 'statutory' },
    // The Law asks for preliminary evidence only; the notifier's identity comes from the SPC's 2020 guidance.
    identity: { source: 'SPC Guiding Opinions on IP disputes involving e-commerce platforms (2020)', basis: 'case_law' },
  },
  'cn-rndi': {
    identity: { source: 'RNDI Regulations Art 14(1)', basis: 'statutory' },
    title_and_address: { source: 'RNDI Regulations Art 14(2)', basis: 'statutory' },
    evidence: { source: 'RNDI Regulations Art 14(3)', basis: 'statutory' },
  },
};

const SOURCES: Record<CnPack, { notice: string; measure: string; wait: string; knowledge: string }> = {
  'cn-civil': { notice: 'Civil Code Art 1195 ¶2', measure: 'Civil Code Art 1195 ¶2', wait: 'Civil Code Art 1196 ¶2; SPC Reply 2020 ¶3', knowledge: 'Civil Code Art 1197' },
  'cn-ecom': { notice: 'E-Commerce Law Art 42 ¶2', measure: 'E-Commerce Law Art 42 ¶2', wait: 'E-Commerce Law Art 43 ¶2', knowledge: 'E-Commerce Law Art 45' },
  'cn-rndi': { notice: 'RNDI Regulations Art 15', measure: 'RNDI Regulations Art 15', wait: 'Civil Code Art 1196 ¶2 (RNDI Art 17 by option)', knowledge: 'RNDI Regulations Art 23; Civil Code Art 1197' },
};

/**
 * One edition of a Chinese pack: the law in force for a period. Before the Civil Code (1 January 2021)
 * network torts were judged under Tort Law Art 36, read with the SPC's 2012 Provisions on network
 * dissemination and its 2014 Provisions on personal-rights network disputes: a notice had to carry the
 * notifier's identity, the location and the reasons (2014 Provisions Art 5), the provider had to take
 * necessary measures timely (Tort Law Art 36 ¶2), and there was no forwarding duty and no
 * counter-notice wait in the Tort Law.
 */
interface CnEdition {
  id: CnPack;
  version: string;
  elements: Partial<Record<CnElement, Citation>>;
  /** What a notice lacking elements is: materials to ask for (Civil Code era), or a notice that fixes no knowledge (Tort Law era). */
  lacking: 'deficient_curable' | 'incomplete';
  sources: { notice: string; measure: string; wait: string; knowledge: string };
  /** Duties the law of this edition does not have. */
  without: readonly string[];
}

/** 2026.2: a window through a year without the State Council schedule says so (calendar assumed). */
const CN_VERSION = '2026.2';

const editionOf = (id: CnPack): CnEdition => ({ id, version: CN_VERSION, elements: ELEMENTS[id], lacking: 'deficient_curable', sources: SOURCES[id], without: [] });

const TORT_LAW: CnEdition = {
  id: 'cn-civil',
  version: 'tort-2010.1',
  elements: {
    identity: { source: 'SPC Provisions on personal-rights network disputes (2014) Art 5(1)', basis: 'statutory' },
    location: { source: 'SPC Provisions on personal-rights network disputes (2014) Art 5(2)', basis: 'statutory' },
    reasons: { source: 'SPC Provisions on personal-rights network disputes (2014) Art 5(3)', basis: 'statutory' },
  },
  lacking: 'incomplete',
  sources: {
    notice: 'Tort Law Art 36 ¶2',
    measure: 'Tort Law Art 36 ¶2; SPC Provisions on network dissemination disputes (2012) Art 14',
    wait: 'none: the Tort Law has no counter-notice wait',
    knowledge: 'Tort Law Art 36 ¶3; SPC Provisions on network dissemination disputes (2012) Art 9',
  },
  without: ['CN.deficiencyContact', 'CN.forward', 'CN.publish', 'CN.terminate'],
};

function assess(edition: CnEdition, history: CaseHistory): Assessment {
  const pack = edition.id;
  const data = history.notice?.data as ActData<'notice.submitted'> | undefined;
  const claimant = data?.claimant;
  const present: Record<CnElement, boolean> = {
    evidence: (data?.evidence?.length ?? 0) > 0,
    // RNDI Art 14 asks name, contact and address; the others the right holder's real identity (name and contact).
    identity: !!claimant?.name && !!claimant?.contact && (pack !== 'cn-rndi' || !!claimant?.address),
    title_and_address: (data?.works?.length ?? 0) > 0 && (data?.items?.length ?? 0) > 0,
    location: (data?.items?.length ?? 0) > 0,
    reasons: !!data?.explanation?.trim(),
  };
  const { elements, missing } = elementsOf(edition.elements as Record<CnElement, Citation>, present);
  if (manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing, elements };
  // Missing materials are to be asked for, not a reason to ignore the notice (under the Civil Code).
  return { status: missing.length ? edition.lacking : 'valid', missing, elements };
}

function daysWindow(trigger: string, days: number): Window {
  const byLocalDate = cnPeriodEnd(localDateOf(trigger, CN_TZ), days);
  return { by: endOfLocalDay(byLocalDate, CN_TZ), byLocalDate, timeZone: CN_TZ };
}

/**
 * How Chinese law classes a service: automatic transmission and caching carry no notice duty (RNDI
 * Arts 20-21); cloud servers, data centres and name resolution are basic network services, for which
 * forwarding the notice can be the necessary measure (Aliyun v. Locojoy, Beijing IP Court, 2019).
 */
const CN_SERVICES: ServiceTable = {
  hosting: { role: 'hosting', source: 'RNDI Regulations Art 22 (storage space)', basis: 'statutory' },
  platform: { role: 'platform', source: 'Civil Code Art 1194; E-Commerce Law Art 9', basis: 'statutory' },
  caching: { role: 'caching', source: 'RNDI Regulations Art 21', basis: 'statutory' },
  conduit: { role: 'conduit', source: 'RNDI Regulations Art 20', basis: 'statutory' },
  search: { role: 'search', source: 'RNDI Regulations Art 23 (search and links)', basis: 'statutory' },
  basic_network: { role: 'basic_network', source: 'Aliyun v. Locojoy (Beijing IP Court, 2019)', basis: 'case_law' },
  cloud: { role: 'basic_network', source: 'Aliyun v. Locojoy (Beijing IP Court, 2019): cloud servers are a basic network service', basis: 'case_law' },
  data_centre: { role: 'basic_network', source: 'Aliyun v. Locojoy (Beijing IP Court, 2019), by analogy to cloud servers', basis: 'default' },
  dns: { role: 'basic_network', source: 'Aliyun v. Locojoy (Beijing IP Court, 2019), by analogy (name resolution)', basis: 'default' },
  cdn: { role: 'caching', source: 'RNDI Regulations Art 21 (automatic caching)', basis: 'statutory' },
  access: { role: 'conduit', source: 'RNDI Regulations Art 20 (automatic access and transmission)', basis: 'statutory' },
};

const roleOf = (provider: PartyState) => classify(CN_SERVICES, provider.providerKind).role;

/**
 * Necessary measures are chosen by the type of service (Civil Code Art 1195 ¶2): shutting a whole
 * service over specific items is out of proportion for any provider, and closing a customer's server
 * or account is for a basic network service, whose measure is forwarding (Aliyun v. Locojoy).
 */
function disproportionateMeasures(history: CaseHistory, provider: PartyState): { seq: number; note: string }[] {
  const basic = roleOf(provider) === 'basic_network';
  return history
    .all('measure.taken', (m) => m.data.scope === 'service' || (basic && (m.data.scope === 'account' || m.data.measure === 'account_restricted')))
    .map((m) => ({ seq: m.seq, note: m.data.scope === 'service' ? 'the whole service was shut over specific items' : 'a basic network service closed the customer\'s account or server' }));
}

function noticeDutyFallsAway(pack: CnPack, provider: PartyState): string | undefined {
  const role = roleOf(provider);
  if (role === 'conduit' || role === 'caching') return `${provider.providerKind}: automatic access and caching carry no notice duty (RNDI Arts 20-21)`;
  if (pack === 'cn-rndi' && !['hosting', 'platform', 'search'].includes(role)) return 'cn-rndi applies to storage-space and search or link providers';
  return undefined;
}

/** What the Chinese duties read of a case, worked out once. */
interface CnFacts {
  id: CnPack;
  history: CaseHistory;
  context: PackContext;
  assessment: Assessment;
  /** The act that opened the case (a notice, or the provider's awareness); `noticed`: it was a notice. */
  notice: Happened;
  noticed: boolean;
  knowledge: KnowledgeFacts;
  fallAway?: string;
  sla(key: keyof typeof CN_DEFAULTS): number;
}

const valid = (f: CnFacts) => f.assessment.status === 'valid';
const publishedNotice = (f: CnFacts) => f.history.first('notice.forwarded', f.notice.recordedAt, (x) => x.data.published === true);

/** The Chinese duties of one pack, one rule each (JURISDICTIONS.md §4.2-§4.4, §6); sources differ by pack. */
function cnDuties(edition: CnEdition): DutyRule<CnFacts>[] {
  const { id, sources } = edition;
  const duties: (DutyRule<CnFacts> | undefined)[] = [
    {
      key: 'CN.deficiencyContact',
      basis: 'default_sla',
      source: `${sources.notice} (materials to be asked for)`,
      derive: (f, base) =>
        f.assessment.status === 'deficient_curable'
          ? { ...base, window: daysWindow(f.notice.recordedAt, f.sla('CN.deficiencyContact')), metAt: f.history.first('notice.deficiency_contacted', f.notice.recordedAt)?.recordedAt, notApplicable: f.fallAway }
          : undefined,
    },
    {
      // Knows or should know, without a notice: necessary measures, or joint liability (Civil Code Art 1197; E-Commerce Law Art 45).
      key: 'CN.actOnKnowledge',
      basis: 'default_sla',
      source: sources.knowledge,
      derive: (f, base) => awarenessDuty(f.knowledge, base, (at) => daysWindow(at, f.sla('CN.measure')), necessaryMeasure(f, f.notice.recordedAt)?.recordedAt, noticeDutyFallsAway(f.id, f.context.provider)),
    },
    {
      key: 'CN.forward',
      basis: 'default_sla',
      source: sources.notice,
      derive(f, base) {
        if (!valid(f)) return undefined;
        const forwarded = f.history.first('notice.forwarded', f.notice.recordedAt, (x) => !!x.data.user);
        const unreachable = publishedNotice(f) && !forwarded ? 'user_unreachable: the notice was published instead' : undefined;
        return { ...base, window: daysWindow(f.notice.recordedAt, f.sla('CN.forward')), metAt: forwarded?.recordedAt, notApplicable: f.fallAway ?? unreachable };
      },
    },
    id === 'cn-ecom' ? ecomPublication('CN.publishNotice', 'the notice and the measure taken', (f) => (valid(f) ? [f.notice.recordedAt] : [])) : undefined,
    id === 'cn-ecom' ? ecomPublication('CN.publishDeclaration', 'the declaration and the result', (f) => (valid(f) ? f.history.all('counter_notice.submitted').map((d) => d.recordedAt) : [])) : undefined,
    {
      key: 'CN.publish',
      basis: 'default_sla',
      source: 'RNDI Regulations Art 15',
      derive(f, base) {
        const published = valid(f) ? publishedNotice(f) : undefined;
        return published && { ...base, window: daysWindow(f.notice.recordedAt, f.sla('CN.publish')), metAt: published.recordedAt, notApplicable: f.fallAway };
      },
    },
    {
      key: 'CN.measure',
      basis: 'default_sla',
      source: sources.measure,
      derive(f, base) {
        if (!valid(f)) return undefined;
        const basicNetwork = roleOf(f.context.provider) === 'basic_network';
        const measure = necessaryMeasure(f, f.notice.recordedAt);
        return {
          ...base,
          source: basicNetwork ? `${base.source}; Aliyun v. Locojoy (Beijing IP Court, 2019)` : base.source,
          window: daysWindow(f.notice.recordedAt, f.sla('CN.measure')),
          metAt: measure?.recordedAt,
          notApplicable: f.fallAway,
          note: basicNetwork ? 'basic network service: forwarding counts as the necessary measure' : '',
        };
      },
    },
    { key: 'CN.terminate', basis: 'default_sla', source: sources.wait, derive: (f, base) => f.noticed && terminate(f, base) },
    {
      key: 'CN.adminRequest',
      basis: 'default_sla',
      source: 'RNDI Regulations Art 13, Art 25; SPC Provisions on personal-rights network disputes Art 4',
      derive: (f, base) => f.history.all('disclosure.requested', (r) => r.data.route === 'admin_request' || r.data.route === 'court_order').map((request) => adminRequest(f, base, request)),
    },
  ];
  return duties.filter((d): d is DutyRule<CnFacts> => !!d && !edition.without.includes(d.key));
}

/** Necessary measures by service type: for basic network services forwarding the notice may suffice (Aliyun v. Locojoy). */
function necessaryMeasure(f: CnFacts, after: string): Happened | undefined {
  return roleOf(f.context.provider) === 'basic_network'
    ? f.history.first(['measure.taken', 'notice.forwarded'], after)
    : f.history.first('measure.taken', after, (m) => m.data.measure !== 'forward_only');
}

/** An administrative or court request for user data: answered by its return date, else within working days. */
function adminRequest(f: CnFacts, base: DutyBase, request: Happened<'disclosure.requested'>): ObligationSpec {
  const answered = f.history.first(['disclosure.granted', 'disclosure.refused'], request.recordedAt);
  const returnDate = request.data.returnDate;
  const window = returnDate ? dateWindow(returnDate, CN_TZ) : dateWindow(nthWorkingDayAfter(localDateOf(request.recordedAt, CN_TZ), f.sla('CN.adminRequest'), CN_WORKING_DAYS), CN_TZ);
  return {
    ...base,
    source: request.data.route === 'admin_request' ? 'RNDI Regulations Art 13, Art 25' : 'SPC Provisions on personal-rights network disputes Art 4',
    window,
    metAt: f.history.first('disclosure.granted', request.recordedAt)?.recordedAt,
    note: answered?.type === 'disclosure.refused' ? 'refused' : returnDate ? `return date ${returnDate}` : '',
  };
}

function makePack(edition: CnEdition): RulePack {
  const { id } = edition;
  const table = cnDuties(edition);
  return {
    id: id as Pack,
    version: edition.version,
    timeZone: () => CN_TZ,
    assess: (history) => assess(edition, history),
    duties: dutiesOf(table),
    serviceOf: (kind) => classify(CN_SERVICES, kind),
    repeatInfringerDefault: { strikes: 3, windowDays: 180, action: 'suspend', actionWithinDays: 1, countDisputed: false, actionInWorkingDays: false },
    workingDays: () => CN_WORKING_DAYS,
    // Erroneous notices make the notifier liable, malicious ones doubly (E-Commerce Law Art 42 ¶3): no threshold in law.
    misuseDefault: { ...LEDGER_MISUSE_DEFAULT, source: 'Civil Code Art 1195 ¶3; E-Commerce Law Art 42 ¶3 (liability; the thresholds are this ledger\'s)', basis: 'default' },
    restorationDuty: edition.without.includes('CN.terminate') ? undefined : 'CN.terminate',
    calendarCovers: cnScheduleCovers,
    // A provider's failure to review proactively is not fault (SPC 2012 Provisions Art 8 ¶2).
    noGeneralMonitoring: { source: 'SPC Provisions on network dissemination disputes (2012) Art 8 ¶2', basis: 'statutory' },
    jurisdiction: 'CN',
    reasonSources: {
      REPEAT_INFRINGER_NOT_ACTIONED: { source: 'the provider\'s repeat-infringer policy or this ledger\'s default (no statutory threshold in PRC law)', basis: 'default' },
      MEASURE_DISPROPORTIONATE: { source: 'Civil Code Art 1195 ¶2 (measures by the type of service); Aliyun v. Locojoy (Beijing IP Court, 2019)', basis: 'case_law' },
    },

    judge(history: CaseHistory, context: PackContext): CaseJudgement {
      const facts: CnFacts = {
        id,
        history,
        context,
        assessment: history.notice ? assess(edition, history) : NO_NOTICE,
        notice: history.opening!,
        noticed: !!history.notice,
        knowledge: knowledgeOf(history, this.noGeneralMonitoring),
        fallAway: noticeDutyFallsAway(id, context.provider) ?? (history.first('notice.withdrawn') ? 'withdrawn' : undefined),
        sla: (key) => context.slaDays(key, CN_DEFAULTS[key]),
      };
      const { knowledge, setAside } = facts.knowledge;
      const disproportionate = disproportionateMeasures(history, context.provider);
      return {
        pack: `${id}@${edition.version}`,
        assessment: facts.assessment,
        obligations: deriveDuties(table, facts, context.provider.id, CN_TZ),
        knowledge,
        setAside,
        ...(disproportionate.length ? { disproportionate } : {}),
      };
    },

    protection(obligations: readonly ObligationOutcome[], judgement: CaseJudgement): Protection {
      // A disproportionate measure exposes the provider toward its user: the item is at risk at least.
      const reasons: Protection['reasons'] = judgement.disproportionate?.length ? [{ code: 'MEASURE_DISPROPORTIONATE' }] : [];
      let lost = false;
      for (const o of obligations) {
        if (o.status === 'missed' || o.status === 'late' || o.status === 'early') {
          reasons.push({ code: o.status === 'missed' ? 'OBLIGATION_MISSED' : o.status === 'late' ? 'OBLIGATION_LATE' : 'OBLIGATION_EARLY', obligation: o.key });
          // No necessary measure in time: joint liability for the enlarged damage (Civil Code 1195 ¶2).
          if ((o.key === 'CN.measure' || o.key === 'CN.actOnKnowledge') && o.status === 'missed') lost = true;
        }
      }
      return { status: lost ? 'lost_for_item' : reasons.length ? 'at_risk' : 'eligible', reasons };
    },

    providerStanding: ({ users }) => policyBreachesOnly(users),
  };
}

/**
 * E-Commerce Law Art 44: the platform makes public, promptly, the notices (Art 42) and declarations
 * (Art 43) it receives and what it did with them (`reasons.published`, with the reference of the
 * publication): one duty for the notice, one for each declaration.
 */
function ecomPublication(key: string, what: string, triggers: (f: CnFacts) => string[]): DutyRule<CnFacts> {
  return {
    key,
    basis: 'default_sla',
    source: `E-Commerce Law Art 44 (${what} made public promptly)`,
    derive: (f, base) =>
      triggers(f).map((from) => ({ ...base, window: daysWindow(from, f.sla('CN.ecomPublish')), metAt: f.history.first('reasons.published', from)?.recordedAt, notApplicable: f.fallAway })),
  };
}

/**
 * CN.terminate: after the declaration of non-infringement reaches the right holder (the forward), the
 * wait runs; with no complaint or lawsuit notified by its end, the measure is lifted timely after it.
 */
function terminate(f: CnFacts, spec: DutyBase): ObligationSpec | undefined {
  const { id, history, fallAway } = f;
  const declaration = history.first('counter_notice.submitted');
  if (!declaration || !history.first('measure.taken')) return undefined;
  const declaredAt = declaration.recordedAt;
  const lifted = history.first('measure.lifted', declaredAt);
  if (id === 'cn-rndi' && f.context.provider.policy?.packOptions?.cnRndiImmediateRestore) {
    // Legacy RNDI Art 17: restore immediately on the explanation, no wait.
    return { ...spec, source: 'RNDI Regulations Art 17 (legacy mode)', window: daysWindow(declaredAt, f.sla('CN.terminate')), metAt: lifted?.recordedAt, notApplicable: fallAway };
  }
  const arrived = history.first('counter_notice.forwarded', declaredAt);
  if (!arrived) return { ...spec, notApplicable: fallAway, note: 'the declaration has not been forwarded to the right holder: the wait has not begun' };
  const arrivalDate = localDateOf(arrived.recordedAt, CN_TZ);
  let waitEnd = id === 'cn-ecom' ? cnPeriodEnd(arrivalDate, CN_ECOM_WAIT_DAYS) : cnPeriodEnd(arrivalDate, f.sla('CN.civilWait'));
  if (id !== 'cn-ecom') {
    const cap = nthWorkingDayAfter(arrivalDate, CN_CIVIL_WAIT_CAP_WORKING_DAYS, CN_WORKING_DAYS);
    if (waitEnd > cap) waitEnd = cap;
  }
  const fromLocalDate = addDays(waitEnd, 1);
  const byLocalDate = cnPeriodEnd(waitEnd, f.sla('CN.terminate'));
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

export const cnCivil = makePack(editionOf('cn-civil'));
export const cnEcom = makePack(editionOf('cn-ecom'));
export const cnRndi = makePack(editionOf('cn-rndi'));
/** cn-civil before the Civil Code: Tort Law Art 36 (1 July 2010 to 31 December 2020). */
export const cnCivilTortLaw = makePack(TORT_LAW);
