import { describe, expect, it } from 'vitest';
import { nthWorkingDayAfter } from '../../src/domain/jurisdictions/calendar.js';
import { cnPeriodEnd, CN_WORKING_DAYS } from '../../src/domain/jurisdictions/cn-calendar.js';
import { CN_SCHEDULES } from '../../src/domain/jurisdictions/data/cn-holidays.js';
import { jpDaysEnd, jpMonthsEnd, JP_BUSINESS_DAYS } from '../../src/domain/jurisdictions/jp-calendar.js';

describe('China: the State Council schedule', () => {
  it.each([
    ['2025 Spring Festival, a holiday', '2025-01-29', false],
    ['a make-up working Sunday before it', '2025-01-26', true],
    ['a make-up working Saturday after it', '2025-02-08', true],
    ['National Day 2025', '2025-10-08', false],
    ['the Sunday worked for it', '2025-09-28', true],
    ['the Saturday worked after it', '2025-10-11', true],
    ['an ordinary Saturday', '2025-03-08', false],
    ['an ordinary Monday', '2025-03-10', true],
    ['2024 Spring Festival make-up Sunday', '2024-02-18', true],
    ['2026 Spring Festival', '2026-02-20', false],
  ])('%s: %s working = %s', (_name, date, working) => {
    expect(CN_WORKING_DAYS.isWorkingDay(date)).toBe(working);
  });

  it('covers 2024, 2025 and 2026 with a source for each', () => {
    expect(Object.keys(CN_SCHEDULES)).toEqual(['2024', '2025', '2026']);
    for (const year of Object.values(CN_SCHEDULES)) expect(year.source).toMatch(/^国办发明电/);
  });
});

describe('China: Civil Code Arts 201 and 203', () => {
  it('§0.6 example 2: a 15-day wait from 2025-01-14 ends inside the Spring Festival, so on 2025-02-05', () => {
    expect(cnPeriodEnd('2025-01-14', 15)).toBe('2025-02-05');
    expect(cnPeriodEnd('2025-02-05', 1)).toBe('2025-02-06');
  });

  it('a period ending in the National Day holiday 2025 ends on 10-09', () => {
    expect(cnPeriodEnd('2025-09-20', 15)).toBe('2025-10-09');
  });

  it('a period ending on an ordinary Sunday ends on Monday; on a make-up Sunday it ends that day', () => {
    expect(cnPeriodEnd('2025-03-01', 8)).toBe('2025-03-10');
    expect(cnPeriodEnd('2025-09-13', 15)).toBe('2025-09-28');
  });

  it('counts working days through make-up days (the SPC 20-working-day cap)', () => {
    expect(nthWorkingDayAfter('2025-09-26', 1, CN_WORKING_DAYS)).toBe('2025-09-28');
    expect(nthWorkingDayAfter('2025-01-14', 20, CN_WORKING_DAYS)).toBe('2025-02-17');
  });
});

describe('Japan: Civil Code Arts 140-143', () => {
  it('§0.6 example 3: an inquiry on Friday 2025-11-14 — day 1 is 11-15, day 7 is Friday 11-21', () => {
    expect(jpDaysEnd('2025-11-14', 7)).toBe('2025-11-21');
  });

  it('Art 142 (an option) moves a last day on a Sunday or holiday to the next day', () => {
    expect(jpDaysEnd('2025-11-16', 7)).toBe('2025-11-23'); // a Sunday and a national holiday
    expect(jpDaysEnd('2025-11-16', 7, true)).toBe('2025-11-25'); // the 24th is a substitute holiday
  });

  it('knows substitute holidays', () => {
    expect(JP_BUSINESS_DAYS.isWorkingDay('2025-02-24')).toBe(false);
    expect(JP_BUSINESS_DAYS.isWorkingDay('2025-02-25')).toBe(true);
  });

  it('ends a month period the day before the corresponding date, or at a month end', () => {
    expect(jpMonthsEnd('2025-11-14', 1)).toBe('2025-12-14');
    expect(jpMonthsEnd('2025-01-30', 1)).toBe('2025-02-28'); // starts 01-31: February has no 31st
    expect(jpMonthsEnd('2025-12-31', 1)).toBe('2026-01-31');
  });
});
