import { endOfLocalDay, localDateOf, nthWorkingDayAfter, startOfLocalDay, type WorkingDays } from './calendar.js';

/** Obligation statuses and output shape: JURISDICTIONS.md §0.3, the contract. */
export type ObligationStatus = 'pending' | 'met' | 'late' | 'missed' | 'early' | 'not_applicable';
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
  note?: string;
}

export function evaluate(spec: ObligationSpec, asOf: string): Obligation {
  const { window, metAt, notApplicable } = spec;
  let status: ObligationStatus;
  if (notApplicable) status = 'not_applicable';
  else if (!window) status = metAt ? 'met' : 'pending';
  else if (metAt) status = window.from && metAt < window.from ? 'early' : metAt <= window.by ? 'met' : 'late';
  else status = asOf > window.by ? 'missed' : 'pending';
  return {
    key: spec.key,
    party: spec.party,
    basis: spec.basis,
    source: spec.source,
    ...(window?.from ? { from: window.from, fromLocalDate: window.fromLocalDate } : {}),
    ...(window ? { by: window.by, byLocalDate: window.byLocalDate } : {}),
    timeZone: spec.timeZone,
    metAt: metAt ?? null,
    status,
    note: notApplicable ?? spec.note ?? '',
  };
}

/** N working days after the trigger's local day, ending at the end of the last one. */
export function workingDaysWindow(trigger: string, n: number, timeZone: string, days: WorkingDays): Window {
  const byLocalDate = n === 0 ? localDateOf(trigger, timeZone) : nthWorkingDayAfter(localDateOf(trigger, timeZone), n, days);
  return { by: endOfLocalDay(byLocalDate, timeZone), byLocalDate, timeZone };
}

/** A window that opens at the start of working day `min` and closes at the end of working day `max` after the trigger. */
export function openingWindow(trigger: string, min: number, max: number, timeZone: string, days: WorkingDays): Window {
  const triggerDate = localDateOf(trigger, timeZone);
  const fromLocalDate = nthWorkingDayAfter(triggerDate, min, days);
  const byLocalDate = nthWorkingDayAfter(triggerDate, max, days);
  return { from: startOfLocalDay(fromLocalDate, timeZone), fromLocalDate, by: endOfLocalDay(byLocalDate, timeZone), byLocalDate, timeZone };
}

/** A duty due at the very instant of its trigger (the EU statement of reasons, with the measure). */
export function instantWindow(trigger: string, timeZone: string): Window {
  return { by: trigger, byLocalDate: localDateOf(trigger, timeZone), timeZone };
}

/** A window ending at the end of a given local date (a subpoena's return date). */
export function dateWindow(localDate: string, timeZone: string): Window {
  return { by: endOfLocalDay(localDate, timeZone), byLocalDate: localDate, timeZone };
}
