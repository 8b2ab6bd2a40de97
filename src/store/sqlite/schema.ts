/**
 * The SQLite schema. Entries are append-only: triggers refuse UPDATE and DELETE, and refuse any insert
 * that does not continue the log (seq) and its stream (revision), so even a second writer on the same
 * file can neither leave a gap nor overwrite. Merkle nodes and checkpoints are append-only too.
 * Disclosures are the only erasable data.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS entries (
  seq INTEGER PRIMARY KEY,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  act_id TEXT NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  bytes BLOB NOT NULL,
  leaf BLOB NOT NULL,
  UNIQUE (stream, revision)
);

CREATE TRIGGER IF NOT EXISTS entries_are_immutable BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are immutable'); END;

CREATE TRIGGER IF NOT EXISTS entries_are_permanent BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are permanent'); END;

CREATE TRIGGER IF NOT EXISTS entries_continue_the_log BEFORE INSERT ON entries
WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq) + 1, 0) FROM entries)
BEGIN SELECT RAISE(ABORT, 'seq must continue the log'); END;

CREATE TRIGGER IF NOT EXISTS entries_continue_the_stream BEFORE INSERT ON entries
WHEN NEW.revision IS NOT (SELECT COALESCE(MAX(revision) + 1, 0) FROM entries WHERE stream = NEW.stream)
BEGIN SELECT RAISE(ABORT, 'revision must continue the stream'); END;

CREATE TABLE IF NOT EXISTS merkle_nodes (
  level INTEGER NOT NULL CHECK (level >= 1),
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS merkle_nodes_are_immutable BEFORE UPDATE ON merkle_nodes
BEGIN SELECT RAISE(ABORT, 'Merkle nodes are immutable'); END;

CREATE TRIGGER IF NOT EXISTS merkle_nodes_are_permanent BEFORE DELETE ON merkle_nodes
BEGIN SELECT RAISE(ABORT, 'Merkle nodes are permanent'); END;

CREATE TABLE IF NOT EXISTS checkpoints (
  size INTEGER PRIMARY KEY,
  root BLOB NOT NULL,
  note TEXT NOT NULL,
  signed_at TEXT NOT NULL
);

CREATE TRIGGER IF NOT EXISTS checkpoints_are_immutable BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are immutable'); END;

CREATE TRIGGER IF NOT EXISTS checkpoints_are_permanent BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are permanent'); END;

CREATE TRIGGER IF NOT EXISTS checkpoints_grow BEFORE INSERT ON checkpoints
WHEN NEW.size <= (SELECT COALESCE(MAX(size), -1) FROM checkpoints)
BEGIN SELECT RAISE(ABORT, 'checkpoint sizes only grow'); END;

CREATE TABLE IF NOT EXISTS disclosures (
  seq INTEGER NOT NULL REFERENCES entries (seq),
  path TEXT NOT NULL,
  value TEXT NOT NULL,
  salt TEXT NOT NULL,
  PRIMARY KEY (seq, path)
);
`;
