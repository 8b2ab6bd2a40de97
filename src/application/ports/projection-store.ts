import type { CasePhase } from '../../domain/case/phase.js';
import type { Role } from '../../domain/acts/primitives.js';
import type { ObligationStatus } from '../../domain/jurisdictions/obligation.js';
import type { PartyState, Sanction } from '../../domain/party/state.js';
import type { CaseProjection } from '../../domain/projections/case-projection.js';
import type { ItemStanding } from '../../domain/projections/provider-compliance.js';
import type { StoredJsonList } from '../stored-json.js';
import type { StrikeBasis, StrikeCounting, ThresholdCrossing } from '../../domain/projections/repeat-infringement.js';

/**
 * The read side's own store (README "Read side"): derived from the log, rebuildable, kept beside it
 * whatever store holds the log. Synchronous: its embedded adapter is SQLite.
 */

/** A party as the projections keep it: its state without sanctions (kept apart, in order). */
export interface ProjectedParty {
  state: PartyState;
  /** When an act last changed what a rule pack reads of the party: judgements before it are re-made. */
  judgedFrom: string;
  lastAt: string;
}

/** What one batch of applied entries changes, written in one transaction with the new position. */
export interface ProjectionBatch {
  position: number;
  /** When the last entry applied was recorded (absent: unchanged). */
  lastAt?: string;
  /** Providers whose reports change with this batch besides those of its cases, parties and sanctions. */
  providers?: string[];
  parties: ProjectedParty[];
  sanctions: (Sanction & { provider: string })[];
  cases: CaseProjection[];
  /** Cases written for the first time in a rebuild: nothing of theirs to replace. */
  fresh?: boolean;
}

export interface CaseFilter {
  provider?: string;
  notifier?: string;
  user?: string;
  pack?: string;
  phase?: CasePhase;
  obligation?: ObligationStatus;
  /** With `obligation`: only obligations whose window closes before this instant. */
  dueBefore?: string;
  openedFrom?: string;
  openedTo?: string;
}

export interface CaseListItem {
  id: string;
  provider: string;
  notifier: string;
  user: string | null;
  pack: string;
  phase: CasePhase;
  openedAt: string;
  lastAt: string;
  revisions: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Cursor of the next page; null on the last. */
  next: string | null;
}

/** A provider's compliance as the store has it: counts, tallies, and the items to report. */
export interface ComplianceRows {
  /** Judged cases by pack version. */
  cases: { packVersion: string; count: number; calendarAssumed: number }[];
  /** Obligations by pack version, key, due-diligence or not, and status as of the time asked. */
  tallies: { packVersion: string; key: string; dueDiligence: boolean; status: ObligationStatus; count: number }[];
  /** By pack version and status: the cases whose item is at risk or lost as of the time asked, and why, in opening order (as stored JSON: sent on unparsed). */
  items: { packVersion: string; status: 'at_risk' | 'lost_for_item'; list: StoredJsonList<ItemStanding> }[];
}

export interface ProjectionStore {
  /** Where it lives: a file path, or `:memory:`. */
  readonly location: string;
  /** Entries applied so far: the log position every answer reflects. */
  position(): number;
  version(): string | undefined;
  /** Forgets everything and starts over at position 0 under this version. */
  reset(version: string): void;
  commit(batch: ProjectionBatch): void;
  /**
   * A rebuild in bulk: forgets everything and takes batches of cases written once each (`fresh`),
   * with what only serves queries (indexes, counts) set aside until `finishRebuild`, which sets the
   * version and position. Until then the store has no version: interrupted, it is rebuilt again.
   */
  beginRebuild(): void;
  finishRebuild(version: string, position: number, lastAt: string | undefined): void;

  /** When the last entry applied was recorded: a report as of this time or later needs no re-judging. */
  lastAt(): string;
  /** What a provider's compliance as of `asOf` (at or after lastAt()) needs that the store can aggregate or has settled. */
  complianceRows(provider: string, asOf: string): ComplianceRows;
  /** A provider's cases that are strikes, in the order they were opened. */
  strikesOf(provider: string): { id: string; pack: string; user: string; basis: StrikeBasis }[];
  /**
   * The users of a provider under a pack whose counted strikes reached the policy's threshold within
   * one window, by user: when they first did, how many are in force as of `asOf`, and when the next
   * of those expires (what repeat infringement's userRecord() works out from every strike).
   */
  thresholdCrossings(provider: string, pack: string, counting: StrikeCounting, asOf: string): StoredCrossing[];
  /** A number that grows whenever anything a provider's reports read changes (0: never changed). */
  providerVersion(provider: string): number;
  /** The earliest deadline at or after `asOf` of a provider's unmet duties, when one is still open. */
  nextDeadline(provider: string, asOf: string): string | undefined;
  party(id: string): ProjectedParty | undefined;
  /** A provider's sanctions in log order, optionally of some types only. */
  sanctions(provider: string, types?: readonly Sanction['type'][]): Sanction[];
  caseProjection(id: string): CaseProjection | undefined;
  /** Ids of the cases where the party is provider or notifier, opened at or after `from` (and, given, noticed by `notifier`). */
  caseIdsOf(party: string, role: 'provider' | 'notifier', from?: string, notifier?: string): string[];
  /** Full projections of a provider's (or notifier's) cases opened by `openedBy`, streamed. */
  casesOf(party: string, role: 'provider' | 'notifier', openedBy: string): IterableIterator<CaseProjection>;
  /** Every party that has sent a notice, and every provider with cases. */
  notifiers(): string[];
  providers(): string[];

  listCases(filter: CaseFilter, asOf: string, limit: number, cursor?: string): Page<CaseListItem>;
  listParties(role: Role | undefined, limit: number, cursor?: string): Page<{ id: string; name: string; roles: Role[]; registeredAt?: string }>;
  close(): void;
}

export const PROJECTION_STORE = Symbol('ProjectionStore');

export interface StoredCrossing extends ThresholdCrossing {
  thresholdReachedAt: string;
  /** When the next strike in force expires (the count of those in force then changes). */
  nextExpiry?: string;
}
