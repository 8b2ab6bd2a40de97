import type { ActData } from '../acts/envelope.js';
import type { Pack } from '../acts/primitives.js';
import { PROVIDER_KINDS } from '../acts/vocabulary.js';
import { classify, type ServiceTable } from './service-class.js';
import { addDays, endOfLocalDay, localDateOf, startOfLocalDay } from './calendar.js';
import type { CaseHistory, Happened } from './case-history.js';
import { deriveDuties, dutiesOf, type DutyBase, type DutyRule } from './duty-table.js';
import { jpCourtMonthsEnd, jpDaysEnd, JP_BUSINESS_DAYS } from './jp-calendar.js';
import type { ObligationOutcome, ObligationSpec, ObligationStatus, Window } from './obligation.js';
import { awarenessDuty, knowledgeOf, NO_NOTICE, type KnowledgeFacts } from './knowledge.js';
import { LEDGER_MISUSE_DEFAULT, policyBreachesOnly } from './provider-standing.js';
import { elementsOf, manifestlyUnfounded, type Assessment, type CaseJudgement, type Citation, type PackContext, type Protection, type RulePack } from './rule-pack.js';
import type { PartyState } from '../party/state.js';

/**
 * Japan (JURISDICTIONS.md §5, §6): the Provider Liability Limitation Act (jp-plla) and, for designated
 * large providers, the Information Distribution Platform Act (jp-idpa). Days count per Civil Code
 * Arts 140-143 (initial day excluded, month periods ending the day before the corresponding date), in
 * Asia/Tokyo; Art 142's roll-forward is a provider option (`packOptions.jpRollForward`).
 */
export const JP_DEFAULTS = {
  /** Art 3(2)(ii): days the sender has to object after receiving the inquiry. */
  'JP.senderInquiryWait': 7,
  /** IDPA: days to notify the requester of the decision (ordinance). */
  'JP.idpaNotify': 7,
  /** Practice: days for the sender's opinion on a disclosure request. */
  'JP.opinionHearing': 14,
  /** Days to disclose once a disclosure order is final. */
  'JP.disclosureAfterFinal': 7,
  /** Days to block once the provider knows (Art 3(1) sets no period: a default of ours). */
  'JP.actOnKnowledge': 2,
} as const;
export const JP_OBJECTION_SUIT_MONTHS = 1;
export const JP_TZ = 'Asia/Tokyo';

type JpPack = 'jp-plla' | 'jp-idpa';
/** What a request must show to open the inquiry route: the information, the right infringed, and why (Art 3(2)(ii)). */
const ELEMENTS = {
  location: { source: 'PLLA/IDPA Art 3(2)(ii) (the information infringing the right)', basis: 'statutory' },
  right: { source: 'PLLA/IDPA Art 3(2)(ii) (the right infringed)', basis: 'statutory' },
  reasons: { source: 'PLLA/IDPA Art 3(2)(ii) (the reasons it is infringed)', basis: 'statutory' },
} as const satisfies Record<string, Citation>;

function assess(history: CaseHistory): Assessment {
  const data = history.notice?.data as ActData<'notice.submitted'> | undefined;
  const present = { location: (data?.items?.length ?? 0) > 0, right: (data?.works?.length ?? 0) > 0, reasons: !!data?.explanation?.trim() };
  const { elements, missing } = elementsOf(ELEMENTS, present);
  if (manifestlyUnfounded(history)) return { status: 'manifestly_unfounded', missing, elements };
  // Without information, right and reasons the request cannot open the Art 3(2)(ii) inquiry route.
  return { status: missing.length ? 'incomplete' : 'valid', missing, elements };
}

const dayEnd = (localDate: string): Window => ({ by: endOfLocalDay(localDate, JP_TZ), byLocalDate: localDate, timeZone: JP_TZ });

/** 2026.2: a removal on a consent the sender refused has no Art 3(2)(ii) shield; the objection period is a court period (CPC Art 95(3)). */
const JP_VERSION = '2026.2';

