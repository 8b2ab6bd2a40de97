import { addDays, isWeekend, rollForwardToWorkingDay, type WorkingDays } from './calendar.js';
import { CN_SCHEDULES } from './data/cn-holidays.js';

/**
 * China's working days: Monday to Friday and the make-up working days, except the State Council's
 * holidays. For a year the schedule does not cover, weekends alone are rest days (and the result
 * says so through `coversYear`).
 */
const holidays = new Set(Object.values(CN_SCHEDULES).flatMap((y) => y.holidays));
const workdays = new Set(Object.values(CN_SCHEDULES).flatMap((y) => y.workdays));

export const CN_WORKING_DAYS: WorkingDays = {
  id: 'cn-state-council',
  isWorkingDay(date: string): boolean {
    if (workdays.has(date)) return true;
    return !holidays.has(date) && !isWeekend(date);
  },
};

export function cnScheduleCovers(date: string): boolean {
  return Object.hasOwn(CN_SCHEDULES, Number(date.slice(0, 4)));
}

/**
 * The last day of a period of `days` calendar days under Civil Code Art 201 (the trigger day not
 * counted) and Art 203 (a period ending on a statutory holiday ends on the first day after it; by
 * the pack's default, a weekend that is not a make-up working day counts as a rest day too).
 */
export function cnPeriodEnd(triggerDate: string, days: number): string {
  return rollForwardToWorkingDay(addDays(triggerDate, days), CN_WORKING_DAYS);
}
