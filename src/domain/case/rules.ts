import type { Act, ActData, CaseActType } from '../acts/envelope.js';
import type { CaseState } from './state.js';

/**
 * The state rules of a case, each a named predicate: what cannot happen in the case's state.
 * A rule returns undefined when the act may happen, or the reason it cannot.
 */
export interface StateRule {
  name: string;
  check(state: CaseState, act: Act): string | undefined;
  field?: string;
}

/** The field at fault is the act's `type` unless said otherwise: that act cannot happen in this state. */
const rule = (name: string, check: StateRule['check'], field = 'type'): StateRule => ({ name, check, field });

export const NoticeOpensNewCase = rule('NoticeOpensNewCase', (s) =>
  s.opened ? `case ${JSON.stringify(s.id)} already has a notice; a new notice opens a new case` : undefined, 'case');
export const CaseIsOpen = rule('CaseIsOpen', (s) => (s.opened ? undefined : `case ${JSON.stringify(s.id)} has no notice`), 'case');
export const NoticeNotWithdrawn = rule('NoticeNotWithdrawn', (s) => (s.withdrawn ? 'the notice was already withdrawn' : undefined));
export const MeasureWasTaken = rule('MeasureWasTaken', (s) => (s.measuresTaken > 0 ? undefined : 'no measure was taken in this case'));
export const CounterNoticeAwaitsForward = rule('CounterNoticeAwaitsForward', (s) =>
  s.counterNotices > s.counterNoticesForwarded ? undefined : 'there is no counter-notice left to forward');
export const LiftedItemsAreUnderMeasure = rule(
  'LiftedItemsAreUnderMeasure',
  (s, act) => {
    const notUnder = (act.data as ActData<'measure.lifted'>).items.filter((item) => !s.itemsUnderMeasure.includes(item));
    return notUnder.length ? `not under a measure: ${notUnder.join(', ')}` : undefined;
  },
  'data.items',
);
export const ComplaintIsOpen = rule('ComplaintIsOpen', (s) =>
  s.complaintsLodged > s.complaintsDecided ? undefined : 'there is no undecided complaint');
export const InquiryAwaitsReply = rule('InquiryAwaitsReply', (s) =>
  s.inquiries > s.inquiryReplies ? undefined : 'there is no unanswered inquiry to the sender');
export const DisclosureRequestIsOpen = rule('DisclosureRequestIsOpen', (s) =>
  s.disclosureRequests > s.disclosureDecisions ? undefined : 'there is no undecided disclosure request');
export const OpinionWasRequested = rule('OpinionWasRequested', (s) =>
  s.opinionRequests > s.opinionsGiven ? undefined : 'the provider has not asked for an opinion that is still unanswered');
/** A time an act claims for itself (a receipt, an awareness, an occurrence) is never after the act's own time. */
const claimedNotAfterAct = (name: string, key: 'receivedAt' | 'awareAt' | 'occurredAt'): StateRule =>
  rule(
    name,
    (_s, act) => {
      const claimed = (act.data as Record<string, unknown>)[key];
      return typeof claimed === 'string' && Date.parse(claimed) > Date.parse(act.at) ? `data.${key} (${claimed}) is after the act's own time (${act.at})` : undefined;
    },
    `data.${key}`,
  );
/** A provider cannot say it received a notice after it signed the act recording it. */
export const ReceivedBeforeRecorded = claimedNotAfterAct('ReceivedBeforeRecorded', 'receivedAt');
/** Awareness cannot be claimed later than the act that records it. */
export const AwareBeforeRecorded = claimedNotAfterAct('AwareBeforeRecorded', 'awareAt');
/** A finding's knowledge time and grounds belong to findings on knowledge. */
export const KnowledgeFieldsOnKnowledgeFindings = rule(
  'KnowledgeFieldsOnKnowledgeFindings',
  (_s, act) => {
    const { outcome, knowledgeAt, grounds } = act.data as ActData<'finding.recorded'>;
    if (['knew', 'should_have_known', 'no_knowledge'].includes(outcome)) return knowledgeAt && outcome === 'no_knowledge' ? 'a finding of no knowledge has no knowledgeAt' : undefined;
    return knowledgeAt || grounds ? `knowledgeAt and grounds belong to findings on knowledge (knew, should_have_known, no_knowledge), not ${outcome}` : undefined;
  },
  'data.outcome',
);
/** A case's attested history comes before anything recorded live in it. */
export const HistoryComesFirst = rule('HistoryComesFirst', (s) =>
  s.liveActs > 0 ? `case ${JSON.stringify(s.id)} already has acts recorded as they happened; attested history comes before them` : undefined);
/** A past act occurred before the attestation that records it. */
export const OccurredBeforeRecorded = claimedNotAfterAct('OccurredBeforeRecorded', 'occurredAt');
/** A case's history is recorded in the order it occurred. */
export const HistoryInOrder = rule(
  'HistoryInOrder',
  (s, act) => {
    const { occurredAt } = act.data as ActData<'history.attested'>;
    return s.attestedUntil && Date.parse(occurredAt) < Date.parse(s.attestedUntil) ? `data.occurredAt (${occurredAt}) is before the case's last attested act (${s.attestedUntil})` : undefined;
  },
  'data.occurredAt',
);
export const CaseHasUser = rule('CaseHasUser', (s) => (s.user ? undefined : 'the case has no known user yet'));

/** Which rules each act must pass, in order; the table is the catalogue's "needs" column. */
export const CASE_STATE_RULES: Record<CaseActType, StateRule[]> = {
  'notice.submitted': [NoticeOpensNewCase],
  'notice.received': [NoticeOpensNewCase, ReceivedBeforeRecorded],
  'awareness.recorded': [NoticeOpensNewCase, AwareBeforeRecorded],
  'notice.acknowledged': [CaseIsOpen],
  'notice.deficiency_contacted': [CaseIsOpen],
  'notice.forwarded': [CaseIsOpen],
  'notice.rejected': [CaseIsOpen],
  'notice.withdrawn': [CaseIsOpen, NoticeNotWithdrawn],
  'decision.notified': [CaseIsOpen],
  'measure.taken': [CaseIsOpen],
  'reasons.stated': [CaseIsOpen, MeasureWasTaken],
  'reasons.published': [CaseIsOpen, MeasureWasTaken],
  'counter_notice.submitted': [CaseIsOpen, MeasureWasTaken],
  'counter_notice.forwarded': [CaseIsOpen, CounterNoticeAwaitsForward],
  'action.filed': [CaseIsOpen],
  'measure.lifted': [CaseIsOpen, MeasureWasTaken, LiftedItemsAreUnderMeasure],
  'complaint.lodged': [CaseIsOpen],
  'complaint.decided': [CaseIsOpen, ComplaintIsOpen],
  'sender.inquired': [CaseIsOpen],
  'sender.replied': [CaseIsOpen, InquiryAwaitsReply],
  'disclosure.requested': [CaseIsOpen],
  'disclosure.opinion_requested': [CaseIsOpen, DisclosureRequestIsOpen],
  'disclosure.opinion_given': [CaseIsOpen, OpinionWasRequested],
  'disclosure.granted': [CaseIsOpen, DisclosureRequestIsOpen],
  'disclosure.refused': [CaseIsOpen, DisclosureRequestIsOpen],
  'finding.recorded': [CaseIsOpen, KnowledgeFieldsOnKnowledgeFindings],
  // And the state rules of the act it attests (decide.ts).
  'history.attested': [HistoryComesFirst, OccurredBeforeRecorded, HistoryInOrder],
};
