/**
 * The projection store's schema (README "Read side"). Everything here is derived from the log and can
 * be rebuilt from it; `meta.position` is the number of log entries applied. A case's full projection
 * is one JSON document (`doc`); the columns beside it are what lists and filters search.
 */
/** Bump with any change below: a file of another schema is dropped and rebuilt from the log. */
export const PROJECTION_SCHEMA_VERSION = 2;

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
  pack_version TEXT,
  settles_at TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_opening ON cases (opened_at, id);
CREATE INDEX IF NOT EXISTS cases_by_provider ON cases (provider, opened_at, id);
CREATE INDEX IF NOT EXISTS cases_by_pack_version ON cases (provider, pack_version);
CREATE INDEX IF NOT EXISTS cases_unsettled ON cases (provider, settles_at);
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

-- Strikes and unprotected items are clustered by provider and opening, so a report reads them in one sweep.
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

-- Cases whose item protection is settled and not eligible (at risk or lost), or not yet settled.
CREATE TABLE IF NOT EXISTS unprotected (
  provider TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  case_id TEXT NOT NULL,
  pack_version TEXT NOT NULL,
  status TEXT NOT NULL,
  settles_at TEXT,
  reasons TEXT NOT NULL,
  items TEXT NOT NULL,
  PRIMARY KEY (provider, opened_at, case_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS unprotected_by_case ON unprotected (case_id);

-- The commit at which anything a provider's reports read last changed: cached reports older than it are stale.
CREATE TABLE IF NOT EXISTS provider_changes (
  provider TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
`;

/**
 * An obligation's status as of @asOf, in SQL. `settled` is its status when time can no longer change
 * it (met, late, early, not applicable, a status the pack fixed, pending without a window); otherwise
 * it is pending until its window closes, then its lapse. The same rules as statusOf() in
 * domain/jurisdictions/obligation.ts, checked against it by test/contract/projection-store.spec.ts.
 */
export const OBLIGATION_STATUS_SQL = `COALESCE(o.settled, CASE WHEN @asOf > o.by_at THEN COALESCE(o.lapse, 'missed') ELSE 'pending' END)`;
