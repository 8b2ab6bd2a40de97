import type Database from 'better-sqlite3';
import type { CaseFilter, CaseListItem, Page } from '../../application/ports/projection-store.js';
import type { Role } from '../../domain/acts/primitives.js';
import { LedgerError } from '../../domain/errors.js';
import type { ObligationStatus } from '../../domain/jurisdictions/obligation.js';
import type { PartyState } from '../../domain/party/state.js';

/** The case and party lists of the projection store: filters, keyset pages, opaque cursors. */

export function listCases(db: Database.Database, filter: CaseFilter, asOf: string, limit: number, cursor?: string): Page<CaseListItem> {
  // "Has an obligation of status X now" is read from the cases' status spans, in opening order, when
  // no deadline bound asks for the obligations themselves; provider and opening are then the spans'.
  const bySpans = filter.obligation !== undefined && filter.dueBefore === undefined;
  const { where, params } = caseConditions(filter, asOf, bySpans ? 's' : 'c');
  const spans = bySpans ? statusSpanConditions(filter, asOf) : { where: [], params: {} };
  const order = bySpans ? ['s.opened_at', 's.case_id'] : ['c.opened_at', 'c.id'];
  const after = cursor ? decodeCursor(cursor) : undefined;
  const all = [...spans.where, ...where];
  const pageWhere = after ? [...all, `(${order.join(', ')}) > (@afterOpened, @afterId)`] : all;
  const clause = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
  const from = bySpans ? 'case_statuses s JOIN cases c ON c.id = s.case_id' : 'cases c';
  const columns = 'c.id, c.provider, c.notifier, c.user, c.pack, c.phase, c.opened_at AS openedAt, c.last_at AS lastAt, c.revisions';
  const rows = db
    .prepare(`SELECT ${columns} FROM ${from} ${clause(pageWhere)} ORDER BY ${order.join(', ')} LIMIT @limit`)
    .all({ ...params, ...spans.params, ...(after ? { afterOpened: after[0], afterId: after[1] } : {}), limit: limit + 1 }) as CaseListItem[];
  // Counted from the spans alone when nothing else filters the cases.
  const countFrom = bySpans && !where.some((w) => w.includes('c.')) ? 'case_statuses s' : from;
  const total = db.prepare(`SELECT COUNT(*) FROM ${countFrom} ${clause(all)}`).pluck().get({ ...params, ...spans.params }) as number;
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, total, next: rows.length > limit && last ? encodeCursor([last.openedAt, last.id]) : null };
}

export function listParties(db: Database.Database, role: Role | undefined, limit: number, cursor?: string): Page<{ id: string; name: string; roles: Role[]; registeredAt?: string }> {
  const after = cursor ? decodeCursor(cursor)[1] : '';
  const scope = role ? 'FROM parties p JOIN party_roles r ON r.party = p.id AND r.role = @role' : 'FROM parties p';
  const registered = "p.registered_at IS NOT NULL";
  const rows = db
    .prepare(`SELECT p.id, p.name, p.state, p.registered_at ${scope} WHERE ${registered} AND p.id > @after ORDER BY p.id LIMIT @limit`)
    .all({ role, after, limit: limit + 1 }) as { id: string; name: string; state: string; registered_at: string }[];
  const total = db.prepare(`SELECT COUNT(*) ${scope} WHERE ${registered}`).pluck().get({ role }) as number;
  const items = rows.slice(0, limit).map((r) => ({ id: r.id, name: r.name, roles: (JSON.parse(r.state) as PartyState).roles, registeredAt: r.registered_at }));
  const last = items[items.length - 1];
  return { items, total, next: rows.length > limit && last ? encodeCursor(['', last.id]) : null };
}

/** Conditions on the cases; provider and opening time on `table` (the cases, or their status spans, which carry both). */
function caseConditions(filter: CaseFilter, asOf: string, table: 'c' | 's'): { where: string[]; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const equal = (column: string, name: keyof CaseFilter) => {
    const value = filter[name];
    if (value === undefined) return;
    where.push(`${column === 'provider' ? table : 'c'}.${column} = @${name}`);
    params[name] = value;
  };
  equal('provider', 'provider');
  equal('notifier', 'notifier');
  equal('pack', 'pack');
  equal('phase', 'phase');
  if (filter.user !== undefined) {
    where.push('c.id IN (SELECT case_id FROM case_users WHERE user = @user)');
    params.user = filter.user;
  }
  if (filter.openedFrom !== undefined) {
    where.push(`${table}.opened_at >= @openedFrom`);
    params.openedFrom = filter.openedFrom;
  }
  if (filter.openedTo !== undefined) {
    where.push(`${table}.opened_at < @openedTo`);
    params.openedTo = filter.openedTo;
  }
  if (filter.obligation !== undefined && filter.dueBefore !== undefined) {
    // Duties falling due before a time: the obligations themselves.
    const own = filter.provider !== undefined ? ' AND o.provider = @provider' : '';
    where.push(`c.id IN (SELECT o.case_id FROM obligations o WHERE ${STATUS_IS[filter.obligation]} AND o.by_at < @dueBefore${own})`);
    params.asOf = asOf;
    params.dueBefore = filter.dueBefore;
  }
  return { where, params };
}

/** A case's status span holds as of @asOf (statusSpans() in domain/jurisdictions/obligation.ts). */
export const SPAN_HOLDS = 's.after < @asOf AND @asOf <= s.up_to';

/** Cases with an obligation of the status asked, as of @asOf, from their status spans. */
function statusSpanConditions(filter: CaseFilter, asOf: string): { where: string[]; params: Record<string, string> } {
  return { where: ['s.status = @status', SPAN_HOLDS], params: { status: filter.obligation!, asOf } };
}

/**
 * "The status as of @asOf is X" as predicates the obligation indexes serve (settled statuses, and open
 * windows by deadline): OBLIGATION_STATUS_SQL = X, unfolded. Checked against it by the store's tests.
 */
export const STATUS_IS: Record<ObligationStatus, string> = {
  pending: "(o.settled = 'pending' OR (o.settled IS NULL AND o.by_at >= @asOf))",
  missed: "(o.settled = 'missed' OR (o.settled IS NULL AND o.by_at < @asOf AND (o.lapse IS NULL OR o.lapse = 'missed')))",
  not_applicable: "(o.settled = 'not_applicable' OR (o.settled IS NULL AND o.by_at < @asOf AND o.lapse = 'not_applicable'))",
  met: "o.settled = 'met'",
  late: "o.settled = 'late'",
  early: "o.settled = 'early'",
};

/** Cursors are opaque to clients: base64url of the last item's sort key. */
function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === 2 && key.every((k) => typeof k === 'string')) return key as [string, string];
  } catch {
    // refused below
  }
  throw new LedgerError('schema', 'cursor is not one this ledger gave; pass the `next` of the previous page', 'cursor');
}
