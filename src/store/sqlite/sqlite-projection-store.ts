import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CaseFilter, CaseListItem, ComplianceRows, Page, ProjectedParty, ProjectionBatch, ProjectionStore } from '../../application/ports/projection-store.js';
import type { Role } from '../../domain/acts/primitives.js';
import type { PartyState, Sanction } from '../../domain/party/state.js';
import { END_OF_TIME, type CaseProjection } from '../../domain/projections/case-projection.js';
import { OBLIGATION_STATUSES, settledStatus, statusSpans, type ObligationStatus } from '../../domain/jurisdictions/obligation.js';
import type { ItemStanding } from '../../domain/projections/provider-compliance.js';
import type { StrikeBasis, StrikeCounting } from '../../domain/projections/repeat-infringement.js';
import type { StoredCrossing } from '../../application/ports/projection-store.js';
import { StoredJsonList } from '../../application/stored-json.js';
import { listCases, listParties } from './case-list.js';
import { COUNTS_FROM_ROWS_SQL, PROJECTION_SCHEMA_SQL, PROJECTION_SCHEMA_VERSION } from './projection-schema.js';

const DOC_PAGE = 2000;

/**
 * Users of a provider and pack whose counted strikes (not excluded; disputed ones only when the
 * policy counts them) reached the threshold within one window, with when they first did, how many
 * are in force at @asOfMs and when the next of them expires: repeatInfringement's userRecord() in
 * SQL, read from the covering index for the users with enough strikes only (the users first: CROSS
 * JOIN keeps that order, else SQLite walks all the provider's strikes). A strike is in force
 * from its issue (inclusive) until issue + window (exclusive), in whole milliseconds as the ISO
 * times compare. The order is users' (the caller sorts as reports list them).
 */
const THRESHOLD_CROSSINGS_SQL = `
WITH counted AS (
  SELECT s.user, s.issued_at, CAST(round(unixepoch(s.issued_at, 'subsec') * 1000) AS INTEGER) AS t
  FROM user_strikes u CROSS JOIN strikes s INDEXED BY strikes_by_user ON s.provider = u.provider AND s.pack = u.pack AND s.user = u.user
  WHERE u.provider = @provider AND u.pack = @pack AND u.n >= @threshold AND s.exclusion IS NULL AND (s.disputed = 0 OR @countDisputed)
), windows AS (
  SELECT user, issued_at, t, COUNT(*) OVER (PARTITION BY user ORDER BY t RANGE BETWEEN @windowMs - 1 PRECEDING AND CURRENT ROW) AS in_force FROM counted
)
SELECT user, MIN(CASE WHEN in_force >= @threshold THEN issued_at END) AS reached,
  SUM(t <= @asOfMs AND @asOfMs < t + @windowMs) AS active,
  MIN(CASE WHEN t + @windowMs > @asOfMs THEN t + @windowMs END) AS next_expiry
FROM windows GROUP BY user HAVING reached IS NOT NULL ORDER BY user`;

/** Items at risk or lost as of @asOf: the protection spans that hold then (begun before it: a range of the key), in opening order. */
export const UNPROTECTED_AS_OF_SQL =
  "SELECT pack_version, status, COUNT(*) AS n, CAST('[' || group_concat(standing, ',' ORDER BY opened_at, case_id) || ']' AS BLOB) AS list FROM unprotected WHERE provider = @provider AND after < @asOf AND @asOf <= up_to GROUP BY pack_version, status";

/**
 * The embedded projection store: its own SQLite file beside the log (`projections.db`). Derived data
 * only, so it runs with synchronous=NORMAL: a crash may lose the last batches, never corrupt them,
 * and the projector re-applies from the position the file holds. `readOnly` connections serve queries
 * off the writer's thread.
 */
