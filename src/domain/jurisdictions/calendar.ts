import { DateTime } from 'luxon';

/**
 * Legal time (JURISDICTIONS.md §0.5): periods counted in a pack's legal time zone, the trigger day
 * excluded, a period of N days ending at the end (23:59:59.999 local) of its last day. Local dates
 * are `YYYY-MM-DD` strings; instants are RFC 3339 UTC strings.
 */
export interface WorkingDays {
  /** False for weekends, public holidays and other rest days of the calendar. */
  isWorkingDay(localDate: string): boolean;
}

export function localDateOf(instant: string, timeZone: string): string {
  return zoned(instant, timeZone).toISODate() as string;
}

export function startOfLocalDay(localDate: string, timeZone: string): string {
  return toUtc(DateTime.fromISO(localDate, { zone: timeZone }).startOf('day'));
}

export function endOfLocalDay(localDate: string, timeZone: string): string {
  return toUtc(DateTime.fromISO(localDate, { zone: timeZone }).endOf('day'));
}

export function addDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

export function addYears(localDate: string, years: number): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ years }).toISODate() as string;
}

export function isWeekend(localDate: string): boolean {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).weekday >= 6;
}

/** The n-th working day after the trigger day (which is not counted). Precondition: n >= 1. */
export function nthWorkingDayAfter(triggerDate: string, n: number, days: WorkingDays): string {
  let date = triggerDate;
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (days.isWorkingDay(date)) counted++;
  }
  return date;
}

/** The first working day on or after `date`. */
export function rollForwardToWorkingDay(date: string, days: WorkingDays): string {
  let day = date;
  while (!days.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * A period of `months` months from the trigger day (Reg. 1182/71 Art 3(2)(c)): it ends on the day of
 * the last month with the trigger day's number, or the month's last day when there is none.
 */
export function monthsAfter(triggerDate: string, months: number): string {
  return DateTime.fromISO(triggerDate, { zone: 'UTC' }).plus({ months }).toISODate() as string;
}

function zoned(instant: string, timeZone: string): DateTime {
  const dt = DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone);
  if (!dt.isValid) throw new RangeError(`bad instant or time zone: ${instant} in ${timeZone}`);
  return dt;
}

function toUtc(dt: DateTime): string {
  if (!dt.isValid) throw new RangeError(`bad local date: ${dt.invalidExplanation}`);
  return dt.toUTC().toISO() as string;
}
