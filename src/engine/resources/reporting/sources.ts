import type { Statement } from 'better-sqlite3';
import type { EngineCore } from '../../context.js';
import type { EntryType, TransactionEntry } from '../../ledger/types.js';
import type { StripeObject } from '../../store/objects.js';
import { filterColumn } from '../../store/filter-columns.js';
import { stmt } from '../../store/statements.js';

const PAGE = 1_000;

// The partial indexes of migrations 0011 and 0016 apply only when the type is written literally;
// without statistics the planner prefers the type index and sorts every page, so they are named.
const ENTRY_TYPE = `type = 'treasury.transaction_entry'`;
const EFFECTIVE_AT = filterColumn('treasury.transaction_entry', 'effective_at');
const TAX_TYPE = `type = 'tax.transaction'`;
const TAX_DATE = `coalesce(json_extract(data, '$.posted_at'), created)`;

/** The earliest creation time of an object type, if any exist. */
export function earliestCreated(core: EngineCore, type: string): number | undefined {
  const row = stmt(core.db, 'SELECT min(created) AS t FROM objects WHERE type = ?').get(type) as { t: number | null };
  return row.t ?? undefined;
}

export interface EntryFilter {
  from: number;
  to: number;
  currency?: string;
  financialAccount?: string;
}

/** A position in a report's reading order: the record's date and its creation order. */
export type ReadPosition = [at: number, seq: number];

/**
 * How much of its data a report reads in one slice. A long report is
 * computed in slices, each in its own transaction, so the requests waiting
 * are answered in between; the reader starts after `after` and stops once it
 * has read `max` records, saying where in `next` (null: it reached the end).
 */
export interface ReadWindow {
  after: ReadPosition | null;
  max: number;
  next?: ReadPosition | null;
}

/**
 * Rows of an indexed (date, seq) order from `from` to before `to`, a page at
 * a time, so a report over any number of them holds one page in memory.
 * `page` takes (lower bound, to, cursor date, cursor seq, ...params).
 */
function* paged<T>(page: Statement, from: number, to: number, params: unknown[], window?: ReadWindow): Generator<T> {
  let cursor: ReadPosition = window?.after ?? [from - 1, 0];
  let read = 0;
  for (;;) {
    // The range starts at the cursor, so each page reads the index from where the last one ended.
    const rows = page.all(Math.max(from, cursor[0]), to, cursor[0], cursor[1], ...params) as { seq: number; at: number; data: string }[];
    for (const r of rows) yield JSON.parse(r.data) as T;
    read += rows.length;
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    cursor = [last.at, last.seq];
    if (window && read >= window.max) {
      window.next = cursor;
      return;
    }
  }
  if (window) window.next = null;
}

/** TransactionEntries effective in [from, to), oldest first, read a page at a time. */
export function* entriesIn(core: EngineCore, f: EntryFilter, window?: ReadWindow): Generator<TransactionEntry> {
  const extra: string[] = [];
  const params: unknown[] = [];
  if (f.currency) {
    extra.push(`json_extract(data, '$.currency') = ?`);
    params.push(f.currency);
  }
  if (f.financialAccount) {
    extra.push('owner = ?');
    params.push(f.financialAccount);
  }
  const page = stmt(
    core.db,
    `SELECT seq, ${EFFECTIVE_AT} AS at, data FROM objects INDEXED BY reporting_entries_by_effective_at
     WHERE ${ENTRY_TYPE} AND ${EFFECTIVE_AT} >= ? AND ${EFFECTIVE_AT} < ? AND (${EFFECTIVE_AT} > ? OR seq > ?)
     ${extra.map((c) => `AND ${c}`).join(' ')}
     ORDER BY ${EFFECTIVE_AT}, seq LIMIT ${PAGE}`,
  );
  yield* paged<TransactionEntry>(page, f.from, f.to, params, window);
}

/** Cash moved by entries effective before a time, by currency and entry type. */
export function cashByType(core: EngineCore, from: number | null, to: number): { currency: string; type: EntryType; cash: number }[] {
  return stmt(
    core.db,
    `SELECT json_extract(data, '$.currency') AS currency, json_extract(data, '$.type') AS type,
            sum(json_extract(data, '$.balance_impact.cash')) AS cash
     FROM objects INDEXED BY reporting_entries_by_effective_at WHERE ${ENTRY_TYPE} AND ${EFFECTIVE_AT} >= ? AND ${EFFECTIVE_AT} < ?
     GROUP BY 1, 2 ORDER BY 1, 2`,
  ).all(from ?? Number.MIN_SAFE_INTEGER, to) as { currency: string; type: EntryType; cash: number }[];
}

/** A Transaction's description, remembered for the entries of one report. */
export function descriptions(core: EngineCore): (transactionId: string) => string {
  const cache = new Map<string, string>();
  // Only the one field: parsing each whole Transaction would double a large report's work.
  const read = stmt(core.db, `SELECT json_extract(data, '$.description') AS d FROM objects WHERE id = ? AND type = 'treasury.transaction'`);
  return (id) => {
    let d = cache.get(id);
    if (d === undefined) {
      d = (read.get(id) as { d: string | null } | undefined)?.d ?? '';
      if (cache.size > 10_000) cache.clear();
      cache.set(id, d);
    }
    return d;
  };
}

/** Tax transactions dated (posted_at, or created) in [from, to), oldest first, a page at a time. */
export function* taxTransactionsIn(core: EngineCore, from: number, to: number, window?: ReadWindow): Generator<StripeObject> {
  const page = stmt(
    core.db,
    `SELECT seq, ${TAX_DATE} AS at, data FROM objects INDEXED BY reporting_tax_transactions_by_date
     WHERE ${TAX_TYPE} AND ${TAX_DATE} >= ? AND ${TAX_DATE} < ? AND (${TAX_DATE} > ? OR seq > ?)
     ORDER BY ${TAX_DATE}, seq LIMIT ${PAGE}`,
  );
  yield* paged<StripeObject>(page, from, to, [], window);
}

/** A tax transaction's line items: embedded in it, or stored beside it with the transaction as owner. */
export function* taxLineItems(core: EngineCore, txn: StripeObject): Generator<StripeObject> {
  const embedded = (txn.line_items as { data?: StripeObject[] } | null | undefined)?.data;
  if (embedded && embedded.length > 0) {
    yield* embedded;
    return;
  }
  // Read whole (a transaction has few lines): an open iterator would keep the connection from writing the file.
  const rows = stmt(core.db, `SELECT data FROM objects WHERE type = 'tax.transaction_line_item' AND owner = ? ORDER BY seq`).all(txn.id) as {
    data: string;
  }[];
  for (const r of rows) yield JSON.parse(r.data) as StripeObject;
}
