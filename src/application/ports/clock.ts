import { LedgerError } from '../../domain/errors.js';

/** The ledger's clock, read at the edge and passed in; the domain never reads time itself. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** The test clock (HARBOR_TEST_CLOCK=1): set by hand, forward only, so tests and demos can run cases over weeks. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    if (!Number.isFinite(to.getTime())) throw new LedgerError('schema', 'now must be an RFC 3339 time', 'now');
    if (to.getTime() < this.current) {
      throw new LedgerError('invalid_state', `the test clock moves forward only; it is at ${this.now().toISOString()}`, 'now', 'ClockMovesForward');
    }
    this.current = to.getTime();
  }
}
