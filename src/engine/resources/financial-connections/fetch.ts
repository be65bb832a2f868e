import type { EngineCore } from '../../context.js';
import { newId } from '../../ids.js';
import { stmt } from '../../store/statements.js';
import { insert } from '../treasury/common.js';
import { accountSecrets, OWNER, OWNERSHIP, TRANSACTION, type FcAccount } from './common.js';
import { bankHistory, DAY_SECONDS, SETTLE_SECONDS, statusAt, transactionId } from './history.js';
import { institutionById, type AccountTemplate } from './institutions.js';
import type { RefreshFeature } from './transitions.js';

/** The test institution account behind a linked account. */
export function templateOf(core: EngineCore, accountId: string): AccountTemplate {
  const s = accountSecrets(core, accountId);
  const template = institutionById(s.institution)?.accounts.find((a) => a.key === s.template);
  if (!template) throw new Error(`linked account ${accountId} names an unknown test account ${s.institution}/${s.template}`);
  return template;
}

/** A balance as Stripe shapes it: cash accounts show what is available, credit accounts what is used. */
function balanceOf(template: AccountTemplate, now: number): Record<string, unknown> {
  const { current, available } = template.balance;
  return template.category === 'credit'
    ? { as_of: now, credit: { used: { usd: available } }, current: { usd: current }, type: 'credit' }
    : { as_of: now, cash: { available: { usd: available } }, current: { usd: current }, type: 'cash' };
}

/** A new AccountOwnership with the bank's owners, each an AccountOwner listed under it. */
function fetchOwnership(core: EngineCore, account: FcAccount, template: AccountTemplate, now: number): string {
  const id = newId('financial_connections.account_ownership');
  const owners = (template.owners ?? []).map((o) => ({
    id: newId('financial_connections.account_owner'),
    object: OWNER,
    email: o.email,
    name: o.name,
    ownership: id,
    phone: o.phone,
    raw_address: o.raw_address,
    refreshed_at: now,
  }));
  const ownership = {
    id,
    object: OWNERSHIP,
    created: now,
    owners: { object: 'list', data: owners, has_more: false, url: `/v1/financial_connections/accounts/${account.id}/owners?ownership=${id}` },
  };
  insert(core, ownership, account.id);
  for (const owner of owners) core.store.insert(owner, id);
  return id;
}

/**
 * Brings the account's transactions up to the bank's view at `now`: new ones
 * are added, pending ones that settled since are updated; both are stamped
 * with the refresh. The first refresh reaches back the institution's history.
 */
function fetchTransactions(core: EngineCore, account: FcAccount, template: AccountTemplate, refreshId: string, now: number): void {
  const prev = stmt(core.db, 'SELECT max(succeeded_at) AS t FROM financial_connections_transaction_refreshes WHERE account_id = ?').get(account.id) as {
    t: number | null;
  };
  const fromDay =
    prev.t === null
      ? Math.floor((now - template.historyDays * DAY_SECONDS) / DAY_SECONDS) + 1
      : Math.floor((prev.t - SETTLE_SECONDS) / DAY_SECONDS) - 1;
  for (const t of bankHistory(template, fromDay, now)) {
    if (t.transacted_at <= now - template.historyDays * DAY_SECONDS) continue;
    const id = transactionId(account.id, t.key);
    const at = statusAt(t, now);
    const existing = core.store.get(id, TRANSACTION);
    if (existing && existing.status === at.status) continue;
    const txn = {
      id,
      object: TRANSACTION,
      account: account.id,
      amount: t.amount,
      currency: 'usd',
      description: t.description,
      livemode: false,
      status: at.status,
      status_transitions: { posted_at: at.posted_at, void_at: at.void_at },
      transacted_at: t.transacted_at,
      transaction_refresh: refreshId,
      updated: now,
    };
    if (existing) core.store.update(txn);
    else core.store.insert(txn, account.id);
  }
  stmt(core.db, 'UPDATE financial_connections_transaction_refreshes SET succeeded_at = ? WHERE id = ?').run(now, refreshId);
}

/** Registers a new transaction refresh of an account, in order; returns its id. */
export function newTransactionRefresh(core: EngineCore, accountId: string): string {
  const id = newId('financial_connections.transaction_refresh');
  stmt(core.db, 'INSERT INTO financial_connections_transaction_refreshes (id, account_id) VALUES (?, ?)').run(id, accountId);
  return id;
}

/**
 * Fetches a feature's data from the test bank into the account (not saved:
 * the caller saves the account). Returns false when the bank has nothing to
 * give (an account with no ownership data), which makes the refresh fail.
 */
export function fetchFeature(core: EngineCore, account: FcAccount, feature: RefreshFeature, now: number): boolean {
  const template = templateOf(core, account.id);
  if (feature === 'balance') {
    account.balance = balanceOf(template, now);
  } else if (feature === 'ownership') {
    if (template.owners === null) return false;
    account.ownership = fetchOwnership(core, account, template, now);
  } else {
    fetchTransactions(core, account, template, account.transaction_refresh!.id!, now);
  }
  return true;
}

