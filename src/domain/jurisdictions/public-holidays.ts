import Holidays from 'date-holidays';

/** A date-holidays entry: its date (`YYYY-MM-DD hh:mm:ss`), type (`public`, `bank`…) and name. */
type Holiday = { date: string; type: string; name: string };

/**
 * A country's public holidays by year from date-holidays (observed and substitute days included),
 * cached; `counts` chooses other entries than the `public` ones.
 */
export function publicHolidays(country: string, counts: (h: Holiday) => boolean = (h) => h.type === 'public'): (year: number) => Set<string> {
  const source = new Holidays(country);
  const byYear = new Map<number, Set<string>>();
  return (year) => {
    let dates = byYear.get(year);
    if (!dates) {
      dates = new Set(source.getHolidays(year).filter(counts).map((h) => h.date.slice(0, 10)));
      byYear.set(year, dates);
    }
    return dates;
  };
}
