import { Command } from '@nestjs/cqrs';
import type { AcceptedAct } from '../ledger.js';

/** Records one signed act. `body` is the strictly parsed request body: an envelope or {act, disclosures}. */
export class SubmitActCommand extends Command<AcceptedAct> {
  constructor(readonly body: unknown) {
    super();
  }
}
