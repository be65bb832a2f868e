import type Database from 'better-sqlite3';
import type { Db } from './db.js';
import { filterColumnOf, filterValues } from './filter-columns.js';
import { BOUND, stmt as cached } from './statements.js';

/** Any Stripe object as the API returns it. */
export type StripeObject = { id: string; object: string; created?: number; [key: string]: unknown };

export interface ListQuery {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  /** Only objects with this owner (indexed). */
  owner?: string;
  /** `created` range or exact value, as Stripe's list filters take it. */
  created?: RangeFilter;
  /**
   * Equality filters on JSON paths of the object, e.g. `{ status: 'posted', 'flow_details.type': 'x' }`;
   * a path one of the type's filter columns holds is read from that column (and its index).
   */
  where?: Record<string, string | number | boolean | null>;
  /** Extra SQL conditions with their bound values, for filters a resource owns. */
  sql?: { clause: string; params: unknown[] }[];
  /** Oldest first (the order a parent's line items were given in) instead of newest first. */
  ascending?: boolean;
}

export type RangeFilter = number | { gt?: number; gte?: number; lt?: number; lte?: number };

export interface ListPage<T> {
  data: T[];
  has_more: boolean;
}

/**
 * A page from the rows a list query read: it asks for one row past the limit, which says
 * whether there are more; a query that walked backwards (ending_before) read them oldest first.
 */
export function pageOf(texts: string[], limit: number, backwards: boolean): ListPage<string> {
  const has_more = texts.length > limit;
  if (has_more) texts.length = limit;
  if (backwards) texts.reverse();
  return { data: texts, has_more };
}

const JSON_PATH = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const TYPE_NAME = /^[a-z0-9_.]+$/;

/** Bounds of the cache of recently read objects: entries, and characters of JSON in all. */
const READ_CACHE_ENTRIES = 2048;
const READ_CACHE_CHARS = 4_000_000;

/** The generic object store: one row per Stripe object, with indexed lists. */
export class ObjectStore {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly seqStmt;
  // List queries differ only by which filters are present: a handful of shapes, each prepared once.
  private readonly listStmts = new Map<string, Database.Statement<unknown[]>>();
  // Bumped on every write of a type, and all at once (`invalidate`) after a rollback or a reset,
  // so an in-memory index of a type (webhook endpoints) knows when to reload.
  private readonly versions = new Map<string, number>();
  private epoch = 0;
  private readonly deleteStmt;
  // The committed JSON of objects read lately, by id: a retrieve of a hot object skips SQLite.
  // Used and filled only by reads outside a transaction: a write always reads what SQLite holds,
  // and the cache never holds what a rollback could undo. Emptied of an id by every write of it
  // through the store, wholly by `invalidate`, and wholly when another connection (another
  // process on the same file) has committed since (SQLite's data_version).
  private readonly recent = new Map<string, { type: string; data: string }>();
  private recentChars = 0;
  private readonly dataVersionStmt;
  private dataVersion: unknown;
  // Set by `requestArrived` until the check phase of this turn of the event loop: data_version was
  // read after this turn's poll returned, so no read before then needs to read it again (below).
  private checkedThisTurn = false;
  private readonly endTurn = (): void => {
    this.checkedThisTurn = false;
  };

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO objects (id, type, owner, created, data, status, ref, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateStmt = db.prepare('UPDATE objects SET data = ?, status = ?, ref = ?, at = ? WHERE id = ?');
    this.getStmt = db.prepare('SELECT type, data FROM objects WHERE id = ?');
    this.seqStmt = db.prepare('SELECT seq FROM objects WHERE id = ? AND type = ?');
    this.deleteStmt = db.prepare('DELETE FROM objects WHERE id = ?');
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
  }

  /** Changes whenever an object of this type may have changed (cache key for in-memory indexes). */
  version(type: string): string {
    return `${this.epoch}.${this.versions.get(type) ?? 0}`;
  }

  /** Marks every type changed: after a rollback or a bulk delete, which the store did not see row by row. */
  invalidate(): void {
    this.epoch++;
    this.clearRecent();
  }

