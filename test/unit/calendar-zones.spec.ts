import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { endOfLocalDay, localDateOf, startOfLocalDay } from '../../src/domain/jurisdictions/calendar.js';

/**
 * The calendar reads a zone's offsets (cached per day, else per hour) and works out a local day's
 * bounds from them where no transition falls within the day. Checked here against luxon asked
 * directly, day by day, in zones whose transitions are at or near midnight (the hard cases: days of
 * 23 and 25 hours), of half and quarter hours (Tehran changed on the half hour in UTC, which an
 * hourly cache once got wrong), that skipped a whole day, and zones the packs name.
 */
const ZONES = [
  'America/New_York', 'Europe/Brussels', 'Europe/Dublin', 'Asia/Shanghai', 'Asia/Tokyo', 'Atlantic/Azores',
  'America/Santiago', 'America/Havana', 'Asia/Beirut', 'America/Sao_Paulo', 'Africa/Casablanca', 'Asia/Gaza',
  'Asia/Amman', 'Asia/Damascus', 'Africa/Cairo', 'Asia/Tehran', 'America/Asuncion', 'America/Godthab',
  'Pacific/Apia', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Antarctica/Troll', 'UTC',
];
const YEARS = [2011, 2018, 2026];

const luxonStart = (date: string, zone: string) => DateTime.fromISO(date, { zone }).startOf('day').toUTC().toISO();
const luxonEnd = (date: string, zone: string) => DateTime.fromISO(date, { zone }).endOf('day').toUTC().toISO();
const luxonDate = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate();

function* daysOf(year: number): Generator<string> {
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

describe('local days in any zone, against luxon', () => {
  it.each(ZONES)('every day of %s has the bounds luxon gives, transition days included', (zone) => {
    let transitionDays = 0;
    let compared = 0;
    for (const year of YEARS) {
      for (const date of daysOf(year)) {
        if (!DateTime.fromISO(date, { zone }).isValid) continue;
        expect([date, startOfLocalDay(date, zone), endOfLocalDay(date, zone)]).toEqual([date, luxonStart(date, zone), luxonEnd(date, zone)]);
        compared++;
        const utcMidnight = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
        if (DateTime.fromMillis(utcMidnight, { zone }).offset !== DateTime.fromMillis(utcMidnight + 86_399_999, { zone }).offset) transitionDays++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    if (zone !== 'UTC' && zone !== 'Asia/Kathmandu' && zone !== 'Asia/Tokyo' && zone !== 'Asia/Shanghai') expect(transitionDays).toBeGreaterThan(0);
  });

  it.each(ZONES)('every quarter hour around the transitions of %s falls on the local date luxon gives', (zone) => {
    let checked = 0;
    for (const year of YEARS) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const changes = DateTime.fromMillis(t, { zone }).offset !== DateTime.fromMillis(t + 86_399_999, { zone }).offset;
        // Transition days and the days either side at every quarter hour; other days at two instants.
        const instants = changes ? Array.from({ length: 3 * 96 }, (_, i) => t - 86_400_000 + i * 900_000) : [t + 1, t + 43_200_000];
        for (const ms of instants) {
          expect([ms, localDateOf(new Date(ms).toISOString(), zone)]).toEqual([ms, luxonDate(ms, zone)]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('a day that ends with a fall back at midnight lasts 25 hours (Santiago, 2011-05-07)', () => {
    // Chile went from -03:00 to -04:00 at 24:00 on 7 May 2011: the day ran on to 23:59:59.999 at -04:00.
    expect(startOfLocalDay('2011-05-07', 'America/Santiago')).toBe('2011-05-07T03:00:00.000Z');
    expect(endOfLocalDay('2011-05-07', 'America/Santiago')).toBe('2011-05-08T03:59:59.999Z');
  });

  it('a day whose midnight does not exist starts at the first instant after the gap (Santiago, 2026-09-06)', () => {
    // Chile moves from -04:00 to -03:00 at 24:00 on the first Saturday of September: Sunday starts at 01:00 local.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(endOfLocalDay('2026-09-05', 'America/Santiago')).toBe('2026-09-06T03:59:59.999Z');
  });

  it('an instant that is not one, or a zone that does not exist, is refused by name', () => {
    expect(() => localDateOf('yesterday', 'Europe/Brussels')).toThrow('bad instant: yesterday');
    expect(() => localDateOf('2026-03-01T00:00:00.000Z', 'Mars/Olympus_Mons')).toThrow('bad time zone: Mars/Olympus_Mons');
    expect(() => endOfLocalDay('2026-03-01', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('a date that is not in the calendar is refused', () => {
    expect(() => endOfLocalDay('2026-02-30', 'Europe/Brussels')).toThrow(RangeError);
    expect(() => endOfLocalDay('2026-2-3', 'Europe/Brussels')).toThrow(RangeError);
  });
});