/** What the Japanese duties read of a case, worked out once. */
interface JpFacts {
  history: CaseHistory;
  provider: PartyState;
  /** The act that opened the case (a notice, or the provider's awareness); `noticed`: it was a notice. */
  notice: Happened;
  noticed: boolean;
  knowledge: KnowledgeFacts;
  /** Civil Code Art 142's roll-forward, by provider option (JURISDICTIONS.md §11.6). */
  roll: boolean;
  sla(key: keyof typeof JP_DEFAULTS): number;
}

/** The Japanese duties of one pack, one rule each (JURISDICTIONS.md §5.2-§5.4, §6). */
function jpDuties(idpa: boolean): DutyRule<JpFacts>[] {
  const duties: (DutyRule<JpFacts> | undefined)[] = [
    {
      // Art 3(1): liable for not blocking when blocking was possible and the provider knew, or had adequate reason to know.
      key: 'JP.actOnKnowledge',
      basis: 'default_sla',
      source: 'PLLA/IDPA Art 3(1)',
      derive(f, base) {
        const removal = f.history.first('measure.taken', undefined, (m) => m.data.measure !== 'forward_only');
        return awarenessDuty(f.knowledge, base, (at) => dayEnd(jpDaysEnd(localDateOf(at, JP_TZ), f.sla('JP.actOnKnowledge'), f.roll)), removal?.recordedAt);
      },
    },
    {
      key: 'JP.senderInquiryWait',
      basis: 'statutory',
      source: 'PLLA/IDPA Art 3(2)(ii)',
      derive: (f, base) => f.history.all('sender.inquired').map((inquiry) => senderInquiry(f.history, inquiry, f.sla('JP.senderInquiryWait'), f.roll, base)),
    },
    idpa
      ? {
          key: 'JP.idpaNotify',
          basis: 'statutory',
          source: 'IDPA (large providers): decision notice to the requester within 7 days',
          derive(f, base) {
            if (!f.noticed) return undefined;
            // Telling the requester that the sender is being consulted also meets the 7-day notice.
            const told = f.history.first('decision.notified', f.notice.recordedAt);
            return {
              ...base,
              window: dayEnd(jpDaysEnd(localDateOf(f.notice.recordedAt, JP_TZ), f.sla('JP.idpaNotify'), f.roll)),
              metAt: told?.recordedAt,
              notApplicable: f.provider.flags.largePlatform ? undefined : 'not a designated large provider',
              note: told?.data.decision === 'consulting_sender' ? 'requester told the sender is being consulted' : '',
            };
          },
        }
      : undefined,
    {
      key: 'JP.opinionHearing',
      basis: 'statutory',
      source: 'PLLA/IDPA Art 6(1)',
      derive: (f, base) =>
        f.history.all('disclosure.requested', (r) => r.data.route === 'jp_art5_request').map((request) => {
          const asked = f.history.first('disclosure.opinion_requested', request.recordedAt);
          const decided = f.history.first(['disclosure.granted', 'disclosure.refused'], request.recordedAt);
          const heardFirst = asked && (!decided || asked.recordedAt <= decided.recordedAt);
          const status: ObligationStatus | undefined = decided ? (heardFirst ? 'met' : 'missed') : undefined;
          return {
            ...base,
            window: dayEnd(jpDaysEnd(localDateOf(request.recordedAt, JP_TZ), f.sla('JP.opinionHearing'), f.roll)),
            metAt: heardFirst ? asked.recordedAt : undefined,
            status,
            note: decided && !heardFirst ? 'decided without hearing the sender' : '',
          };
        }),
    },
    {
      key: 'JP.disclosureAfterFinal',
      basis: 'default_sla',
      source: 'PLLA/IDPA Art 14 (objection suit within one month); Code of Civil Procedure Art 95(3)',
      derive: (f, base) => f.history.all('finding.recorded', (x) => x.data.outcome === 'disclosure_ordered').map((order) => disclosureAfterFinal(f, base, order)),
    },
  ];
  return duties.filter((d): d is DutyRule<JpFacts> => !!d);
}

