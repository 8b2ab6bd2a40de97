/**
 * The projection store's schema (README "Read side"). Everything here is derived from the log and can
 * be rebuilt from it; `meta.position` is the number of log entries applied. A case's full projection
 * is one JSON document (`doc`); the columns beside it are what lists and filters search.
 */
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
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  notifier TEXT NOT NULL,
  user TEXT,
  pack TEXT NOT NULL,
  phase TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  revisions INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_opening ON cases (opened_at, id);
CREATE INDEX IF NOT EXISTS cases_by_provider ON cases (provider, opened_at, id);
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
  key TEXT NOT NULL,
  from_at TEXT,
  by_at TEXT,
  met_at TEXT,
  not_applicable TEXT,
  fixed_status TEXT,
  lapse TEXT,
  PRIMARY KEY (case_id, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS obligations_open ON obligations (provider, by_at) WHERE met_at IS NULL AND not_applicable IS NULL AND fixed_status IS NULL;
`;

/**
 * An obligation's status as of :asOf, in SQL: the same rules as statusOf() in
 * domain/jurisdictions/obligation.ts, checked against it by test/unit/projection-store.spec.ts.
 */
export const OBLIGATION_STATUS_SQL = `CASE
  WHEN o.not_applicable IS NOT NULL THEN 'not_applicable'
  WHEN o.fixed_status IS NOT NULL THEN o.fixed_status
  WHEN o.by_at IS NULL THEN CASE WHEN o.met_at IS NOT NULL THEN 'met' ELSE 'pending' END
  WHEN o.met_at IS NOT NULL THEN CASE WHEN o.from_at IS NOT NULL AND o.met_at < o.from_at THEN 'early' WHEN o.met_at <= o.by_at THEN 'met' ELSE 'late' END
  WHEN @asOf > o.by_at THEN COALESCE(o.lapse, 'missed')
  ELSE 'pending' END`;
