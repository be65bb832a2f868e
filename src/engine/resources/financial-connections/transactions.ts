import type { Operation, RequestContext } from '../../context.js';
import { listEnvelope, listQuery } from '../../http/list.js';
import { load } from '../treasury/common.js';
import { orderedListRaw } from '../treasury/listing.js';
import { loadAccount, TRANSACTION, type FcAccount } from './common.js';
import { accountTransition } from './transitions.js';

const BASE = '/v1/financial_connections/transactions';
const TRANSACTED_AT = "json_extract(data, '$.transacted_at')";

/**
 * Transactions of one account, newest transacted first, optionally only
 * those a refresh after `transaction_refresh[after]` created or changed.
 */
function list(ctx: RequestContext) {
  const p = ctx.params;
  const core = ctx.core;
  const account = loadAccount(core, p.account, 'account');
  accountTransition(account, 'read');
  const q = listQuery(ctx);
  const where: { clause: string; params: unknown[] }[] = [];
  if (p.transaction_refresh) {
    where.push({
      clause: `json_extract(data, '$.transaction_refresh') IN (SELECT id FROM financial_connections_transaction_refreshes
        WHERE account_id = ? AND seq > coalesce((SELECT seq FROM financial_connections_transaction_refreshes WHERE id = ? AND account_id = ?), 1e18))`,
      params: [account.id, p.transaction_refresh.after, account.id],
    });
  }
  const page = orderedListRaw(core, {
    type: TRANSACTION,
    owner: account.id,
    orderBy: TRANSACTED_AT,
    ranges: [{ expr: TRANSACTED_AT, range: p.transacted_at }],
    where,
    limit: q.limit,
    startingAfter: q.startingAfter,
    endingBefore: q.endingBefore,
  });
  return listEnvelope(page, BASE);
}

function retrieve(ctx: RequestContext) {
  const txn = load(ctx.core, TRANSACTION, ctx.path.transaction, 'financial connections transaction', 'transaction');
  accountTransition(loadAccount(ctx.core, txn.account as string) as FcAccount, 'read');
  return txn;
}

/** Transactions: retrieve and list (by account). */
export const transactionOperations: Operation[] = [
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: `${BASE}/{transaction}`, handler: retrieve },
];
