import { Query } from '@nestjs/cqrs';
import type { CaseView, PartyView } from '../ledger-reader.js';

export class GetPartyQuery extends Query<PartyView> {
  constructor(readonly partyId: string) {
    super();
  }
}

export class GetCaseQuery extends Query<CaseView> {
  constructor(
    readonly caseId: string,
    readonly asOf?: Date,
  ) {
    super();
  }
}

export class ListEntriesQuery extends Query<Awaited<ReturnType<import('../ledger-reader.js').LedgerReader['entries']>>> {
  constructor(
    readonly from: number,
    readonly limit: number,
  ) {
    super();
  }
}