  /** The stored row of an object: from the cache of recent reads, else from SQLite (then cached). */
  private row(id: string): { type: string; data: string } | undefined {
    if (this.db.inTransaction) return this.getStmt.get(id) as { type: string; data: string } | undefined;
    if (!this.checkedThisTurn) this.checkForeignCommits();
    const hit = this.recent.get(id);
    if (hit) return hit;
    const row = this.getStmt.get(id) as { type: string; data: string } | undefined;
    if (row && row.data.length <= READ_CACHE_CHARS / 64) this.remember(id, row);
    return row;
  }

  /** Drops the recent reads if another connection has committed since the last look. */
  private checkForeignCommits(): void {
    const version = this.dataVersionStmt.get();
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.clearRecent();
    }
  }

  /**
   * An HTTP request has arrived: the server calls this from Node's 'request' event, which the
   * parser emits in the poll phase of the event loop that read the request's bytes. Reading
   * data_version is a read transaction of its own (two locks on the shared-memory file and a
   * stat; under load a good part of what a cached retrieve costs), so it is read here once for
   * all the requests of this turn, and reads until the turn's check phase take this look as
   * theirs. That is as fresh as a look per read: a client that saw another process commit sent
   * its request after that commit, the poll that reported the request returned after it, and
   * this look comes after that poll. (libuv polls a second time within one phase only when more
   * than 1,024 descriptors were ready at once.) Reads outside an HTTP request's turn (timers,
   * the scheduler, injected requests) look for themselves.
   */
  requestArrived(): void {
    // Inside a transaction data_version tells of that transaction's snapshot, not of now.
    if (this.checkedThisTurn || this.db.inTransaction) return;
    this.checkForeignCommits();
    this.checkedThisTurn = true;
    setImmediate(this.endTurn);
  }

  private remember(id: string, row: { type: string; data: string }): void {
    // Oldest first out: a Map iterates in insertion order.
    while (this.recent.size >= READ_CACHE_ENTRIES || this.recentChars + row.data.length > READ_CACHE_CHARS) {
      const [oldest, old] = this.recent.entries().next().value as [string, { data: string }];
      this.recent.delete(oldest);
      this.recentChars -= old.data.length;
    }
    this.recent.set(id, row);
    this.recentChars += row.data.length;
  }

  private clearRecent(): void {
    this.recent.clear();
    this.recentChars = 0;
  }

  private forget(id: string): void {
    const old = this.recent.get(id);
    if (!old) return;
    this.recent.delete(id);
    this.recentChars -= old.data.length;
  }

  private touched(type: string): void {
    this.versions.set(type, (this.versions.get(type) ?? 0) + 1);
  }

  /** Stores a new object. `owner` scopes it for indexed lists. */
  insert<T extends StripeObject>(obj: T, owner: string | null = null): T {
    this.insertStmt.run(obj.id, obj.object, owner, obj.created ?? 0, JSON.stringify(obj), ...filterValues(obj));
    this.forget(obj.id);
    this.touched(obj.object);
    return obj;
  }

  /** Replaces a stored object's JSON (its id, type and owner never change). */
  update<T extends StripeObject>(obj: T): T {
    this.forget(obj.id);
    const res = this.updateStmt.run(JSON.stringify(obj), ...filterValues(obj), obj.id);
    if (res.changes !== 1) throw new Error(`update of unknown object ${obj.id}`);
    this.touched(obj.object);
    return obj;
  }

  /** The object with this id, of this type when one is given. */
  get<T extends StripeObject = StripeObject>(id: string, type?: string): T | undefined {
    const row = this.row(id);
    if (!row || (type && row.type !== type)) return undefined;
    return JSON.parse(row.data) as T;
  }

  /** Whether an object of this type has this id, without reading it. */
  exists(id: string, type: string): boolean {
    return this.seqStmt.get(id, type) !== undefined;
  }

  /** The stored JSON text of an object, without parsing it (the hot path of retrieve). */
  getRaw(id: string, type: string): string | undefined {
    const row = this.row(id);
    return row && row.type === type ? row.data : undefined;
  }

  /** A page of objects of one type, newest first, by cursor. */
  list<T extends StripeObject = StripeObject>(type: string, q: ListQuery): ListPage<T> {
    const page = this.listRaw(type, q);
    return { data: page.data.map((text) => JSON.parse(text) as T), has_more: page.has_more };
  }

  /** A page as the stored JSON texts, for responses that need no change to the objects. */
  listRaw(type: string, q: ListQuery): ListPage<string> {
    const built = this.listSql(type, q);
    let stmt = this.listStmts.get(built.sql);
    if (!stmt) {
      // One column, as plain values: no row object per object listed.
      stmt = this.db.prepare(built.sql).pluck();
      if (this.listStmts.size < 500) this.listStmts.set(built.sql, stmt);
    }
    return pageOf(stmt.all(...built.params) as string[], q.limit, built.backwards);
  }

  /** SQLite's plan for a list query (tests check every list filter is served by an index). */
  explainList(type: string, q: ListQuery): string[] {
    const built = this.listSql(type, q);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as { detail: string }[]).map((r) => r.detail);
  }

  /** The SQL of a list page and its bound values. */
  private listSql(type: string, q: ListQuery): { sql: string; params: unknown[]; backwards: boolean } {
    // Our own type names, written inline so SQLite can use the partial indexes made for one type.
    if (!TYPE_NAME.test(type)) throw new Error(`bad object type ${type}`);
    const where: string[] = [`type = '${type}'`];
    const params: unknown[] = [];
    if (q.owner !== undefined) {
      where.push('owner = ?');
      params.push(q.owner);
    }
    addRange(where, params, 'created', q.created);
    for (const [path, value] of Object.entries(q.where ?? {})) {
      if (!JSON_PATH.test(path)) throw new Error(`bad filter path ${path}`);
      const read = filterColumnOf(type, path) ?? `json_extract(data, '$.${path}')`;
      if (value === null) where.push(`${read} IS NULL`);
      else {
        where.push(`${read} = ?`);
        params.push(typeof value === 'boolean' ? Number(value) : value);
      }
    }
    for (const extra of q.sql ?? []) {
      where.push(extra.clause);
      params.push(...extra.params);
    }
    // The page is read in walking order and reversed when the cursor walks backwards.
    const oldestFirst = q.ascending === true;
    const backwards = q.endingBefore !== undefined;
    const ascending = oldestFirst !== backwards;
    const cursorId = q.endingBefore ?? q.startingAfter;
    if (cursorId !== undefined) {
      // The cursor's place is looked up inside the page's own query: one read of the database, not
      // two. A cursor naming no object of the type compares with NULL, and the page is empty.
      where.push(`seq ${ascending ? '>' : '<'} (SELECT seq FROM objects WHERE id = ? AND type = '${type}')`);
      params.push(cursorId);
    }
    const sql = `SELECT data FROM objects WHERE ${where.join(' AND ')}
      ORDER BY seq ${ascending ? 'ASC' : 'DESC'} LIMIT ${BOUND}`;
    params.push(q.limit + 1);
    return { sql, params, backwards };
  }

  /** Every object of a type (oldest first), for checks and exports; not for request paths. */
  *iterate<T extends StripeObject = StripeObject>(type: string, owner?: string): IterableIterator<T> {
    const stmt =
      owner === undefined
        ? cached(this.db, 'SELECT data FROM objects WHERE type = ? ORDER BY seq')
        : cached(this.db, 'SELECT data FROM objects WHERE type = ? AND owner = ? ORDER BY seq');
    const rows = (owner === undefined ? stmt.iterate(type) : stmt.iterate(type, owner)) as IterableIterator<{
      data: string;
    }>;
    for (const row of rows) yield JSON.parse(row.data) as T;
  }

  /** How many objects of a type there are. */
  count(type: string, owner?: string): number {
    const row = (
      owner === undefined
        ? cached(this.db, 'SELECT count(*) AS n FROM objects WHERE type = ?').get(type)
        : cached(this.db, 'SELECT count(*) AS n FROM objects WHERE type = ? AND owner = ?').get(type, owner)
    ) as { n: number };
    return row.n;
  }

  /** Removes an object (only webhook endpoints are ever deleted). */
  delete(id: string): void {
    this.deleteStmt.run(id);
    this.invalidate();
  }
}

/** Adds SQL conditions for a Stripe range filter on a column or expression. */
export function addRange(where: string[], params: unknown[], column: string, range?: RangeFilter): void {
  if (range === undefined) return;
  if (typeof range === 'number') {
    where.push(`${column} = ?`);
    params.push(range);
    return;
  }
  const ops = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
  for (const key of Object.keys(ops) as (keyof typeof ops)[]) {
    if (range[key] !== undefined) {
      where.push(`${column} ${ops[key]} ?`);
      params.push(range[key]);
    }
  }
}
