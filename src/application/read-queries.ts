import type { Pack, Role } from '../domain/acts/primitives.js';
import type { MisuseStanding, NotifierConduct } from '../domain/projections/notifier-conduct.js';
import type { UserRecord } from '../domain/projections/repeat-infringement.js';
import type { ComplianceReport, ComplianceService, Positioned, RepeatInfringersView } from './compliance-service.js';
import type { Listing, Listings, NotifierMisuseItem, RepeatInfringerItem } from './listings.js';
import type { CaseFilter, CaseListItem } from './ports/projection-store.js';

/**
 * Every cross-case read, as the HTTP layer asks it. Served in-process (LocalReadQueries) or by a
 * worker thread on its own read-only connections (WorkerReadQueries), so that a large report never
 * holds the writer's event loop.
 */
export interface ReadQueries {
  providerCompliance(provider: string, asOf?: Date, pack?: Pack): Promise<Positioned<ComplianceReport>>;
  repeatInfringers(provider: string, asOf?: Date): Promise<Positioned<RepeatInfringersView>>;
  notifierConduct(notifier: string, asOf?: Date): Promise<Positioned<NotifierConduct>>;
  cases(filter: CaseFilter, limit: number, cursor?: string): Promise<Listing<CaseListItem>>;
  providerCaseIds(provider: string, from?: string): Promise<string[]>;
  parties(role: Role | undefined, limit: number, cursor?: string): Promise<Listing<{ id: string; name: string; roles: Role[]; registeredAt?: string }>>;
  notifiers(misuse: MisuseStanding['status'], limit: number, cursor?: string): Promise<Listing<NotifierMisuseItem>>;
  repeatInfringerList(status: UserRecord['status'], provider: string | undefined, limit: number, cursor?: string): Promise<Listing<RepeatInfringerItem>>;
  /** Resolves when reads can be answered without first waiting for the reader to start. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export type ReadQueryName = Exclude<keyof ReadQueries, 'close' | 'ready'>;

/** The reads on the calling thread. */
export class LocalReadQueries implements ReadQueries {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly listings: Listings,
  ) {}

  providerCompliance(provider: string, asOf?: Date, pack?: Pack) {
    return this.compliance.providerCompliance(provider, asOf, pack);
  }
  repeatInfringers(provider: string, asOf?: Date) {
    return this.compliance.repeatInfringers(provider, asOf);
  }
  notifierConduct(notifier: string, asOf?: Date) {
    return this.compliance.notifierConduct(notifier, asOf);
  }
  providerCaseIds(provider: string, from?: string) {
    return this.listings.providerCaseIds(provider, from);
  }
  cases(filter: CaseFilter, limit: number, cursor?: string) {
    return this.listings.cases(filter, limit, cursor);
  }
  parties(role: Role | undefined, limit: number, cursor?: string) {
    return this.listings.parties(role, limit, cursor);
  }
  notifiers(misuse: MisuseStanding['status'], limit: number, cursor?: string) {
    return this.listings.notifiers(misuse, limit, cursor);
  }
  repeatInfringerList(status: UserRecord['status'], provider: string | undefined, limit: number, cursor?: string) {
    return this.listings.repeatInfringers(status, provider, limit, cursor);
  }
  async ready(): Promise<void> {}

  async close(): Promise<void> {}
}

export const READ_QUERIES = Symbol('ReadQueries');

/**
 * An answer already serialized to JSON (UTF-8) where it was computed (the read worker), its memory
 * handed over rather than copied, so that the writer's thread neither copies nor serializes it: the
 * HTTP layer sends the bytes as they are.
 */
export class RawJson {
  constructor(readonly bytes: Buffer) {}
}