export class SqliteProjectionStore implements ProjectionStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly commitTransaction;
  private crossings: Database.Statement | undefined;

  /**
   * `readOnly` connections serve queries. `rebuildPart` joins a rebuild in progress from another
   * thread (a share of the cases, see parallel-rebuild.ts): the file is taken as it is (no repair,
   * no version check), written without fsync, and a transaction waits for the other writers'.
   */
  constructor(
    readonly location: string,
    options: { readOnly?: boolean; rebuildPart?: boolean } = {},
  ) {
    if (!options.readOnly && location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    this.db = new Database(location, options.readOnly ? { readonly: true, fileMustExist: true } : { fileMustExist: options.rebuildPart === true });
    this.db.pragma(`busy_timeout = ${options.rebuildPart ? 600_000 : 5000}`);
    // A fixed page cache rather than SQLite's 2 MB: a large provider's report touches many index pages (32 MB), and a
    // rebuild's writer inserts into several tables at once out of key order, by provider and user (128 MB while it runs).
    this.db.pragma(`cache_size = ${options.rebuildPart ? -131072 : -32768}`);
    this.writable = !options.readOnly;
    if (options.rebuildPart) this.db.pragma('synchronous = OFF');
    else if (this.writable) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      if (this.db.pragma('user_version', { simple: true }) !== PROJECTION_SCHEMA_VERSION) this.recreate();
      this.syncOnlyAcrossMachineCrashes();
      this.restoreAfterInterruptedRebuild();
    }
    this.statements = this.prepare();
    this.commitTransaction = this.db.transaction((batch: ProjectionBatch) => this.write(batch));
  }

  /**
   * A rebuild in bulk sets the indexes and triggers aside and writes no version until it finishes:
   * a file without a version (a rebuild cut short, or never built) is emptied and its schema put back.
   */
  private restoreAfterInterruptedRebuild(): void {
    const version = this.db.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get();
    if (version !== undefined) return;
    this.db.transaction(() => {
      const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta') AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
      for (const table of tables) this.db.exec(`DELETE FROM "${table}"`);
      this.db.exec(PROJECTION_SCHEMA_SQL);
    })();
  }

  private readonly writable: boolean;
  /** This machine's boot id (Linux), when the file may be written without fsync (see below). */
  private bootId: string | undefined;

  /** Derived data: a file of another schema version, or possibly torn, is emptied (the projector then rebuilds it). */
  private recreate(): void {
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    this.db.transaction(() => {
      for (const table of tables) this.db.exec(`DROP TABLE "${table}"`);
      this.db.exec(PROJECTION_SCHEMA_SQL);
      this.db.pragma(`user_version = ${PROJECTION_SCHEMA_VERSION}`);
    })();
  }

  /**
   * The projections are written without fsync (synchronous=OFF), so that their I/O never delays the
   * log's durable commits. A process crash loses nothing (the OS holds the writes); only a machine
   * crash can tear the file. So the file records, durably, the boot it was opened in and whether it
   * was closed cleanly: opened after another boot without a clean close, it is emptied and rebuilt.
   * Where the boot id cannot be read, it keeps synchronous=NORMAL.
   */
  private syncOnlyAcrossMachineCrashes(): void {
    if (this.location === ':memory:') return;
    this.bootId = currentBootId();
    if (!this.bootId) {
      this.db.pragma('synchronous = NORMAL');
      return;
    }
    const meta = (key: string) => this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
    if (meta('boot') !== undefined && meta('boot') !== this.bootId && meta('closed_cleanly') !== '1') this.recreate();
    const set = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      set.run('boot', this.bootId);
      set.run('closed_cleanly', '0');
    })();
    this.db.pragma('synchronous = OFF');
  }

  private prepare() {
    const db = this.db;
    const idsOf = (role: 'provider' | 'notifier') => db.prepare(`SELECT id FROM cases WHERE ${role} = ? AND opened_at >= ? ORDER BY opened_at, id`).pluck();
    const docsOf = (role: 'provider' | 'notifier') =>
      db.prepare(`SELECT c.opened_at, c.id, d.doc FROM cases c JOIN case_docs d ON d.n = c.n WHERE c.${role} = @party AND c.opened_at <= @openedBy AND (c.opened_at, c.id) > (@afterOpened, @afterId) ORDER BY c.opened_at, c.id LIMIT ${DOC_PAGE}`);
    return {
      meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      party: db.prepare('SELECT state, judged_from, last_at FROM parties WHERE id = ?'),
      upsertParty: db.prepare(
        'INSERT INTO parties (id, name, registered_at, judged_from, last_at, state) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, registered_at = excluded.registered_at, judged_from = excluded.judged_from, last_at = excluded.last_at, state = excluded.state',
      ),
      insertRole: db.prepare('INSERT OR IGNORE INTO party_roles (role, party) VALUES (?, ?)'),
      insertSanction: db.prepare('INSERT OR REPLACE INTO sanctions (provider, seq, type, target, recorded_at, until, cases) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      sanctions: db.prepare('SELECT seq, type, target, recorded_at, until, cases FROM sanctions WHERE provider = ? ORDER BY seq'),
      sanctionsOfTypes: db.prepare("SELECT seq, type, target, recorded_at, until, cases FROM sanctions WHERE provider = ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq"),
      caseDoc: db.prepare('SELECT d.doc FROM cases c JOIN case_docs d ON d.n = c.n WHERE c.id = ?').pluck(),
      upsertCase: db.prepare(
        'INSERT INTO cases (id, provider, notifier, user, pack, phase, opened_at, last_at, revisions, pack_version, calendar_assumed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET user = excluded.user, phase = excluded.phase, last_at = excluded.last_at, revisions = excluded.revisions, pack_version = excluded.pack_version, calendar_assumed = excluded.calendar_assumed RETURNING n',
      ),
      // A plain insert after the delete: the user counts are kept by triggers, which REPLACE would not fire.
      insertStrike: db.prepare('INSERT INTO strikes (case_id, provider, pack, user, opened_at, issued_at, exclusion, disputed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      deleteUnprotected: db.prepare('DELETE FROM unprotected WHERE case_id = ?'),
      insertUnprotected: db.prepare('INSERT INTO unprotected (provider, opened_at, case_id, after, up_to, pack_version, status, standing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      changed: db.prepare('INSERT INTO provider_changes (provider, version) VALUES (?, ?) ON CONFLICT (provider) DO UPDATE SET version = excluded.version'),
      providerVersion: db.prepare('SELECT version FROM provider_changes WHERE provider = ?').pluck(),
      nextDeadline: db.prepare('SELECT MIN(by_at) FROM obligations WHERE provider = ? AND settled IS NULL AND by_at >= ?').pluck(),
      deleteStrike: db.prepare('DELETE FROM strikes WHERE case_id = ?'),
      strikesOf: db.prepare('SELECT case_id, pack, user, issued_at, exclusion, disputed FROM strikes WHERE provider = ? ORDER BY provider, opened_at, case_id').raw(),
      deleteStatuses: db.prepare(`DELETE FROM case_statuses WHERE provider = ? AND status IN (${OBLIGATION_STATUSES.map((x) => `'${x}'`).join(', ')}) AND opened_at = ? AND case_id = ?`),
      insertStatus: db.prepare('INSERT INTO case_statuses (provider, status, opened_at, case_id, after, up_to) VALUES (?, ?, ?, ?, ?, ?)'),
      casesByPack: db.prepare('SELECT pack_version, COUNT(*) AS n, SUM(calendar_assumed) AS assumed FROM cases WHERE provider = ? AND pack_version IS NOT NULL GROUP BY pack_version'),
      // Tallies: the counts kept by triggers, and the obligations still pending (an open window), which the counts of unsettled ones then split.
      counts: db.prepare('SELECT pack, key, due_diligence, settled, lapse, n FROM obligation_counts WHERE provider = ? AND n > 0'),
      // An unsettled obligation always has a deadline (statusChangesAt), so the open-window index serves this alone.
      pendingCounts: db.prepare(
        "SELECT pack, key, due_diligence, COALESCE(lapse, '') AS lapse, COUNT(*) AS n FROM obligations WHERE provider = @provider AND settled IS NULL AND by_at >= @asOf GROUP BY pack, key, due_diligence, lapse",
      ),
      unprotected: db.prepare(UNPROTECTED_AS_OF_SQL),
      upsertDoc: db.prepare('INSERT INTO case_docs (n, doc) VALUES (?, ?) ON CONFLICT (n) DO UPDATE SET doc = excluded.doc'),
      insertUser: db.prepare('INSERT OR IGNORE INTO case_users (user, case_id) VALUES (?, ?)'),
      deleteObligations: db.prepare('DELETE FROM obligations WHERE case_id = ?'),
      insertObligation: db.prepare('INSERT INTO obligations (case_id, idx, provider, pack, key, due_diligence, by_at, settled, lapse) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      idsOf: { provider: idsOf('provider'), notifier: idsOf('notifier') },
      idsOfProviderFrom: db.prepare('SELECT id FROM cases WHERE provider = ? AND notifier = ? AND opened_at >= ? ORDER BY opened_at, id').pluck(),
      docsOf: { provider: docsOf('provider'), notifier: docsOf('notifier') },
      notifiers: db.prepare("SELECT DISTINCT notifier FROM cases WHERE notifier <> '' ORDER BY notifier").pluck(),
      providers: db.prepare('SELECT DISTINCT provider FROM cases ORDER BY provider').pluck(),
    };
  }

  position(): number {
    return Number(this.statements.meta.get('position') ?? 0);
  }

  version(): string | undefined {
    return this.statements.meta.get('version') as string | undefined;
  }

  reset(version: string): void {
    this.db.transaction(() => this.empty(version))();
  }

  /** Every table emptied, every index and trigger in place (a rebuild interrupted may have set them aside). */
  private empty(version: string | undefined): void {
    // Without triggers, DELETE without WHERE frees the tables' pages whole; with them it deletes row by row.
    for (const trigger of this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) this.db.exec(`DROP TRIGGER "${trigger}"`);
    for (const table of ['parties', 'party_roles', 'sanctions', 'cases', 'case_docs', 'case_users', 'obligations', 'obligation_counts', 'case_statuses', 'strikes', 'user_strikes', 'unprotected', 'provider_changes']) this.db.exec(`DELETE FROM ${table}`);
    this.db.exec(PROJECTION_SCHEMA_SQL);
    this.db.exec("DELETE FROM meta WHERE key NOT IN ('boot', 'closed_cleanly')");
    if (version !== undefined) this.statements.setMeta.run('version', version);
    this.statements.setMeta.run('position', '0');
  }

  /** Secondary indexes and the counting triggers are dropped: built once at the end, they cost a fraction of keeping them row by row. */
  beginRebuild(): void {
    this.db.transaction(() => {
      this.empty(undefined);
      const derived = this.db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL").all() as { type: string; name: string }[];
      for (const { type, name } of derived) this.db.exec(`DROP ${type.toUpperCase()} "${name}"`);
    })();
  }

  finishRebuild(version: string, position: number, lastAt: string | undefined): void {
    // Building the indexes sorts every row: on a second thread, in a larger page cache (the sorter spills to a temporary file past it).
    const cacheSize = this.db.pragma('cache_size', { simple: true });
    this.db.pragma('threads = 2');
    this.db.pragma('cache_size = -262144');
    try {
      this.db.transaction(() => {
        this.db.exec(PROJECTION_SCHEMA_SQL);
        this.db.exec(COUNTS_FROM_ROWS_SQL);
        this.statements.setMeta.run('version', version);
        this.statements.setMeta.run('position', String(position));
        if (lastAt) this.statements.setMeta.run('last_at', lastAt);
      })();
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
      this.db.pragma('threads = 0');
    }
  }

  commit(batch: ProjectionBatch): void {
    // IMMEDIATE: the write lock first, so a writer on another thread is waited for, never overtaken mid-transaction.
    this.commitTransaction.immediate(batch);
  }

  private write(batch: ProjectionBatch): void {
    const s = this.statements;
    for (const { state, judgedFrom, lastAt } of batch.parties) {
      s.upsertParty.run(state.id, state.name, state.registeredAt ?? null, judgedFrom, lastAt, JSON.stringify({ ...state, sanctions: [] }));
      for (const role of state.roles) s.insertRole.run(role, state.id);
    }
    for (const x of batch.sanctions) s.insertSanction.run(x.provider, x.seq, x.type, x.target, x.recordedAt, x.until ?? null, JSON.stringify(x.cases));
    for (const c of batch.cases) this.writeCase(c, batch.fresh === true);
    // Cases carry their provider; party rows and sanctions may be a provider's own. Versions count commits.
    const version = Number(s.meta.get('commits') ?? 0) + 1;
    s.setMeta.run('commits', String(version));
    const touched = new Set([...batch.cases.map((c) => c.provider), ...batch.parties.map((p) => p.state.id), ...batch.sanctions.map((x) => x.provider), ...(batch.providers ?? [])]);
    for (const provider of touched) s.changed.run(provider, version);
    s.setMeta.run('position', String(batch.position));
    if (batch.lastAt) s.setMeta.run('last_at', batch.lastAt);
  }

  private writeCase(c: CaseProjection, fresh: boolean): void {
    const s = this.statements;
    const j = c.judgement;
    const row = s.upsertCase.get(c.id, c.provider, c.notifier, c.user, c.pack, c.phase, c.openedAt, c.lastAt, c.revisions, j?.pack ?? null, c.calendarAssumed ? 1 : 0) as { n: number };
    s.upsertDoc.run(row.n, JSON.stringify(c));
    if (!fresh) s.deleteUnprotected.run(c.id);
    for (const span of j ? c.unprotected : []) {
      const standing: ItemStanding = { case: c.id, items: c.items, reasons: span.reasons };
      s.insertUnprotected.run(c.provider, c.openedAt, c.id, span.after, span.upTo, j!.pack, span.status, JSON.stringify(standing));
    }
    for (const user of c.users) s.insertUser.run(user, c.id);
    if (!fresh) s.deleteObligations.run(c.id);
    j?.obligations.forEach((o, i) => {
      s.insertObligation.run(c.id, i, c.provider, j.pack, o.key, j.dueDiligenceKeys?.includes(o.key) ? 1 : 0, o.window?.by ?? null, settledStatus(o, END_OF_TIME), o.lapse ?? null);
    });
    if (!fresh) s.deleteStatuses.run(c.provider, c.openedAt, c.id);
    for (const [status, span] of statusSpans(j?.obligations ?? [], END_OF_TIME)) s.insertStatus.run(c.provider, status, c.openedAt, c.id, span.after, span.upTo);
    if (!fresh) s.deleteStrike.run(c.id);
    if (c.strike && c.user && j) s.insertStrike.run(c.id, c.provider, c.pack, c.user, c.openedAt, c.strike.issuedAt, c.strike.exclusion ?? null, c.strike.disputed ? 1 : 0);
  }

  lastAt(): string {
    return (this.statements.meta.get('last_at') as string | undefined) ?? '';
  }

  complianceRows(provider: string, asOf: string): ComplianceRows {
    const s = this.statements;
    const cases = (s.casesByPack.all(provider) as { pack_version: string; n: number; assumed: number }[]).map((r) => ({ packVersion: r.pack_version, count: r.n, calendarAssumed: r.assumed }));
    const tallies = this.tallies(provider, asOf);
    // The standings are passed on as the JSON array SQLite joins them into: a large report neither parses nor writes them again.
    const rows = s.unprotected.all({ provider, asOf }) as { pack_version: string; status: 'at_risk' | 'lost_for_item'; n: number; list: Uint8Array }[];
    const items = rows.map((r) => ({ packVersion: r.pack_version, status: r.status, list: new StoredJsonList<ItemStanding>(r.list, r.n) }));
    return { cases, tallies, items };
  }

  /** Obligations by pack, key and status as of `asOf`: settled ones as counted; unsettled ones pending while their window is open, else their lapse. */
  private tallies(provider: string, asOf: string): ComplianceRows['tallies'] {
    type Count = { pack: string; key: string; due_diligence: number; settled?: string; lapse: string; n: number };
    const group = (r: Count) => `${r.pack}\u0000${r.key}\u0000${r.due_diligence}\u0000${r.lapse}`;
    const pending = new Map((this.statements.pendingCounts.all({ provider, asOf }) as Count[]).map((r) => [group(r), r.n]));
    const tallies: ComplianceRows['tallies'] = [];
    const add = (r: Count, status: ObligationStatus, count: number) => {
      if (count > 0) tallies.push({ packVersion: r.pack, key: r.key, dueDiligence: r.due_diligence === 1, status, count });
    };
    for (const r of this.statements.counts.all(provider) as Count[]) {
      if (r.settled) add(r, r.settled as ObligationStatus, r.n);
      else {
        const open = pending.get(group(r)) ?? 0;
        add(r, 'pending', open);
        add(r, (r.lapse || 'missed') as ObligationStatus, r.n - open);
      }
    }
    return tallies;
  }

  strikesOf(provider: string): { id: string; pack: string; user: string; basis: StrikeBasis }[] {
    // Rows as arrays (raw): a large provider has tens of thousands of strikes, and named rows cost twice as much to build.
    type Row = [caseId: string, pack: string, user: string, issuedAt: string, exclusion: string | null, disputed: number];
    const rows = this.statements.strikesOf.all(provider) as Row[];
    return rows.map(([id, pack, user, issuedAt, exclusion, disputed]) => ({ id, pack, user, basis: { issuedAt, exclusion: exclusion ?? undefined, disputed: disputed === 1 } }));
  }

  thresholdCrossings(provider: string, pack: string, counting: StrikeCounting, asOf: string): StoredCrossing[] {
    const params = { provider, pack, threshold: Math.max(1, counting.threshold), windowMs: counting.windowMs, countDisputed: counting.countDisputed ? 1 : 0, asOfMs: Date.parse(asOf) };
    type Row = [user: string, reachedAt: string, active: number, nextExpiryMs: number | null];
    // Prepared at first use: it names an index, which a rebuild sets aside until it finishes.
    this.crossings ??= this.db.prepare(THRESHOLD_CROSSINGS_SQL).raw();
    return (this.crossings.all(params) as Row[]).map(([user, thresholdReachedAt, activeStrikes, next]) => ({
      user,
      thresholdReachedAt,
      activeStrikes,
      nextExpiry: next === null ? undefined : new Date(next).toISOString(),
    }));
  }

  providerVersion(provider: string): number {
    return (this.statements.providerVersion.get(provider) as number | undefined) ?? 0;
  }

  nextDeadline(provider: string, asOf: string): string | undefined {
    return (this.statements.nextDeadline.get(provider, asOf) as string | null) ?? undefined;
  }

  party(id: string): ProjectedParty | undefined {
    const row = this.statements.party.get(id) as { state: string; judged_from: string; last_at: string } | undefined;
    return row && { state: JSON.parse(row.state) as PartyState, judgedFrom: row.judged_from, lastAt: row.last_at };
  }

  sanctions(provider: string, types?: readonly Sanction['type'][]): Sanction[] {
    const rows = (types ? this.statements.sanctionsOfTypes.all(provider, JSON.stringify(types)) : this.statements.sanctions.all(provider)) as { seq: number; type: Sanction['type']; target: string; recorded_at: string; until: string | null; cases: string }[];
    return rows.map((r) => ({ type: r.type, target: r.target, seq: r.seq, recordedAt: r.recorded_at, ...(r.until ? { until: r.until } : { until: undefined }), cases: JSON.parse(r.cases) as string[] }));
  }

  caseProjection(id: string): CaseProjection | undefined {
    const doc = this.statements.caseDoc.get(id) as string | undefined;
    return doc === undefined ? undefined : (JSON.parse(doc) as CaseProjection);
  }

  caseIdsOf(party: string, role: 'provider' | 'notifier', from = '', notifier?: string): string[] {
    if (notifier !== undefined && role === 'provider') return this.statements.idsOfProviderFrom.all(party, notifier, from) as string[];
    return this.statements.idsOf[role].all(party, from) as string[];
  }

  /** Read in pages, so that the connection is free between them (for other reads and the projector's writes). */
  *casesOf(party: string, role: 'provider' | 'notifier', openedBy: string): IterableIterator<CaseProjection> {
    const statement = this.statements.docsOf[role];
    let after = { afterOpened: '', afterId: '' };
    for (;;) {
      const rows = statement.all({ party, openedBy, ...after }) as { opened_at: string; id: string; doc: string }[];
      for (const row of rows) yield JSON.parse(row.doc) as CaseProjection;
      if (rows.length < DOC_PAGE) return;
      const last = rows[rows.length - 1];
      after = { afterOpened: last.opened_at, afterId: last.id };
    }
  }

  notifiers(): string[] {
    return this.statements.notifiers.all() as string[];
  }

  providers(): string[] {
    return this.statements.providers.all() as string[];
  }

  listCases(filter: CaseFilter, asOf: string, limit: number, cursor?: string): Page<CaseListItem> {
    return listCases(this.db, filter, asOf, limit, cursor);
  }

  listParties(role: Role | undefined, limit: number, cursor?: string): Page<{ id: string; name: string; roles: Role[]; registeredAt?: string }> {
    return listParties(this.db, role, limit, cursor);
  }

  close(): void {
    if (this.writable && this.bootId) {
      this.db.pragma('synchronous = FULL');
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('closed_cleanly', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    }
    this.db.close();
  }
}

function currentBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
