import type { EngineCore } from '../../context.js';
import { addRange, type RangeFilter, type StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';

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
 * effective_at), ties broken by creation order, so paging never skips or repeats.
 */
export function orderedList<T extends StripeObject>(core: EngineCore, q: OrderedQuery): { data: T[]; has_more: boolean } {
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
    const cursor = stmt(core.db, `SELECT ${key} AS k, seq FROM objects WHERE id = ? AND type = ? AND owner = ?`)
      .get(cursorId, q.type, q.owner) as { k: number | null; seq: number } | undefined;
    if (!cursor || cursor.k === null) return { data: [], has_more: false };
    const op = ascending ? '>' : '<';
    where.push(`(${key} ${op} ? OR (${key} = ? AND seq ${op} ?))`);
    params.push(cursor.k, cursor.k, cursor.seq);
  }
  const dir = ascending ? 'ASC' : 'DESC';
  const rows = stmt(core.db, `SELECT data FROM objects WHERE ${where.join(' AND ')} ORDER BY ${key} ${dir}, seq ${dir} LIMIT ?`)
    .all(...params, q.limit + 1) as { data: string }[];
  const has_more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (ascending) page.reverse();
  return { data: page.map((r) => JSON.parse(r.data) as T), has_more };
}
