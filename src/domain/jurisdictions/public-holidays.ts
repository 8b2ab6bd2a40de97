import Holidays from 'date-holidays';

/** A country's public holidays by year from date-holidays (observed and substitute days included), cached. */
export function publicHolidays(country: string): (year: number) => Set<string> {
  const source = new Holidays(country);
  const byYear = new Map<number, Set<string>>();
  return (year) => {
    let dates = byYear.get(year);
    if (!dates) {
      dates = new Set(source.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      byYear.set(year, dates);
    }
    return dates;
  };
}
