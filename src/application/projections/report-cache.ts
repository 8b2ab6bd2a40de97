interface Cached {
  version: number;
  asOf: string;
  /** The first instant at which the answer may differ (exclusive bound). */
  validUntil: string;
  value: unknown;
  weight: number;
}

/** Local midnights fall on quarter hours in every time zone: a date-dependent verdict (a US agent's designation) cannot change inside one. */
const QUARTER_HOUR = 15 * 60_000;

/**
 * Reports reused while nothing they read changed: the provider's data version is the same, and the
 * time asked lies between the time they were computed for and the first instant a status could turn
 * (a deadline passing, a strike expiring, a new local day). Bounded twice: at most `capacity`
 * reports, and at most `maxWeight` listed elements in all (items, users, strikes: what makes a
 * report large), the least recently used forgotten first; a report heavier than that is not kept.
 */
export class ReportCache {
  private readonly reports = new Map<string, Cached>();
  private weight = 0;
  hits = 0;

  constructor(
    private readonly capacity = 16,
    private readonly maxWeight = 50_000,
  ) {}

  get<T>(key: string, version: number, asOf: string): T | undefined {
    const cached = this.reports.get(key);
    if (!cached || cached.version !== version || asOf < cached.asOf || asOf >= cached.validUntil) return undefined;
    this.reports.delete(key);
    this.reports.set(key, cached); // most recently used last
    this.hits++;
    return cached.value as T;
  }

  set(key: string, version: number, asOf: string, changesAt: (string | undefined)[], value: unknown, weight = 1): void {
    this.forget(key);
    if (weight > this.maxWeight || this.capacity <= 0) return;
    const quarter = new Date((Math.floor(Date.parse(asOf) / QUARTER_HOUR) + 1) * QUARTER_HOUR).toISOString();
    const validUntil = changesAt.reduce<string>((min, at) => (at !== undefined && at > asOf && at < min ? at : min), quarter);
    this.reports.set(key, { version, asOf, validUntil, value, weight });
    this.weight += weight;
    for (const oldest of this.reports.keys()) {
      if (this.reports.size <= this.capacity && this.weight <= this.maxWeight) break;
      this.forget(oldest);
    }
  }

  /** Reports kept, and their total weight. */
  get size(): { reports: number; weight: number } {
    return { reports: this.reports.size, weight: this.weight };
  }

  private forget(key: string): void {
    const cached = this.reports.get(key);
    if (!cached) return;
    this.reports.delete(key);
    this.weight -= cached.weight;
  }
}

/** The instant just after `at`: a status that turns when the time passes `at` (asOf > at) holds until then. */
export function justAfter(at: string | undefined | null): string | undefined {
  return at ? new Date(Date.parse(at) + 1).toISOString() : undefined;
}
