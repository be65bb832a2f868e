import type { EngineCore } from '../../context.js';
import { addRange, pageOf, type ListPage, type RangeFilter } from '../../store/objects.js';
import { BOUND, stmt } from '../../store/statements.js';

export interface OrderedQuery {
  type: string;
  owner: string;
  /** A SQL expression to order by, newest first; rows where it is NULL are left out. Absent: creation order. */
  orderBy?: string;
  ranges?: { expr: string; range?: RangeFilter }[];
  where?: { clause: string; params: unknown[] }[];
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

/**
 * A cursor page ordered by a value other than creation (posted_at,
 * effective_at), ties broken by creation order, so paging never skips or repeats;
 * as the stored JSON texts, since list responses need no change to the objects.
 */
export function orderedListRaw(core: EngineCore, q: OrderedQuery): ListPage<string> {
  const built = orderedSql(core, q);
  return pageOf(stmt(core.db, built.sql).pluck().all(...built.params) as string[], q.limit, built.ascending);
}

/** SQLite's plan for an ordered list query (tests check every list filter is served by an index). */
export function explainOrdered(core: EngineCore, q: OrderedQuery): string[] {
  const built = orderedSql(core, q);
  return (core.db.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as { detail: string }[]).map((r) => r.detail);
}

function orderedSql(core: EngineCore, q: OrderedQuery): { sql: string; params: unknown[]; ascending: boolean } {
  const key = q.orderBy ?? 'seq';
  // The type is one of ours; written inline, SQLite can use the partial indexes made for it.
  if (!/^[a-z_.]+$/.test(q.type)) throw new Error(`bad object type ${q.type}`);
  const where = [`type = '${q.type}'`, 'owner = ?'];
  const params: unknown[] = [q.owner];
  if (q.orderBy) where.push(`${key} IS NOT NULL`);
  for (const r of q.ranges ?? []) addRange(where, params, r.expr, r.range);
  for (const w of q.where ?? []) {
    where.push(w.clause);
    params.push(...w.params);
  }
  const cursorId = q.endingBefore ?? q.startingAfter;
  const ascending = q.endingBefore !== undefined;
  if (cursorId !== undefined) {
    // The cursor's place is read inside the page's own query (one read of the database, not two);
    // a cursor naming no object here, or one without the value ordered by, compares with NULL
    // and the page is empty.
    const op = ascending ? '>' : '<';
    const place = `(SELECT ${key === 'seq' ? 'seq' : `${key}, seq`} FROM objects WHERE id = ? AND type = '${q.type}' AND owner = ?)`;
    // Creation order: one range on the index, so a cursor deep in the list costs what the first page does.
    where.push(key === 'seq' ? `seq ${op} ${place}` : `(${key}, seq) ${op} ${place}`);
    params.push(cursorId, q.owner);
  }
  const dir = ascending ? 'ASC' : 'DESC';
  params.push(q.limit + 1);
  return { sql: `SELECT data FROM objects WHERE ${where.join(' AND ')} ORDER BY ${key} ${dir}, seq ${dir} LIMIT ${BOUND}`, params, ascending };
}
