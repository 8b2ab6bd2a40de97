import { describe, expect, it } from 'vitest';
import { justAfter, ReportCache } from '../../src/application/projections/report-cache.js';

const AT = '2026-03-02T10:00:00.000Z';

describe('the report cache', () => {
  it('answers while the version is the same and the time lies before the first change (and the next quarter hour)', () => {
    const cache = new ReportCache();
    cache.set('r', 7, AT, ['2026-03-02T10:05:00.000Z'], 'report');
    expect(cache.get('r', 7, AT)).toBe('report');
    expect(cache.get('r', 7, '2026-03-02T10:04:59.999Z')).toBe('report');
    expect(cache.get('r', 7, '2026-03-02T10:05:00.000Z')).toBeUndefined(); // the change itself
    expect(cache.get('r', 8, AT)).toBeUndefined(); // the provider's data changed
    expect(cache.get('r', 7, '2026-03-02T09:59:59.999Z')).toBeUndefined(); // before the time it was computed for
    cache.set('q', 1, AT, [], 'quarter');
    expect(cache.get('q', 1, '2026-03-02T10:14:59.999Z')).toBe('quarter');
    expect(cache.get('q', 1, '2026-03-02T10:15:00.000Z')).toBeUndefined();
    expect(justAfter(AT)).toBe('2026-03-02T10:00:00.001Z');
  });

  it('keeps at most so many reports, forgetting the least recently used', () => {
    const cache = new ReportCache(2, 100);
    cache.set('a', 1, AT, [], 'A');
    cache.set('b', 1, AT, [], 'B');
    expect(cache.get('a', 1, AT)).toBe('A'); // a is now the most recently used
    cache.set('c', 1, AT, [], 'C');
    expect(cache.get('b', 1, AT)).toBeUndefined();
    expect(cache.get('a', 1, AT)).toBe('A');
    expect(cache.get('c', 1, AT)).toBe('C');
    expect(cache.size).toEqual({ reports: 2, weight: 2 });
  });

  it('keeps at most so much weight in all, and never a report heavier than that', () => {
    const cache = new ReportCache(16, 100);
    cache.set('a', 1, AT, [], 'A', 60);
    cache.set('b', 1, AT, [], 'B', 30);
    expect(cache.size).toEqual({ reports: 2, weight: 90 });
    cache.set('c', 1, AT, [], 'C', 20); // 110 > 100: a (the oldest) goes
    expect(cache.get('a', 1, AT)).toBeUndefined();
    expect(cache.size).toEqual({ reports: 2, weight: 50 });
    cache.set('huge', 1, AT, [], 'H', 101);
    expect(cache.get('huge', 1, AT)).toBeUndefined();
    expect(cache.size).toEqual({ reports: 2, weight: 50 });
    cache.set('b', 2, AT, [], 'B2', 10); // replacing a report replaces its weight
    expect(cache.size).toEqual({ reports: 2, weight: 30 });
    expect(new ReportCache(0).size.reports).toBe(0);
  });
});