/** Disclosure once an order is final: the objection suit period is a court period (CPC Art 95(3) moves its end past rest days and the year-end closure). */
function disclosureAfterFinal(f: JpFacts, base: DutyBase, order: Happened): ObligationSpec {
  const objectionEnd = jpCourtMonthsEnd(localDateOf(order.recordedAt, JP_TZ), JP_OBJECTION_SUIT_MONTHS);
  const finalFrom = addDays(objectionEnd, 1);
  const byLocalDate = jpDaysEnd(objectionEnd, f.sla('JP.disclosureAfterFinal'), f.roll);
  const suit = f.history.first('action.filed', order.recordedAt, (a) => a.recordedAt <= endOfLocalDay(objectionEnd, JP_TZ));
  return {
    ...base,
    window: { from: startOfLocalDay(finalFrom, JP_TZ), fromLocalDate: finalFrom, by: endOfLocalDay(byLocalDate, JP_TZ), byLocalDate, timeZone: JP_TZ },
    metAt: f.history.first('disclosure.granted', order.recordedAt)?.recordedAt,
    notApplicable: suit ? 'objection_suit: the decision is not final' : undefined,
    note: `objection period ends ${objectionEnd}`,
  };
}

/** `idpa`: the IDPA's large-provider duties apply (from 1 April 2025). */
/** The PLLA covers every specified telecommunications service provider (Art 2(3)); access and relay providers answer disclosure requests too (Art 5(2)). */
const JP_SERVICES: ServiceTable = Object.fromEntries(
  PROVIDER_KINDS.map((kind) => [
    kind,
    kind === 'access' || kind === 'conduit' || kind === 'dns' || kind === 'cdn'
      ? { role: 'conduit', source: 'PLLA/IDPA Art 2(3), Art 5(2) (relay provider)', basis: 'statutory' }
      : { role: 'hosting', source: 'PLLA/IDPA Art 2(3)', basis: 'statutory' },
  ]),
) as unknown as ServiceTable;

function makePack(id: JpPack, version: string, idpa: boolean): RulePack {
  const table = jpDuties(idpa);
  return {
    id: id as Pack,
    version,
    timeZone: () => JP_TZ,
    assess,
    duties: dutiesOf(table),
    serviceOf: (kind) => classify(JP_SERVICES, kind),
    jurisdiction: 'JP',
    // No statutory repeat-infringer duty in Japan: a provider's own policy, else warnings by default.
    repeatInfringerDefault: { strikes: 3, windowDays: 90, action: 'warn', actionWithinDays: 7, countDisputed: false, actionInWorkingDays: false },
    workingDays: () => JP_BUSINESS_DAYS,
    // No misrepresentation provision: wrongful demands are torts (Civil Code Art 709); the thresholds are ours.
    misuseDefault: { ...LEDGER_MISUSE_DEFAULT, source: 'Civil Code Art 709 (tort; the thresholds are this ledger\'s)', basis: 'default' },
    reasonSources: {
      REPEAT_INFRINGER_NOT_ACTIONED: { source: 'the provider\'s repeat-infringer policy or this ledger\'s default (no statutory duty in Japan)', basis: 'default' },
    },

    judge(history: CaseHistory, context: PackContext): CaseJudgement {
      const provider = context.provider;
      const facts: JpFacts = {
        history,
        provider,
        notice: history.opening!,
        noticed: !!history.notice,
        knowledge: knowledgeOf(history, undefined),
        roll: provider.policy?.packOptions?.jpRollForward === true,
        sla: (key) => context.slaDays(key, JP_DEFAULTS[key]),
      };
      const { knowledge } = facts.knowledge;
      return { pack: `${id}@${version}`, assessment: history.notice ? assess(history) : NO_NOTICE, obligations: deriveDuties(table, facts, provider.id, JP_TZ), knowledge };
    },

    protection(obligations: readonly ObligationOutcome[]): Protection {
      const reasons: Protection['reasons'] = [];
      let lost = false;
      for (const o of obligations) {
        if (o.status !== 'missed' && o.status !== 'late' && o.status !== 'early') continue;
        reasons.push({ code: o.status === 'missed' ? 'OBLIGATION_MISSED' : o.status === 'late' ? 'OBLIGATION_LATE' : 'OBLIGATION_EARLY', obligation: o.key });
        // Removing before the 7 days without consent, or disclosing before the order is final, has no shield;
        // knowing and not blocking leaves the liability unlimited (Art 3(1)).
        if (o.status === 'early' || (o.key === 'JP.actOnKnowledge' && o.status === 'missed')) lost = true;
      }
      return { status: lost ? 'lost_for_item' : reasons.length ? 'at_risk' : 'eligible', reasons };
    },

    providerStanding: ({ users }) => policyBreachesOnly(users),
  };
}

