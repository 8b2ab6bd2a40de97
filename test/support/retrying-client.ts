import { expect } from 'vitest';
import type { AcceptedAct, Ledger } from '../../src/application/ledger.js';
import { parseSubmission } from '../../src/application/submission.js';
import type { LedgerError } from '../../src/domain/errors.js';

/** Submits an act as a client does: retried after each 503 until it has an answer (at most five times). */
export async function submitUntilAnswered(ledger: Ledger, act: Parameters<typeof parseSubmission>[0], pauseMs = 0): Promise<AcceptedAct> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ledger.submit(parseSubmission(act));
    } catch (error) {
      expect((error as LedgerError).code).toBe('unavailable');
      expect(attempt).toBeLessThan(5);
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
