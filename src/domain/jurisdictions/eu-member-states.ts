import type { MemberState } from '../acts/primitives.js';
import type { PartyState } from '../party/state.js';
import { isWeekend, type WorkingDays } from './calendar.js';
import { publicHolidays } from './public-holidays.js';

/**
 * The Member State of each EU time zone (IANA), for a provider that registered a zone but no
 * Member State. Where a state has several zones all are listed; Europe/Brussels, the pack's default
 * zone, gives Belgium.
 */
export const MEMBER_STATE_OF_ZONE: Readonly<Record<string, MemberState>> = {
  'Europe/Vienna': 'AT', 'Europe/Brussels': 'BE', 'Europe/Sofia': 'BG', 'Asia/Nicosia': 'CY', 'Europe/Nicosia': 'CY', 'Europe/Famagusta': 'CY',
  'Europe/Prague': 'CZ', 'Europe/Berlin': 'DE', 'Europe/Busingen': 'DE', 'Europe/Copenhagen': 'DK', 'Europe/Tallinn': 'EE', 'Europe/Madrid': 'ES',
  'Africa/Ceuta': 'ES', 'Atlantic/Canary': 'ES', 'Europe/Helsinki': 'FI', 'Europe/Mariehamn': 'FI', 'Europe/Paris': 'FR', 'Europe/Athens': 'GR',
  'Europe/Zagreb': 'HR', 'Europe/Budapest': 'HU', 'Europe/Dublin': 'IE', 'Europe/Rome': 'IT', 'Europe/Vilnius': 'LT', 'Europe/Luxembourg': 'LU',
  'Europe/Riga': 'LV', 'Europe/Malta': 'MT', 'Europe/Amsterdam': 'NL', 'Europe/Warsaw': 'PL', 'Europe/Lisbon': 'PT', 'Atlantic/Madeira': 'PT',
  'Atlantic/Azores': 'PT', 'Europe/Bucharest': 'RO', 'Europe/Stockholm': 'SE', 'Europe/Ljubljana': 'SI', 'Europe/Bratislava': 'SK',
};

/** The provider's Member State: registered, else that of its time zone, else Belgium (the pack's default zone). */
export function memberStateOf(provider: PartyState, timeZone: string): { state: MemberState; derived: boolean } {
  if (provider.memberState) return { state: provider.memberState as MemberState, derived: false };
  return { state: MEMBER_STATE_OF_ZONE[timeZone] ?? 'BE', derived: true };
}

const calendars = new Map<string, WorkingDays>();

/**
 * Working days of a Member State for Reg. (EEC, Euratom) 1182/71 Arts 2(1) and 3(4): not a Saturday,
 * a Sunday or a public holiday there (national public holidays of date-holidays; regional ones are not
 * counted).
 */
export function memberStateWorkingDays(state: MemberState): WorkingDays {
  let calendar = calendars.get(state);
  if (!calendar) {
    const holidays = publicHolidays(state);
    calendar = { id: `eu-${state}`, isWorkingDay: (date) => !isWeekend(date) && !holidays(Number(date.slice(0, 4))).has(date) };
    calendars.set(state, calendar);
  }
  return calendar;
}
