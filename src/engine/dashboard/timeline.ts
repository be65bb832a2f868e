import type { EngineCore } from '../context.js';
import { invalidRequest } from '../errors.js';
import type { BalanceImpact, FlowType, TimelineEntry, TimelinePage, TransactionStatus } from '@shared/dashboard-api.js';
import { anchoredBalances } from './anchored-balances.js';
import type { RunningBalances } from './running-balances.js';
import { filterColumn } from '../store/filter-columns.js';
import { BOUND, stmt } from '../store/statements.js';

const ENTRY = 'treasury.transaction_entry';
const TRANSACTION = 'treasury.transaction';
const FLOW_TYPES = new Set<FlowType>([
  'credit_reversal',
  'debit_reversal',
  'inbound_transfer',
  'issuing_authorization',
  'other',
  'outbound_payment',
  'outbound_transfer',
  'received_credit',
  'received_debit',
]);
const STATUSES = new Set<TransactionStatus>(['open', 'posted', 'void']);
const MAX_LIMIT = 500;
/** How many newer entries a page may undo to anchor its balances before it waits for the index instead. */
const ANCHOR_DEPTH = 5_000;

interface Filter {
  where: string[];
  params: unknown[];
  join: string;
}

function int(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw invalidRequest(`Invalid ${name}: must be a non-negative integer.`, name);
  return n;
}

/** The SQL for the filters a timeline query may carry; every value is bound, never spliced. */
function filterOf(q: Record<string, unknown>): Filter {
  const where = [`e.type = '${ENTRY}'`];
  const params: unknown[] = [];
  let join = '';
  if (typeof q.account === 'string' && q.account) {
    where.push('e.owner = ?');
    params.push(q.account);
  }
  if (q.flow_type !== undefined && q.flow_type !== '') {
    if (!FLOW_TYPES.has(q.flow_type as FlowType)) throw invalidRequest(`Invalid flow_type: ${String(q.flow_type)}`, 'flow_type');
    where.push(`json_extract(e.data, '$.flow_type') = ?`);
    params.push(q.flow_type);
  }
  const from = int(q.from, 'from');
  const to = int(q.to, 'to');
  if (from !== undefined) {
    where.push('e.created >= ?');
    params.push(from);
  }
  if (to !== undefined) {
    where.push('e.created <= ?');
    params.push(to);
  }
  if (q.status !== undefined && q.status !== '') {
    if (!STATUSES.has(q.status as TransactionStatus)) throw invalidRequest(`Invalid status: ${String(q.status)}`, 'status');
    join = `JOIN objects t ON t.id = e.${filterColumn(ENTRY, 'transaction')}`;
    where.push(`t.${filterColumn(TRANSACTION, 'status')} = ?`);
    params.push(q.status);
  }
  return { where, params, join };
}

/**
 * A page of money-flow entries, newest first, with each entry's running
 * balance and its transaction's status. `offset` gives the virtual list
 * random access; `starting_after` is the usual cursor.
 */
export async function timelinePage(core: EngineCore, balances: RunningBalances, q: Record<string, unknown>): Promise<TimelinePage> {
  const limit = Math.min(int(q.limit, 'limit') ?? 100, MAX_LIMIT);
  const offset = int(q.offset, 'offset') ?? 0;
  const f = filterOf(q);
  const total = (
    stmt(core.db, `SELECT count(*) AS n FROM objects e ${f.join} WHERE ${f.where.join(' AND ')}`).get(...f.params) as { n: number }
  ).n;
  if (typeof q.starting_after === 'string' && q.starting_after) {
    f.where.push(`e.seq < (SELECT seq FROM objects WHERE id = ?)`);
    f.params.push(q.starting_after);
  }
  const rows = stmt(core.db, 
      `SELECT e.seq AS seq, e.data AS data FROM objects e ${f.join} WHERE ${f.where.join(' AND ')}
       ORDER BY e.seq DESC LIMIT ${BOUND} OFFSET ${BOUND}`,
    )
    .all(...f.params, limit + 1, offset) as { seq: number; data: string }[];
  const has_more = rows.length > limit;
  const page = rows.slice(0, limit).map((r) => ({ seq: r.seq, entry: JSON.parse(r.data) as Record<string, any> }));

  let anchored: Map<number, BalanceImpact> | undefined;
  if (!balances.ready()) {
    const rows = page.map((p) => ({ seq: p.seq, account: p.entry.financial_account, currency: p.entry.currency }));
    // Near the top, undoing the few newer entries is instant; deep down, finishing the index is cheaper.
    if (newerThan(core, rows) <= ANCHOR_DEPTH) {
      void balances.build();
      anchored = anchoredBalances(core, rows);
    } else await balances.build();
  }
  if (!anchored) balances.refresh();
  const transactions = transactionsOf(core, [...new Set(page.map((p) => String(p.entry.transaction)))]);
  const data: TimelineEntry[] = page.map(({ seq, entry }) => {
    const trxn = transactions.get(entry.transaction);
    return {
      id: entry.id,
      created: entry.created,
      effective_at: entry.effective_at ?? entry.created,
      financial_account: entry.financial_account,
      currency: entry.currency,
      flow: entry.flow ?? null,
      flow_type: entry.flow_type,
      type: entry.type,
      balance_impact: entry.balance_impact,
      running_balance: anchored?.get(seq) ?? balances.after(entry.financial_account, entry.currency, seq),
      transaction: entry.transaction,
      transaction_status: trxn?.status ?? null,
      amount: trxn?.amount ?? null,
    };
  });
  return { total, offset, data, has_more };
}

/** The most entries newer than a page row in any of its accounts (an index-only count). */
function newerThan(core: EngineCore, rows: { seq: number; account: string }[]): number {
  const lowest = new Map<string, number>();
  for (const r of rows) lowest.set(r.account, Math.min(r.seq, lowest.get(r.account) ?? Infinity));
  const count = stmt(core.db, `SELECT count(*) AS n FROM objects WHERE type = '${ENTRY}' AND owner = ? AND seq > ?`);
  let most = 0;
  for (const [account, seq] of lowest) most = Math.max(most, (count.get(account, seq) as { n: number }).n);
  return most;
}

function transactionsOf(core: EngineCore, ids: string[]): Map<string, { status: TransactionStatus; amount: number }> {
  const out = new Map<string, { status: TransactionStatus; amount: number }>();
  if (ids.length === 0) return out;
  const rows = core.db
    .prepare(
      `SELECT id, json_extract(data, '$.status') AS status, json_extract(data, '$.amount') AS amount
       FROM objects WHERE id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as { id: string; status: TransactionStatus; amount: number }[];
  for (const r of rows) out.set(r.id, { status: r.status, amount: r.amount });
  return out;
}