/**
 * JP.senderInquiryWait (Art 3(2)(ii)): a removal shielded against the sender needs the sender's
 * consent, or no objection within 7 days of its receipt of the inquiry. A removal before then with
 * no consent and no own assessment (basis) has no shield: `early`.
 */
function senderInquiry(history: CaseHistory, inquiry: Happened<'sender.inquired'>, days: number, roll: boolean, base: DutyBase): ObligationSpec {
  const inquiredAt = inquiry.recordedAt;
  // The 7 days run from the sender's receipt: as the inquiry states it (never before it was sent), else from the sending, said so.
  const deliveredAt = inquiry.data.deliveredAt && inquiry.data.deliveredAt >= inquiredAt ? new Date(Date.parse(inquiry.data.deliveredAt)).toISOString() : undefined;
  const window = dayEnd(jpDaysEnd(localDateOf(deliveredAt ?? inquiredAt, JP_TZ), days, roll));
  const delivery = deliveredAt ? '' : 'delivery not stated: counted from the sending';
  const reply = history.first('sender.replied', inquiredAt);
  const removal = history.first('measure.taken', inquiredAt, (m) => m.data.measure !== 'forward_only');
  const spec = { ...base, window };
  if (removal?.data.basis === 'own_assessment') return { ...spec, metAt: removal.recordedAt, notApplicable: 'own_assessment: removal under Art 3(2)(i)' };
  const consented = reply?.data.consents === true && (!removal || reply.recordedAt <= removal.recordedAt);
  const objected = reply?.data.consents === false && reply.recordedAt <= window.by && (!removal || reply.recordedAt <= removal.recordedAt);
  // A removal on a consent the sender refused: no Art 3(2)(ii) shield (the provider had to decide under (i)).
  if (objected && removal?.data.basis === 'sender_consent') {
    return { ...spec, metAt: removal.recordedAt, status: 'early', note: `removed as consented though the sender objected on ${reply!.recordedAt}: no Art 3(2)(ii) shield` };
  }
  if (objected) return { ...spec, notApplicable: 'sender_objected: the provider must decide under Art 3(2)(i)' };
  if (removal) return { ...spec, metAt: removal.recordedAt, status: consented || removal.recordedAt > window.by ? 'met' : 'early', note: joinNotes(consented ? 'sender consented' : '', delivery) };
  if (consented) return { ...spec, status: 'pending', note: joinNotes('sender consented; not removed yet', delivery) };
  return { ...spec, lapse: 'not_applicable', note: joinNotes('not removed by the end of the wait', delivery) };
}

function joinNotes(...notes: string[]): string {
  return notes.filter(Boolean).join('; ');
}

export const jpPlla = makePack('jp-plla', JP_VERSION, false);
export const jpIdpa = makePack('jp-idpa', JP_VERSION, true);
/** jp-idpa before the IDPA took effect (1 April 2025): the PLLA, without the large-provider duties. */
export const jpIdpaBeforeIdpa = makePack('jp-idpa', 'plla-2022.1', false);
