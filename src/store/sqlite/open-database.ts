import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A SQLite file of its own (its folder made first), or ':memory:', with these pragmas set in order. */
export function openDatabase(location: string, pragmas: readonly string[]): Database.Database {
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  const db = new Database(location);
  for (const pragma of pragmas) db.pragma(pragma);
  return db;
}
