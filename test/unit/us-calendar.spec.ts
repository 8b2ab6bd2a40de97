import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addDays, endOfLocalDay, localDateOf, monthsAfter, nthWorkingDayAfter, startOfLocalDay } from '../../src/domain/jurisdictions/calendar.js';
import { openingWindow, workingDaysWindow } from '../../src/domain/jurisdictions/obligation.js';
import { US_BUSINESS_DAYS, usFederalHolidays } from '../../src/domain/jurisdictions/us-federal-holidays.js';

const table = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../vectors/us-federal-holidays-2024-2027.json'), 'utf8')) as { holidays: Record<string, string[]> };
const NY = 'America/New_York';

describe('US federal holidays', () => {
  it.each(Object.entries(table.holidays))('date-holidays gives the OPM schedule for %s, observed days included', (year, dates) => {
    const weekdayHolidays = [...usFederalHolidays(Number(year))].filter((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())).sort();
    expect(weekdayHolidays).toEqual([...dates].sort());
  });
});

describe('US business days', () => {
  it.each([
    ['a Friday is followed by the Monday', '2026-03-06', 1, '2026-03-09'],
    ['Thanksgiving is skipped', '2025-11-26', 1, '2025-11-28'],
    ['an observed Friday (July 4 on a Saturday) is skipped', '2026-07-02', 1, '2026-07-06'],
    ['an observed Monday (July 4 on a Sunday) is skipped', '2027-07-02', 1, '2027-07-06'],
    ['Christmas observed on Friday 24th and New Year observed on Friday 31st', '2027-12-23', 2, '2027-12-28'],
    ['across the year end', '2025-12-31', 1, '2026-01-02'],
    ['a trigger on a Sunday counts from Monday', '2026-03-08', 1, '2026-03-09'],
    // 5 U.S.C. 6103(b): Veterans Day on a Saturday (2028) is observed on the Friday, on a Sunday (2029) on the Monday.
    ['Veterans Day 2028 observed on Friday 10 November', '2028-11-09', 1, '2028-11-13'],
    ['Veterans Day 2029 observed on Monday 12 November', '2029-11-09', 1, '2029-11-13'],
  ])('%s', (_name, trigger, n, expected) => {
    expect(nthWorkingDayAfter(trigger, n, US_BUSINESS_DAYS)).toBe(expected);
  });
});

describe('local days and time zones', () => {
  it('ends a day at 23:59:59.999 local time, in EST and in EDT', () => {
    expect(endOfLocalDay('2025-12-10', NY)).toBe('2025-12-11T04:59:59.999Z');
    expect(endOfLocalDay('2025-07-21', NY)).toBe('2025-07-22T03:59:59.999Z');
    expect(startOfLocalDay('2025-07-15', NY)).toBe('2025-07-15T04:00:00.000Z');
  });

  it('counts the local day of the trigger, not the UTC day', () => {
    expect(localDateOf('2025-11-20T03:30:00.000Z', NY)).toBe('2025-11-19');
  });

  it('handles the DST changes: a day of 23 and of 25 hours', () => {
    expect(Date.parse(endOfLocalDay('2026-03-08', NY)) - Date.parse(startOfLocalDay('2026-03-08', NY))).toBe(23 * 3600_000 - 1);
    expect(Date.parse(endOfLocalDay('2026-11-01', NY)) - Date.parse(startOfLocalDay('2026-11-01', NY))).toBe(25 * 3600_000 - 1);
  });

  it('adds calendar days and months (month ends clamp)', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(monthsAfter('2025-08-31', 6)).toBe('2026-02-28');
  });
});

describe('JURISDICTIONS.md §0.6 example 1: the put-back window across Thanksgiving', () => {
  const counterNotice = '2025-11-19T15:00:00.000Z'; // Wednesday 10:00 in New York

  it('opens on business day 10 (2025-12-04) and closes at the end of business day 14 (2025-12-10)', () => {
    expect(openingWindow(counterNotice, 10, 14, NY, US_BUSINESS_DAYS)).toEqual({
      from: '2025-12-04T05:00:00.000Z',
      fromLocalDate: '2025-12-04',
      by: '2025-12-11T04:59:59.999Z',
      byLocalDate: '2025-12-10',
      timeZone: NY,
    });
  });

  it('counts 2 business days for a takedown as the default SLA', () => {
    expect(workingDaysWindow(counterNotice, 2, NY, US_BUSINESS_DAYS).byLocalDate).toBe('2025-11-21');
  });
});
