import { allows, transition, type TransitionTable } from '../treasury/transitions.js';

export type AccountStatus = 'active' | 'inactive' | 'disconnected';
export type AccountAction = 'deactivate' | 'reactivate' | 'disconnect' | 'refresh' | 'subscribe' | 'unsubscribe' | 'read';

/**
 * A linked account's life: active ↔ inactive (the bank's side, through the
 * sandbox's controls), either → disconnected for good. Inactive accounts keep
 * what was fetched but start no refresh; disconnected ones only show themselves.
 */
export const ACCOUNT: TransitionTable<AccountStatus, AccountAction> = {
  deactivate: { from: ['active'], to: 'inactive', verb: 'deactivated' },
  reactivate: { from: ['inactive'], to: 'active', verb: 'reactivated' },
  disconnect: { from: ['active', 'inactive'], to: 'disconnected', verb: 'disconnected' },
  refresh: { from: ['active'], verb: 'refreshed' },
  subscribe: { from: ['active'], verb: 'subscribed to' },
  unsubscribe: { from: ['active', 'inactive'], verb: 'unsubscribed from' },
  read: { from: ['active', 'inactive'], verb: 'read' },
};

const HUMAN = 'Financial Connections Account';

/** The status the action leads to, or Stripe's 400 naming why the account refuses it. */
export function accountTransition(account: { id: string; status: string }, action: AccountAction): AccountStatus {
  return transition(ACCOUNT, HUMAN, account, action);
}

/** Whether the account's state allows the action now. */
export function accountAllows(account: object, action: AccountAction): boolean {
  return allows(ACCOUNT, account, action);
}

export type RefreshFeature = 'balance' | 'ownership' | 'transactions';
export type RefreshStatus = 'pending' | 'succeeded' | 'failed';

/** A feature's refresh: pending resolves exactly once, to succeeded or failed. */
export const REFRESH: TransitionTable<RefreshStatus, 'succeed' | 'fail'> = {
  succeed: { from: ['pending'], to: 'succeeded', verb: 'finished' },
  fail: { from: ['pending'], to: 'failed', verb: 'finished' },
};

/** The field of the account that holds a feature's refresh, and the permission the feature needs. */
export const FEATURES: Record<RefreshFeature, { field: 'balance_refresh' | 'ownership_refresh' | 'transaction_refresh'; permission: string; event: string }> = {
  balance: { field: 'balance_refresh', permission: 'balances', event: 'financial_connections.account.refreshed_balance' },
  ownership: { field: 'ownership_refresh', permission: 'ownership', event: 'financial_connections.account.refreshed_ownership' },
  transactions: { field: 'transaction_refresh', permission: 'transactions', event: 'financial_connections.account.refreshed_transactions' },
};
