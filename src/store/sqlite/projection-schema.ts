/**
 * The projection store's schema (README "Read side"). Everything here is derived from the log and can
 * be rebuilt from it; `meta.position` is the number of log entries applied. A case's full projection
 * is one JSON document (`case_docs.doc`), kept apart from the columns lists and filters search, so that
 * those rows stay small (lists, counts and index builds read them without the documents).
 */
/** Bump with any change below: a file of another schema is dropped and rebuilt from the log. */
// 6: cases say whether a window ran through a year the pack's calendar does not know.
// 7: the index of cases by pack version covers that too.
// 8: unprotected spans are clustered by provider and start.
// 9: case documents in a table of their own.
export const PROJECTION_SCHEMA_VERSION = 9;

export const PROJECTION_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS parties (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  registered_at TEXT,
  judged_from TEXT NOT NULL,
  last_at TEXT NOT NULL,
  state TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS party_roles (
  role TEXT NOT NULL,
  party TEXT NOT NULL,
  PRIMARY KEY (role, party)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sanctions (
  provider TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  target TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  until TEXT,
  cases TEXT NOT NULL,
  PRIMARY KEY (provider, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS cases (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  provider TEXT NOT NULL,
  notifier TEXT NOT NULL,
  user TEXT,
  pack TEXT NOT NULL,
  phase TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  revisions INTEGER NOT NULL,
  pack_version TEXT,
  calendar_assumed INTEGER NOT NULL DEFAULT 0
);
-- Each case's projection (CaseProjection as JSON), by the case row's n.
CREATE TABLE IF NOT EXISTS case_docs (
  n INTEGER PRIMARY KEY,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_opening ON cases (opened_at, id);
CREATE INDEX IF NOT EXISTS cases_by_provider ON cases (provider, opened_at, id);
-- Covers the report's count of cases by pack version and of those with assumed calendar days (no row read).
CREATE INDEX IF NOT EXISTS cases_by_pack_version ON cases (provider, pack_version, calendar_assumed);
CREATE INDEX IF NOT EXISTS cases_by_notifier ON cases (notifier, opened_at, id);

CREATE TABLE IF NOT EXISTS case_users (
  user TEXT NOT NULL,
  case_id TEXT NOT NULL,
  PRIMARY KEY (user, case_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS obligations (
  case_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  provider TEXT NOT NULL,
  pack TEXT NOT NULL,
  key TEXT NOT NULL,
  due_diligence INTEGER NOT NULL,
  by_at TEXT,
  settled TEXT,
  lapse TEXT,
  PRIMARY KEY (case_id, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS obligations_open ON obligations (provider, by_at) WHERE settled IS NULL;
CREATE INDEX IF NOT EXISTS obligations_tally ON obligations (provider, pack, key, due_diligence, settled, lapse, by_at);
CREATE INDEX IF NOT EXISTS obligations_settled ON obligations (provider, settled);
CREATE INDEX IF NOT EXISTS obligations_open_anywhere ON obligations (by_at) WHERE settled IS NULL;
CREATE INDEX IF NOT EXISTS obligations_settled_anywhere ON obligations (settled);

-- Obligations counted by what their status is made of (settled: '' while a deadline can still turn it),
-- kept by triggers: a report adds them up, and looks only at windows still open.
CREATE TABLE IF NOT EXISTS obligation_counts (
  provider TEXT NOT NULL,
  pack TEXT NOT NULL,
  key TEXT NOT NULL,
  due_diligence INTEGER NOT NULL,
  settled TEXT NOT NULL,
  lapse TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (provider, pack, key, due_diligence, settled, lapse)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS obligation_counted AFTER INSERT ON obligations BEGIN
  INSERT INTO obligation_counts (provider, pack, key, due_diligence, settled, lapse, n)
  VALUES (NEW.provider, NEW.pack, NEW.key, NEW.due_diligence, COALESCE(NEW.settled, ''), COALESCE(NEW.lapse, ''), 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS obligation_uncounted AFTER DELETE ON obligations BEGIN
  UPDATE obligation_counts SET n = n - 1
  WHERE provider = OLD.provider AND pack = OLD.pack AND key = OLD.key AND due_diligence = OLD.due_diligence
    AND settled = COALESCE(OLD.settled, '') AND lapse = COALESCE(OLD.lapse, '');
END;

-- When each case has an obligation of each status: as of t with after < t <= up_to (statusSpans() in
-- domain/jurisdictions/obligation.ts). The lists' obligation= filter reads it in opening order.
CREATE TABLE IF NOT EXISTS case_statuses (
  provider TEXT NOT NULL,
  status TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  case_id TEXT NOT NULL,
  after TEXT NOT NULL,
  up_to TEXT NOT NULL,
  PRIMARY KEY (provider, status, opened_at, case_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_statuses_anywhere ON case_statuses (status, opened_at, case_id, after, up_to);

-- Strikes are clustered by provider and opening, so a report reads them in one sweep.
CREATE TABLE IF NOT EXISTS strikes (
  provider TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  case_id TEXT NOT NULL,
  pack TEXT NOT NULL,
  user TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  exclusion TEXT,
  disputed INTEGER NOT NULL,
  PRIMARY KEY (provider, opened_at, case_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS strikes_by_case ON strikes (case_id);
-- Covering: a report reads the strikes of the users it needs from the index alone, user by user.
CREATE INDEX IF NOT EXISTS strikes_by_user ON strikes (provider, pack, user, opened_at, case_id, issued_at, exclusion, disputed);

-- Strikes per user, kept by triggers: a compliance report reads only users with enough strikes to reach
-- a threshold (the others cannot count for it).
CREATE TABLE IF NOT EXISTS user_strikes (
  provider TEXT NOT NULL,
  pack TEXT NOT NULL,
  user TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (provider, pack, user)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS user_strikes_by_count ON user_strikes (provider, pack, n);
CREATE TRIGGER IF NOT EXISTS strike_counted AFTER INSERT ON strikes BEGIN
  INSERT INTO user_strikes (provider, pack, user, n) VALUES (NEW.provider, NEW.pack, NEW.user, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS strike_uncounted AFTER DELETE ON strikes BEGIN
  UPDATE user_strikes SET n = n - 1 WHERE provider = OLD.provider AND pack = OLD.pack AND user = OLD.user;
END;

-- When each case's item is at risk or lost: as of t with after < t <= up_to (unprotectedSpans() in
-- domain/projections/case-projection.ts), so that a report reads them as of any time, judging nothing.
-- Clustered by provider and start: a report as of t reads the spans begun before t only (those that
-- begin later, at deadlines still to come, are often most of a busy provider's), and sorts them itself.
CREATE TABLE IF NOT EXISTS unprotected (
  provider TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  case_id TEXT NOT NULL,
  after TEXT NOT NULL,
  up_to TEXT NOT NULL,
  pack_version TEXT NOT NULL,
  status TEXT NOT NULL,
  -- The item standing as reports list it: {"case", "items", "reasons"}.
  standing TEXT NOT NULL,
  PRIMARY KEY (provider, after, opened_at, case_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS unprotected_by_case ON unprotected (case_id);

-- The commit at which anything a provider's reports read last changed: cached reports older than it are stale.
CREATE TABLE IF NOT EXISTS provider_changes (
  provider TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
`;

/** The counts the triggers keep, computed from the rows at once (the end of a rebuild in bulk). */
export const COUNTS_FROM_ROWS_SQL = `
INSERT INTO obligation_counts (provider, pack, key, due_diligence, settled, lapse, n)
  SELECT provider, pack, key, due_diligence, COALESCE(settled, ''), COALESCE(lapse, ''), COUNT(*) FROM obligations GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO user_strikes (provider, pack, user, n) SELECT provider, pack, user, COUNT(*) FROM strikes GROUP BY 1, 2, 3;
`;

/**
 * An obligation's status as of @asOf, in SQL. `settled` is its status when time can no longer change
 * it (met, late, early, not applicable, a status the pack fixed, pending without a window); otherwise
 * it is pending until its window closes, then its lapse. The same rules as statusOf() in
 * domain/jurisdictions/obligation.ts, checked against it by test/contract/projection-store.spec.ts.
 */
export const OBLIGATION_STATUS_SQL = `COALESCE(o.settled, CASE WHEN @asOf > o.by_at THEN COALESCE(o.lapse, 'missed') ELSE 'pending' END)`;
