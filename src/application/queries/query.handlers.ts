import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerReader } from '../ledger-reader.js';
import { CompareCaseQuery, GetCaseQuery, GetPartyQuery, ListEntriesQuery } from './queries.js';

@QueryHandler(GetPartyQuery)
export class GetPartyHandler implements IQueryHandler<GetPartyQuery> {
  constructor(@Inject(LedgerReader) private readonly reader: LedgerReader) {}
  execute(query: GetPartyQuery) {
    return this.reader.party(query.partyId);
  }
}

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(@Inject(LedgerReader) private readonly reader: LedgerReader) {}
  execute(query: GetCaseQuery) {
    return this.reader.case(query.caseId, query.asOf);
  }
}

@QueryHandler(CompareCaseQuery)
export class CompareCaseHandler implements IQueryHandler<CompareCaseQuery> {
  constructor(@Inject(LedgerReader) private readonly reader: LedgerReader) {}
  execute(query: CompareCaseQuery) {
    return this.reader.compare(query.caseId, query.packs, query.asOf);
  }
}

@QueryHandler(ListEntriesQuery)
export class ListEntriesHandler implements IQueryHandler<ListEntriesQuery> {
  constructor(@Inject(LedgerReader) private readonly reader: LedgerReader) {}
  execute(query: ListEntriesQuery) {
    return this.reader.entries(query.from, query.limit);
  }
}
