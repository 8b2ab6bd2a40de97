import { DateTime, Info, type Zone } from 'luxon';

/**
 * Legal time (JURISDICTIONS.md §0.5): periods counted in a pack's legal time zone, the trigger day
 * excluded, a period of N days ending at the end (23:59:59.999 local) of its last day. Local dates
 * are `YYYY-MM-DD` strings; instants are RFC 3339 UTC strings.
 */
export interface WorkingDays {
  /** Names the calendar (windows are cached by it). */
  readonly id: string;
  /** False for weekends, public holidays and other rest days of the calendar. */
  isWorkingDay(localDate: string): boolean;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Days since 1970-01-01 of a civil date: local-date arithmetic needs no time zone. */
export function dayNumber(localDate: string): number {
  const t = Date.UTC(Number(localDate.slice(0, 4)), Number(localDate.slice(5, 7)) - 1, Number(localDate.slice(8, 10)));
  if (!Number.isFinite(t) || localDate.length !== 10) throw new RangeError(`bad local date: ${localDate}`);
  return t / DAY_MS;
}

const dateStrings = new Map<number, string>();
export function dateOfDayNumber(day: number): string {
  let date = dateStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateStrings.size > 100_000) dateStrings.clear();
    dateStrings.set(day, date);
  }
  return date;
}

/** A zone as luxon reads a zone name (IANA, `UTC`, fixed offsets), checked once: asking its offset needs no DateTime. */
const zones = new Map<string, Zone>();
function zoneNamed(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = Info.normalizeZone(timeZone);
    if (!zone.isValid) throw new RangeError(`bad time zone: ${timeZone}`);
    if (zones.size > 10_000) zones.clear();
    zones.set(timeZone, zone);
  }
  return zone;
}

/**
 * UTC offset of a zone at an instant, cached per UTC day, else per hour, where the offset is the
 * same at the span's first and last millisecond (no transition within it: most days, and all but one
 * hour of a transition day); asked of the zone itself within the hour of a transition (zones of half
 * hours change on half hours). A year of instants costs a few hundred lookups of the zone's rules.
 */
const dayOffsets = new Map<string, number | null>();
const hourOffsets = new Map<string, number | null>();
function offsetMinutes(timeZone: string, ms: number): number {
  const zone = zoneNamed(timeZone);
  const day = Math.floor(ms / DAY_MS);
  const dayOffset = constantOffset(dayOffsets, zone, `${timeZone}|${day}`, day * DAY_MS, DAY_MS);
  if (dayOffset !== null) return dayOffset;
  const hour = Math.floor(ms / HOUR_MS);
  return constantOffset(hourOffsets, zone, `${timeZone}|${hour}`, hour * HOUR_MS, HOUR_MS) ?? zone.offset(ms);
}

/** The zone's offset over [from, from + length) when the same at both ends (cached), else null (cached too). */
function constantOffset(cache: Map<string, number | null>, zone: Zone, key: string, from: number, length: number): number | null {
  let offset = cache.get(key);
  if (offset === undefined) {
    const first = zone.offset(from);
    offset = first === zone.offset(from + length - 1) ? first : null;
    if (cache.size > 100_000) cache.clear();
    cache.set(key, offset);
  }
  return offset;
}

export function localDateOf(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`bad instant: ${instant}`);
  return dateOfDayNumber(Math.floor((ms + offsetMinutes(timeZone, ms) * 60_000) / DAY_MS));
}

const dayBounds = new Map<string, { start: string; end: string }>();
function boundsOf(localDate: string, timeZone: string): { start: string; end: string } {
  const key = `${timeZone}|${localDate}`;
  let bounds = dayBounds.get(key);
  if (!bounds) {
    bounds = boundsWithoutTransition(localDate, timeZone) ?? boundsByLuxon(localDate, timeZone);
    if (dayBounds.size > 100_000) dayBounds.clear();
    dayBounds.set(key, bounds);
  }
  return bounds;
}

/**
 * A local day's first and last millisecond from the zone's offset, when one offset holds from just
 * before its midnight to just after its end (no transition within or at its bounds); undefined
 * otherwise, or for a date that is not a calendar date (luxon then decides, or refuses it).
 */
function boundsWithoutTransition(localDate: string, timeZone: string): { start: string; end: string } | undefined {
  let day: number;
  try {
    day = dayNumber(localDate);
  } catch {
    return undefined;
  }
  if (dateOfDayNumber(day) !== localDate) return undefined;
  const offsetMs = offsetMinutes(timeZone, day * DAY_MS) * 60_000;
  const start = day * DAY_MS - offsetMs;
  const end = start + DAY_MS - 1;
  // The instants either side too: a transition at midnight itself makes a day of 23 or 25 hours.
  for (const ms of [start - 1, start, end, end + 1]) if (offsetMinutes(timeZone, ms) * 60_000 !== offsetMs) return undefined;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

function boundsByLuxon(localDate: string, timeZone: string): { start: string; end: string } {
  const day = DateTime.fromISO(localDate, { zone: timeZone });
  return { start: toUtc(day.startOf('day')), end: toUtc(day.endOf('day')) };
}

export function startOfLocalDay(localDate: string, timeZone: string): string {
  return boundsOf(localDate, timeZone).start;
}

export function endOfLocalDay(localDate: string, timeZone: string): string {
  return boundsOf(localDate, timeZone).end;
}

export function addDays(localDate: string, days: number): string {
  return dateOfDayNumber(dayNumber(localDate) + days);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(localDate: string, years: number): string {
  const year = Number(localDate.slice(0, 4)) + years;
  const month = Number(localDate.slice(5, 7));
  const day = Number(localDate.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${localDate.slice(5, 7)}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

export function isWeekend(localDate: string): boolean {
  const weekday = (dayNumber(localDate) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
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

function toUtc(dt: DateTime): string {
  if (!dt.isValid) throw new RangeError(`bad local date: ${dt.invalidExplanation}`);
  return dt.toUTC().toISO() as string;
}
