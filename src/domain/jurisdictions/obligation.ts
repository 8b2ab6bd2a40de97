import { endOfLocalDay, localDateOf, nthWorkingDayAfter, startOfLocalDay, type WorkingDays } from './calendar.js';

/** Obligation statuses and output shape: JURISDICTIONS.md §0.3, the contract. */
export const OBLIGATION_STATUSES = ['pending', 'met', 'late', 'missed', 'early', 'not_applicable'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export type Basis = 'statutory' | 'default_sla';

export interface Window {
  /** Start of a window that opens later (the US put-back), else undefined. */
  from?: string;
  by: string;
  fromLocalDate?: string;
  byLocalDate: string;
  timeZone: string;
}

export interface Obligation extends Partial<Window> {
  key: string;
  party: string;
  basis: Basis;
  source: string;
  timeZone: string;
  metAt: string | null;
  status: ObligationStatus;
  note: string;
}

/** What a pack derives for one duty; evaluate() turns it into an Obligation as of a time. */
export interface ObligationSpec {
  key: string;
  party: string;
  basis: Basis;
  source: string;
  timeZone: string;
  window?: Window;
  metAt?: string;
  /** Set when the duty fell away; the note says why (e.g. `litigation_pending`). */
  notApplicable?: string;
  /** A status the pack decided itself, where the window alone cannot tell (Japan's sender inquiry). */
  status?: ObligationStatus;
  /** What an unmet duty becomes once `by` has passed: `missed` (default), or `not_applicable` for an option not taken. */
  lapse?: 'missed' | 'not_applicable';
  note?: string;
}

/** An obligation's key and status alone: what tallies and protection need. */
export type ObligationOutcome = Pick<Obligation, 'key' | 'status'>;

export function statusOf(spec: ObligationSpec, asOf: string): ObligationStatus {
  const { window, metAt, notApplicable } = spec;
  if (notApplicable) return 'not_applicable';
  if (spec.status) return spec.status;
  if (!window) return metAt ? 'met' : 'pending';
  if (metAt) return window.from && metAt < window.from ? 'early' : metAt <= window.by ? 'met' : 'late';
  return asOf > window.by ? (spec.lapse ?? 'missed') : 'pending';
}

/** The instants at which an obligation's status can still change with time (an unmet duty's deadline). */
export function statusChangesAt(spec: ObligationSpec): string | undefined {
  return spec.notApplicable || spec.status || spec.metAt || !spec.window ? undefined : spec.window.by;
}

/** The status time can no longer change (met, late, early, not applicable, fixed, pending without a window); null while a deadline can still turn it. */
export function settledStatus(spec: ObligationSpec, endOfTime: string): ObligationStatus | null {
  return statusChangesAt(spec) === undefined ? statusOf(spec, endOfTime) : null;
}

/**
 * When a case has an obligation of a status: as of any time t with after < t <= upTo ('' before
 * every time, `endOfTime` after every time). A status fixed whatever the time holds always; an unmet
 * duty is pending up to its deadline and its lapse after it; a case's spans are their union (one
 * interval each: every span starts before every time or ends after it).
 */
export interface StatusSpan {
  after: string;
  upTo: string;
}

export function statusSpans(specs: readonly ObligationSpec[], endOfTime: string): Map<ObligationStatus, StatusSpan> {
  const spans = new Map<ObligationStatus, StatusSpan>();
  const add = (status: ObligationStatus, after: string, upTo: string) => {
    const span = spans.get(status);
    if (!span) spans.set(status, { after, upTo });
    else spans.set(status, { after: after < span.after ? after : span.after, upTo: upTo > span.upTo ? upTo : span.upTo });
  };
  for (const spec of specs) {
    const settled = settledStatus(spec, endOfTime);
    if (settled) add(settled, '', endOfTime);
    else {
      add('pending', '', spec.window!.by);
      add(spec.lapse ?? 'missed', spec.window!.by, endOfTime);
    }
  }
  return spans;
}

export function evaluate(spec: ObligationSpec, asOf: string): Obligation {
  const { window, metAt, notApplicable } = spec;
  const status = statusOf(spec, asOf);
  // Built field by field (no spreads): compliance reports evaluate hundreds of thousands of these.
  const obligation: Obligation = { key: spec.key, party: spec.party, basis: spec.basis, source: spec.source, timeZone: spec.timeZone, metAt: metAt ?? null, status, note: notApplicable ?? spec.note ?? '' };
  if (window) {
    if (window.from) {
      obligation.from = window.from;
      obligation.fromLocalDate = window.fromLocalDate;
    }
    obligation.by = window.by;
    obligation.byLocalDate = window.byLocalDate;
  }
  return obligation;
}

/** Windows depend only on the trigger's local day, so they are shared by every case triggered that day. */
const windows = new Map<string, Window>();
function cachedWindow(key: string, build: () => Window): Window {
  let window = windows.get(key);
  if (!window) {
    window = build();
    if (windows.size > 100_000) windows.clear();
    windows.set(key, window);
  }
  return window;
}

/** N working days after the trigger's local day, ending at the end of the last one. */
export function workingDaysWindow(trigger: string, n: number, timeZone: string, days: WorkingDays): Window {
  const triggerDate = localDateOf(trigger, timeZone);
  return cachedWindow(`${days.id}|${timeZone}|${triggerDate}|${n}`, () => {
    const byLocalDate = n === 0 ? triggerDate : nthWorkingDayAfter(triggerDate, n, days);
    return { by: endOfLocalDay(byLocalDate, timeZone), byLocalDate, timeZone };
  });
}

/** A window that opens at the start of working day `min` and closes at the end of working day `max` after the trigger. */
export function openingWindow(trigger: string, min: number, max: number, timeZone: string, days: WorkingDays): Window {
  const triggerDate = localDateOf(trigger, timeZone);
  return cachedWindow(`${days.id}|${timeZone}|${triggerDate}|${min}-${max}`, () => {
    const fromLocalDate = nthWorkingDayAfter(triggerDate, min, days);
    const byLocalDate = nthWorkingDayAfter(triggerDate, max, days);
    return { from: startOfLocalDay(fromLocalDate, timeZone), fromLocalDate, by: endOfLocalDay(byLocalDate, timeZone), byLocalDate, timeZone };
  });
}

/** A duty due at the very instant of its trigger (the EU statement of reasons, with the measure). */
export function instantWindow(trigger: string, timeZone: string): Window {
  return { by: trigger, byLocalDate: localDateOf(trigger, timeZone), timeZone };
}

/** A window ending at the end of a given local date (a subpoena's return date). */
export function dateWindow(localDate: string, timeZone: string): Window {
  return { by: endOfLocalDay(localDate, timeZone), byLocalDate: localDate, timeZone };
}
