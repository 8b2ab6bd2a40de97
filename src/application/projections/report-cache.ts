import { BoundedMap } from './bounded-map.js';

interface Cached {
  version: number;
  asOf: string;
  /** The first instant at which the answer may differ (exclusive bound). */
  validUntil: string;
  value: unknown;
}

/** Local midnights fall on quarter hours in every time zone: a date-dependent verdict (a US agent's designation) cannot change inside one. */
const QUARTER_HOUR = 15 * 60_000;

/**
 * Reports reused while nothing they read changed: the provider's data version is the same, and the
 * time asked lies between the time they were computed for and the first instant a status could turn
 * (a deadline passing, a strike expiring, a new local day). Bounded: at most `capacity` reports.
 */
export class ReportCache {
  private readonly reports: BoundedMap<string, Cached>;
  hits = 0;

  constructor(capacity = 16) {
    this.reports = new BoundedMap(capacity);
  }

  get<T>(key: string, version: number, asOf: string): T | undefined {
    const cached = this.reports.get(key);
    if (!cached || cached.version !== version || asOf < cached.asOf || asOf >= cached.validUntil) return undefined;
    this.hits++;
    return cached.value as T;
  }

  set(key: string, version: number, asOf: string, changesAt: (string | undefined)[], value: unknown): void {
    const quarter = new Date((Math.floor(Date.parse(asOf) / QUARTER_HOUR) + 1) * QUARTER_HOUR).toISOString();
    const validUntil = changesAt.reduce<string>((min, at) => (at !== undefined && at > asOf && at < min ? at : min), quarter);
    this.reports.set(key, { version, asOf, validUntil, value });
  }
}

/** The instant just after `at`: a status that turns when the time passes `at` (asOf > at) holds until then. */
export function justAfter(at: string | undefined | null): string | undefined {
  return at ? new Date(Date.parse(at) + 1).toISOString() : undefined;
}
