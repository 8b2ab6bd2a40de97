import { isWeekend, type WorkingDays } from './calendar.js';
import { publicHolidays } from './public-holidays.js';

/**
 * US federal holidays (5 U.S.C. §6103) with their observed days — a Saturday holiday observed on the
 * Friday before, a Sunday holiday on the Monday after — from date-holidays' `public` US holidays,
 * which carry the observed days as substitutes. test/unit/us-calendar.spec.ts checks them against the
 * OPM schedule for 2024-2027.
 */
export const usFederalHolidays = publicHolidays('US');

/** US business days: Monday to Friday except federal holidays and their observed days. */
export const US_BUSINESS_DAYS: WorkingDays = {
  id: 'us-federal',
  isWorkingDay(date: string): boolean {
    return !isWeekend(date) && !usFederalHolidays(Number(date.slice(0, 4))).has(date);
  },
};

/** Every day is a working day: for periods counted in calendar days. */
export const CALENDAR_DAYS: WorkingDays = { id: 'calendar', isWorkingDay: () => true };
