import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { checkedOwner, listEnvelope, listQuery } from '../../http/list.js';
import { loadRaw } from '../../http/raw-json.js';
import { ENTRY, TRANSACTION } from '../../ledger/types.js';
import { filterColumn } from '../../store/filter-columns.js';
import type { StripeObject } from '../../store/objects.js';
import { load } from './common.js';
import { listedAccountExists } from './financial-accounts.js';
import { orderedListRaw } from './listing.js';
import { stmt } from '../../store/statements.js';

const POSTED_AT = filterColumn(TRANSACTION, 'status_transitions.posted_at');
const STATUS = filterColumn(TRANSACTION, 'status');
const EFFECTIVE_AT = filterColumn(ENTRY, 'effective_at');
const OF_TRANSACTION = filterColumn(ENTRY, 'transaction');

function listTransactions(ctx: RequestContext) {
  const p = ctx.params;
  const q = listQuery(ctx);
  const where = p.status !== undefined ? [{ clause: `${STATUS} = ?`, params: [p.status] }] : [];
  const page = orderedListRaw(ctx.core, {
    type: TRANSACTION,
    owner: p.financial_account,
    // Ordering by posted_at lists only Transactions that have posted.
    orderBy: p.order_by === 'posted_at' ? POSTED_AT : undefined,
    ranges: [
      { expr: 'created', range: p.created },
      { expr: POSTED_AT, range: p.status_transitions?.posted_at },
    ],
    where,
    limit: q.limit,
    startingAfter: q.startingAfter,
    endingBefore: q.endingBefore,
  });
  return listEnvelope(checkedOwner(page, listedAccountExists(ctx)), '/v1/treasury/transactions');
}

function listEntries(ctx: RequestContext) {
  const p = ctx.params;
  const q = listQuery(ctx);
  const where = p.transaction !== undefined ? [{ clause: `${OF_TRANSACTION} = ?`, params: [p.transaction] }] : [];
  const page = orderedListRaw(ctx.core, {
    type: ENTRY,
    owner: p.financial_account,
    orderBy: p.order_by === 'effective_at' ? EFFECTIVE_AT : undefined,
    ranges: [
      { expr: 'created', range: p.created },
      { expr: EFFECTIVE_AT, range: p.effective_at },
    ],
    where,
    limit: q.limit,
    startingAfter: q.startingAfter,
    endingBefore: q.endingBefore,
  });
  return listEnvelope(checkedOwner(page, listedAccountExists(ctx)), '/v1/treasury/transaction_entries');
}

/** `flow_details`: the flow object itself under its type's key, computed when expanded. */
export function flowDetails(core: EngineCore, obj: StripeObject): unknown {
  const type = obj.flow_type as string;
  const flow = typeof obj.flow === 'string' ? core.store.get(obj.flow) : undefined;
  return flow ? { type, [type]: flow } : { type };
}

/** A Transaction's `entries` list, computed when expanded. */
export function entriesOf(core: EngineCore, trxn: StripeObject): unknown {
  const rows = stmt(core.db, `SELECT data FROM objects WHERE type = '${ENTRY}' AND owner = ? AND ${OF_TRANSACTION} = ? ORDER BY seq DESC`)
    .all(trxn.financial_account, trxn.id) as { data: string }[];
  return {
    object: 'list',
    data: rows.map((r) => JSON.parse(r.data)),
    has_more: false,
    url: `/v1/treasury/transaction_entries?transaction=${trxn.id}`,
  };
}

/** Transactions and TransactionEntries: read-only views of the ledger. */
export const transactionOperations: Operation[] = [
  { method: 'GET', path: '/v1/treasury/transactions', handler: listTransactions },
  { method: 'GET', path: '/v1/treasury/transactions/{id}', handler: (ctx) => loadRaw(ctx.core, TRANSACTION, ctx.path.id, 'transaction') },
  { method: 'GET', path: '/v1/treasury/transaction_entries', handler: listEntries },
  {
    method: 'GET',
    path: '/v1/treasury/transaction_entries/{id}',
    handler: (ctx) => load(ctx.core, ENTRY, ctx.path.id, 'transaction entry'),
  },
];
