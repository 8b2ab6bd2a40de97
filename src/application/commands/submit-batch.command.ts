import { Command } from '@nestjs/cqrs';
import type { LedgerError } from '../../domain/errors.js';
import type { AcceptedAct } from '../ledger.js';

export type BatchItemResult = ({ index: number } & AcceptedAct) | { index: number; status: number; error: Pick<LedgerError, 'code' | 'message' | 'field'> };

/** Records up to 1,000 acts, each accepted or rejected on its own, in order. */
export class SubmitBatchCommand extends Command<BatchItemResult[]> {
  constructor(readonly items: unknown[]) {
    super();
  }
}
