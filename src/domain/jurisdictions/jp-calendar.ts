import { addDays, dateOfDayNumber, isWeekend, rollForwardToWorkingDay, type WorkingDays } from './calendar.js';
import { publicHolidays } from './public-holidays.js';

/** Japanese national holidays with substitute holidays (振替休日) and citizens' holidays, from date-holidays. */
export const jpHolidays = publicHolidays('JP');

export const JP_BUSINESS_DAYS: WorkingDays = {
  id: 'jp-national',
  isWorkingDay: (date: string) => !isWeekend(date) && !jpHolidays(Number(date.slice(0, 4))).has(date),
};

/**
 * The last day of a period of `days` days under Civil Code Art 140 (the initial day not counted) and
 * Art 141 (ends at the end of the last day); with `rollForward`, Art 142 (a last day that is a Sunday,
 * national holiday or other rest day moves to the next day).
 */
export function jpDaysEnd(triggerDate: string, days: number, rollForward = false): string {
  const last = addDays(triggerDate, days);
  return rollForward ? rollForwardToWorkingDay(last, JP_BUSINESS_DAYS) : last;
}

/**
 * The last day of a period of `months` months under Art 143: it ends the day before the day that
 * corresponds, in the last month, to the period's first day (the day after the trigger); with no such
 * day, on the last day of that month.
 */
export function jpMonthsEnd(triggerDate: string, months: number, rollForward = false): string {
  const start = addDays(triggerDate, 1);
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) - 1 + months;
  const day = Number(start.slice(8, 10));
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const last = day > lastOfMonth ? dateOfDayNumber(Date.UTC(year, month, lastOfMonth) / 86_400_000) : dateOfDayNumber(Date.UTC(year, month, day) / 86_400_000 - 1);
  return rollForward ? rollForwardToWorkingDay(last, JP_BUSINESS_DAYS) : last;
}

/**
 * Court days (Code of Civil Procedure Art 95(3)): a period set by a court or by the Code ends, when
 * its last day is a Saturday, Sunday, national holiday or a day from 29 December to 3 January, on
 * the next day that is none of these — whatever the Civil Code option.
 */
export const JP_COURT_DAYS: WorkingDays = {
  id: 'jp-court',
  isWorkingDay: (date: string) => {
    const monthDay = date.slice(5);
    const yearEnd = monthDay >= '12-29' || monthDay <= '01-03';
    return !yearEnd && JP_BUSINESS_DAYS.isWorkingDay(date);
  },
};

/** The last day of a court period of `months` months: Art 143 counting, then Art 95(3) of the CPC. */
export function jpCourtMonthsEnd(triggerDate: string, months: number): string {
  return rollForwardToWorkingDay(jpMonthsEnd(triggerDate, months), JP_COURT_DAYS);
}
