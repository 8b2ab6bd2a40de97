import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger, type AcceptedAct } from '../ledger.js';
import { parseSubmission } from '../submission.js';
import { SubmitActCommand } from './submit-act.command.js';

@CommandHandler(SubmitActCommand)
export class SubmitActHandler implements ICommandHandler<SubmitActCommand> {
  constructor(@Inject(Ledger) private readonly ledger: Ledger) {}

  execute(command: SubmitActCommand): Promise<AcceptedAct> {
    return this.ledger.submit(parseSubmission(command.body));
  }
}
