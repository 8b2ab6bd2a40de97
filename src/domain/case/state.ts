import type { ActData } from '../acts/envelope.js';
import type { Pack } from '../acts/primitives.js';
import type { RecordedAct } from '../recorded-act.js';
import { effectiveAct } from './history-act.js';

/** What the deciders and actor rules need to know of a case; the legal views are projections. */
export interface CaseState {
  id: string;
  opened: boolean;
  pack?: Pack;
  provider?: string;
  /** Who sent the notice: the actor of notice.submitted, or the `notifier` of notice.received. */
  notifier?: string;
  /** The user whose content is at issue, once the notice or the forward names one. */
  user?: string;
  openedAt?: string;
  withdrawn: boolean;
  measuresTaken: number;
  /** Locators currently under a measure (taken and not lifted). */
  itemsUnderMeasure: string[];
  counterNotices: number;
  counterNoticesForwarded: number;
  complaintsLodged: number;
  complaintsDecided: number;
  inquiries: number;
  inquiryReplies: number;
  disclosureRequests: number;
  disclosureDecisions: number;
  opinionRequests: number;
  opinionsGiven: number;
  actionsFiled: number;
  /** Acts recorded as they happened; attested history may only come before them. */
  liveActs: number;
  /** When the last attested act of the case's history occurred. */
  attestedUntil?: string;
  revision: number;
}

export function initialCaseState(id: string): CaseState {
  return {
    id,
    opened: false,
    withdrawn: false,
    measuresTaken: 0,
    itemsUnderMeasure: [],
    counterNotices: 0,
    counterNoticesForwarded: 0,
    complaintsLodged: 0,
    complaintsDecided: 0,
    inquiries: 0,
    inquiryReplies: 0,
    disclosureRequests: 0,
    disclosureDecisions: 0,
    opinionRequests: 0,
    opinionsGiven: 0,
    actionsFiled: 0,
    liveActs: 0,
    revision: -1,
  };
}

/** The acts that open a case: a notice, or the provider's awareness without one. */
export const OPENING_ACTS: ReadonlySet<string> = new Set(['notice.submitted', 'notice.received', 'awareness.recorded']);

/** Whether an act opens its case: an opening act, or the attested history of one. */
export function opensCase(act: { type: string; data: unknown }): boolean {
  if (act.type === 'history.attested') return OPENING_ACTS.has((act.data as ActData<'history.attested'>).act.type);
  return OPENING_ACTS.has(act.type);
}

/** The provider an opening act names (in attested history, the past act's). */
export function openingProvider(act: { type: string; data: unknown }): string | undefined {
  const data = act.type === 'history.attested' ? (act.data as ActData<'history.attested'>).act.data : act.data;
  return (data as { provider?: string }).provider;
}

/** Who sent a notice: its signer, or the `notifier` a provider names in a notice it received; undefined for any other act. */
export function notifierOfNotice(act: { type: string; actor: string; data: unknown }): string | undefined {
  if (act.type === 'notice.received') return (act.data as ActData<'notice.received'>).notifier;
  return act.type === 'notice.submitted' ? act.actor : undefined;
}

export function evolveCase(state: CaseState, recorded: RecordedAct): CaseState {
  if (recorded.act.type !== 'history.attested') return applyAct({ ...state, liveActs: state.liveActs + 1 }, recorded);
  // An attested act of the past moves the case as the act itself did when it occurred.
  const past = effectiveAct(recorded);
  return { ...applyAct(state, past), attestedUntil: past.recordedAt };
}

function applyAct(state: CaseState, recorded: RecordedAct): CaseState {
  const { act, revision, recordedAt } = recorded;
  const s = { ...state, revision };
  switch (act.type) {
    case 'notice.submitted':
    case 'notice.received': {
      const data = act.data as ActData<'notice.submitted'> | ActData<'notice.received'>;
      const notifier = notifierOfNotice(act);
      return { ...s, opened: true, pack: data.pack, provider: data.provider, notifier, user: data.user, openedAt: recordedAt };
    }
    case 'awareness.recorded': {
      // No notifier: the case rests on the provider's own knowledge.
      const data = act.data as ActData<'awareness.recorded'>;
      return { ...s, opened: true, pack: data.pack, provider: data.provider, user: data.user, openedAt: recordedAt };
    }
    case 'notice.forwarded': {
      const { user } = act.data as ActData<'notice.forwarded'>;
      // The provider knows its uploader: its forward names the case's user when the notice did not or named another.
      return user ? { ...s, user } : s;
    }
    case 'notice.withdrawn':
      return { ...s, withdrawn: true };
    case 'measure.taken': {
      const { items } = act.data as ActData<'measure.taken'>;
      return { ...s, measuresTaken: s.measuresTaken + 1, itemsUnderMeasure: union(s.itemsUnderMeasure, items) };
    }
    case 'measure.lifted': {
      const lifted = new Set((act.data as ActData<'measure.lifted'>).items);
      return { ...s, itemsUnderMeasure: s.itemsUnderMeasure.filter((item) => !lifted.has(item)) };
    }
    case 'counter_notice.submitted':
      return { ...s, counterNotices: s.counterNotices + 1 };
    case 'counter_notice.forwarded':
      return { ...s, counterNoticesForwarded: s.counterNoticesForwarded + 1 };
    case 'complaint.lodged':
      return { ...s, complaintsLodged: s.complaintsLodged + 1 };
    case 'complaint.decided':
      return { ...s, complaintsDecided: s.complaintsDecided + 1 };
    case 'sender.inquired':
      return { ...s, inquiries: s.inquiries + 1 };
    case 'sender.replied':
      return { ...s, inquiryReplies: s.inquiryReplies + 1 };
    case 'disclosure.requested':
      return { ...s, disclosureRequests: s.disclosureRequests + 1 };
    case 'disclosure.opinion_requested':
      return { ...s, opinionRequests: s.opinionRequests + 1 };
    case 'disclosure.opinion_given':
      return { ...s, opinionsGiven: s.opinionsGiven + 1 };
    case 'disclosure.granted':
    case 'disclosure.refused':
      return { ...s, disclosureDecisions: s.disclosureDecisions + 1 };
    case 'action.filed':
      return { ...s, actionsFiled: s.actionsFiled + 1 };
    case 'finding.recorded':
      // A court's disclosure order is a demand the provider must answer, like a request.
      return (act.data as ActData<'finding.recorded'>).outcome === 'disclosure_ordered' ? { ...s, disclosureRequests: s.disclosureRequests + 1 } : s;
    default:
      return s;
  }
}

function union(current: string[], added: string[]): string[] {
  const seen = new Set(current);
  return [...current, ...added.filter((item) => !seen.has(item) && (seen.add(item), true))];
}
