import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LedgerError } from '../../domain/errors.js';
import { statusOf } from '../error-status.js';
import { Ledger } from '../ledger.js';
import { parseSubmission } from '../submission.js';
import { SubmitBatchCommand, type BatchItemResult } from './submit-batch.command.js';

@CommandHandler(SubmitBatchCommand)
export class SubmitBatchHandler implements ICommandHandler<SubmitBatchCommand> {
  constructor(@Inject(Ledger) private readonly ledger: Ledger) {}

  async execute(command: SubmitBatchCommand): Promise<BatchItemResult[]> {
    // Submitted together, in order: the writer commits them in as few groups as it can.
    const outcomes = command.items.map((item) => {
      try {
        return this.ledger.submit(parseSubmission(item));
      } catch (error) {
        return Promise.reject(error);
      }
    });
    const settled = await Promise.allSettled(outcomes);
    return settled.map((result, index) => {
      if (result.status === 'fulfilled') return { index, ...result.value };
      const error = result.reason instanceof LedgerError ? result.reason : new LedgerError('internal', 'internal error');
      return { index, status: statusOf(error.code), error: { code: error.code, message: error.message, field: error.field } };
    });
  }
}
