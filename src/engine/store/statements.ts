import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, prepared once per database: preparing costs more than most of the ledger's queries. */
export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/**
 * A bound row limit or offset: `LIMIT ${BOUND}`. SQLite reads the value of a bare `LIMIT ?` while
 * it plans the statement, so every new binding expires the statement and its next run prepares it
 * again — some 20 µs, twice what reading a page of ten rows costs. Bound inside an expression, the
 * value is read only as the statement runs. (The same holds for OFFSET.)
 */
export const BOUND = '(? + 0)';

const atomics = new WeakMap<Db, (work: () => unknown) => unknown>();

/**
 * Runs `work` in a transaction, or in a savepoint inside the one open, through one wrapper per
 * database: `db.transaction(fn)` builds its wrapper functions anew at every call, a fortieth of
 * what a write cost when the pipeline made one for each request.
 */
export function atomically<T>(db: Db, work: () => T): T {
  let run = atomics.get(db);
  if (!run) atomics.set(db, (run = db.transaction((w: () => unknown) => w())));
  return run(work) as T;
}
