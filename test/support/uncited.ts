/**
 * A verdict with its reasons' citations left out, for tests about codes and statuses; the citations
 * themselves are checked, literally, in test/unit/citations.spec.ts.
 */
export function uncited<T>(value: T): T {
  if (Array.isArray(value)) return value.map(uncited) as T;
  if (!value || typeof value !== 'object') return value;
  const isReason = 'code' in value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !(isReason && (key === 'source' || key === 'basis'))).map(([key, v]) => [key, uncited(v)])) as T;
}
