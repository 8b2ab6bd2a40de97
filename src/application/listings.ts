import type { Role } from '../domain/acts/primitives.js';
import type { MisuseStanding } from '../domain/projections/notifier-conduct.js';
import type { UserRecord } from '../domain/projections/repeat-infringement.js';
import type { CatchUp, ComplianceService } from './compliance-service.js';
import type { Clock } from './ports/clock.js';
import type { CaseFilter, CaseListItem, Page, ProjectionStore } from './ports/projection-store.js';

/** A page of a list, the time its statuses were computed at, and the log position it reflects. */
export interface Listing<T> extends Page<T> {
  asOf: string;
  position: number;
}

export interface NotifierMisuseItem {
  notifier: string;
  /** Its standing with each provider where it has that status. */
  misuse: MisuseStanding[];
}

export interface RepeatInfringerItem extends UserRecord {
  provider: string;
  pack: string;
}

/**
 * Lists across the ledger, from the projection store. Case lists are indexed queries; notifier misuse
 * and repeat infringers are computed per notifier and per provider from their stored cases, and paged
 * by id (`cursor` is the last id of the previous page).
 */
export class Listings {
  constructor(
    private readonly projections: ProjectionStore,
    private readonly catchUp: CatchUp,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  async cases(filter: CaseFilter, limit: number, cursor?: string): Promise<Listing<CaseListItem>> {
    const position = await this.catchUp();
    const asOf = this.clock.now().toISOString();
    return { ...this.projections.listCases(filter, asOf, limit, cursor), asOf, position };
  }

  /** The ids of the cases naming a provider, opened at or after `from`, in opening order (after catching up with the log). */
  async providerCaseIds(provider: string, from?: string): Promise<string[]> {
    await this.catchUp();
    return this.projections.caseIdsOf(provider, 'provider', from);
  }

  async parties(role: Role | undefined, limit: number, cursor?: string): Promise<Listing<{ id: string; name: string; roles: Role[]; registeredAt?: string }>> {
    const position = await this.catchUp();
    return { ...this.projections.listParties(role, limit, cursor), asOf: this.clock.now().toISOString(), position };
  }

  async notifiers(misuse: MisuseStanding['status'], limit: number, cursor?: string): Promise<Listing<NotifierMisuseItem>> {
    const position = await this.catchUp();
    const asOf = this.clock.now();
    const matches: NotifierMisuseItem[] = [];
    for await (const conduct of this.compliance.conducts(this.projections.notifiers(), asOf)) {
      const standing = conduct.misuse.filter((m) => m.status === misuse);
      if (standing.length) matches.push({ notifier: conduct.notifier, misuse: standing });
    }
    return { ...pageById(matches, (m) => m.notifier, limit, cursor), asOf: asOf.toISOString(), position };
  }

  async repeatInfringers(status: UserRecord['status'], provider: string | undefined, limit: number, cursor?: string): Promise<Listing<RepeatInfringerItem>> {
    const position = await this.catchUp();
    const asOf = this.clock.now();
    const matches: RepeatInfringerItem[] = [];
    for (const id of provider ? [provider] : this.projections.providers()) {
      const { value } = await this.compliance.repeatInfringers(id, asOf);
      for (const pack of value.packs) for (const user of pack.users) if (user.status === status) matches.push({ provider: id, pack: pack.pack, ...user });
    }
    return { ...pageById(matches, (m) => `${m.provider}\u0000${m.pack}\u0000${m.user}`, limit, cursor), asOf: asOf.toISOString(), position };
  }
}

/** Sorted by key; the cursor is the last key of the previous page (base64url). */
function pageById<T>(items: T[], key: (item: T) => string, limit: number, cursor?: string): Page<T> {
  const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
  const sorted = items.map((item) => ({ item, key: key(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((x) => x.key > after);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((x) => x.item), total: items.length, next: rest.length > limit && last ? Buffer.from(last.key).toString('base64url') : null };
}
