import { AppendConflictError, type NewEntry } from '../application/ports/ledger-store.js';

/**
 * The store contract's continuity rule, for stores that check it themselves (SQLite does it in
 * triggers): each entry continues the log and its stream, and no act id is stored twice. Checked for
 * the whole batch before anything is written, so a refused batch leaves no trace.
 */
export function checkAppendContinuity(
  entries: readonly NewEntry[],
  log: { size: number; streamLength(stream: string): number; hasActId(actId: string): boolean },
): void {
  const next = new Map<string, number>();
  const ids = new Set<string>();
  entries.forEach((entry, i) => {
    if (entry.seq !== log.size + i) throw new AppendConflictError(`seq ${entry.seq} does not continue the log at ${log.size + i}`);
    const expected = next.get(entry.stream) ?? log.streamLength(entry.stream);
    if (entry.revision !== expected) throw new AppendConflictError(`revision ${entry.revision} of ${entry.stream} is not the next (${expected})`);
    next.set(entry.stream, expected + 1);
    if (log.hasActId(entry.actId) || ids.has(entry.actId)) throw new AppendConflictError(`act id ${entry.actId} is already stored`);
    ids.add(entry.actId);
  });
}
