import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { stmt } from '../../store/statements.js';
import { previousAttributes, requestEmitter, save, type Emit } from '../treasury/common.js';
import { ACCOUNT_TYPE, loadAccount, OWNER, OWNERSHIP, type FcAccount } from './common.js';
import { JOBS, SUBSCRIPTION_PERIOD_SECONDS } from './jobs.js';
import { requirePermission, startRefresh } from './refresh.js';
import { accountTransition, type AccountAction, type RefreshFeature } from './transitions.js';

const BASE = '/v1/financial_connections/accounts';

/** Moves an account along its status table and emits the event of the move. */
export function moveAccount(core: EngineCore, emit: Emit, before: FcAccount, action: Extract<AccountAction, 'deactivate' | 'reactivate' | 'disconnect'>): FcAccount {
  const status = accountTransition(before, action);
  const account: FcAccount = { ...before, status };
  if (action === 'disconnect') {
    // Nothing more is fetched for a disconnected account: its subscription and pending refreshes end.
    account.subscriptions = [];
    core.scheduler.cancel(JOBS.finishRefresh, (p) => p.account === before.id);
    core.scheduler.cancel(JOBS.dailyRefresh, (p) => p.account === before.id);
    for (const field of ['balance_refresh', 'ownership_refresh', 'transaction_refresh'] as const) {
      const r = account[field];
      if (r?.status === 'pending') account[field] = { ...r, status: 'failed', next_refresh_available_at: null };
    }
  }
  save(core, account);
  const event = { deactivate: 'deactivated', reactivate: 'reactivated', disconnect: 'disconnected' }[action];
  emit(`financial_connections.account.${event}`, account, previousAttributes(before, account));
  return account;
}

/** Subscribes to daily transaction refreshes; the first one starts now. */
export function subscribe(core: EngineCore, before: FcAccount): FcAccount {
  accountTransition(before, 'subscribe');
  requirePermission(before, 'transactions');
  if (before.subscriptions.includes('transactions')) return before;
  const account = startRefresh(core, { ...before, subscriptions: [...before.subscriptions, 'transactions'] }, ['transactions']);
  const at = core.clock.now() + SUBSCRIPTION_PERIOD_SECONDS;
  core.scheduler.schedule(JOBS.dailyRefresh, at, { account: account.id, at });
  return account;
}

function unsubscribe(core: EngineCore, before: FcAccount): FcAccount {
  accountTransition(before, 'unsubscribe');
  core.scheduler.cancel(JOBS.dailyRefresh, (p) => p.account === before.id);
  return save(core, { ...before, subscriptions: before.subscriptions.filter((s) => s !== 'transactions') });
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, string> = {};
  const holder = (p.account_holder ?? {}) as Record<string, string>;
  if (holder.customer !== undefined) where['account_holder.customer'] = holder.customer;
  if (holder.account !== undefined) where['account_holder.account'] = holder.account;
  if (holder.customer_account !== undefined) where['account_holder.customer_account'] = holder.customer_account;
  return listObjects(ctx, ACCOUNT_TYPE, BASE, { where, ...(p.session !== undefined ? { owner: p.session } : {}) });
}

/** Owners of one of the account's ownerships (`ownership` is required: owners change between refreshes). */
function owners(ctx: RequestContext) {
  const account = loadAccount(ctx.core, ctx.path.account);
  accountTransition(account, 'read');
  const id = ctx.params.ownership as string;
  const owned = stmt(ctx.core.db, 'SELECT 1 FROM objects WHERE id = ? AND type = ? AND owner = ?').get(id, OWNERSHIP, account.id);
  if (!owned) throw invalidRequest(`No such ownership: '${id}' for account ${account.id}`, 'ownership', 'resource_missing');
  return listObjects(ctx, OWNER, `${BASE}/${account.id}/owners`, { owner: id });
}

const withAccount = (fn: (ctx: RequestContext, account: FcAccount) => unknown) => (ctx: RequestContext) => fn(ctx, loadAccount(ctx.core, ctx.path.account));

/** Accounts: retrieve, list, disconnect, refresh, subscribe, unsubscribe, and owners. */
export const accountOperations: Operation[] = [
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: `${BASE}/{account}`, handler: withAccount((_ctx, a) => a) },
  { method: 'POST', path: `${BASE}/{account}/disconnect`, handler: withAccount((ctx, a) => moveAccount(ctx.core, requestEmitter(ctx), a, 'disconnect')) },
  { method: 'POST', path: `${BASE}/{account}/refresh`, handler: withAccount((ctx, a) => startRefresh(ctx.core, a, ctx.params.features as RefreshFeature[])) },
  { method: 'POST', path: `${BASE}/{account}/subscribe`, handler: withAccount((ctx, a) => subscribe(ctx.core, a)) },
  { method: 'POST', path: `${BASE}/{account}/unsubscribe`, handler: withAccount((ctx, a) => unsubscribe(ctx.core, a)) },
  { method: 'GET', path: `${BASE}/{account}/owners`, handler: owners },
];

