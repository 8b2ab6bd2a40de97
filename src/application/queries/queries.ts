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

/** The case's facts judged under several packs side by side. */
export class CompareCaseQuery extends Query<import('../../domain/projections/compare.js').Comparison> {
  constructor(
    readonly caseId: string,
    readonly packs: readonly import('../../domain/acts/primitives.js').Pack[],
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
