import type { EngineCore } from '../context.js';
import { newId } from '../ids.js';
import { addImpact, applyImpact, impact, isZeroImpact, type Balance } from './impact.js';
import { sealTransaction } from './seal.js';
import {
  ENTRY,
  FINANCIAL_ACCOUNT,
  TRANSACTION,
  type EntrySpec,
  type FlowType,
  type TransactionEntry,
  type TreasuryTransaction,
} from './types.js';
import { filterColumn } from '../store/filter-columns.js';
import { stmt } from '../store/statements.js';

export interface OpenTransactionArgs {
  financialAccount: string;
  currency: string;
  /** Signed: negative when money leaves the account. */
  amount: number;
  flowType: FlowType;
  flow: string;
  description: string;
  entries: EntrySpec[];
  /** Post at once (received credits and debits, returns): the Transaction never stays open. */
  settle?: 'posted';
}

/**
 * Opens a Transaction for a flow and writes its first entries, moving the
 * FinancialAccount's balance by the same amounts. Call inside the request's
 * (or job's) SQLite transaction, so the balance and the entries commit together.
 */
export function openTransaction(core: EngineCore, args: OpenTransactionArgs): TreasuryTransaction {
  if (!Number.isSafeInteger(args.amount)) throw new Error(`non-integer transaction amount ${args.amount}`);
  const trxn: TreasuryTransaction = {
    id: newId('treasury.transaction'),
    object: TRANSACTION,
    amount: args.amount,
    balance_impact: impact(),
    created: core.clock.now(),
    currency: args.currency,
    description: args.description,
    financial_account: args.financialAccount,
    flow: args.flow,
    flow_type: args.flowType,
    livemode: false,
    status: 'open',
    status_transitions: { posted_at: null, void_at: null },
  };
  // Stored once, in its state after the first entries (not inserted, read back and rewritten).
  return post(core, trxn, args.entries, args.settle, true);
}

/**
 * Appends entries to an open Transaction, applies them to the balance and,
 * when `settle` is given, makes the Transaction final (posted, or void when the
 * entries cancel out) and seals it.
 */
export function appendEntries(
  core: EngineCore,
  transactionId: string,
  entries: EntrySpec[],
  settle?: 'posted' | 'void',
): TreasuryTransaction {
  const trxn = core.store.get<TreasuryTransaction>(transactionId, TRANSACTION);
  if (!trxn) throw new Error(`unknown treasury transaction ${transactionId}`);
  if (trxn.status !== 'open') throw new Error(`treasury transaction ${transactionId} is ${trxn.status}; it takes no more entries`);
  return post(core, trxn, entries, settle, false);
}

/** Writes a Transaction's new entries and state and moves its account's balance; `isNew` inserts the Transaction first. */
function post(
  core: EngineCore,
  trxn: TreasuryTransaction,
  entries: EntrySpec[],
  settle: 'posted' | 'void' | undefined,
  isNew: boolean,
): TreasuryTransaction {
  const account = core.store.get<{ id: string; object: string; balance: Balance }>(trxn.financial_account, FINANCIAL_ACCOUNT);
  if (!account) throw new Error(`unknown financial account ${trxn.financial_account}`);
  const now = core.clock.now();
  let balance = account.balance;
  let total = trxn.balance_impact;
  const rows: TransactionEntry[] = [];
  for (const spec of entries) {
    const delta = impact(spec.impact);
    rows.push({
      id: newId('treasury.transaction_entry'),
      object: ENTRY,
      balance_impact: delta,
      created: now,
      currency: trxn.currency,
      effective_at: now,
      financial_account: trxn.financial_account,
      flow: trxn.flow,
      flow_type: trxn.flow_type,
      livemode: false,
      transaction: trxn.id,
      type: spec.type,
    });
    balance = applyImpact(balance, trxn.currency, delta);
    total = addImpact(total, delta);
  }
  const next: TreasuryTransaction = { ...trxn, balance_impact: total };
  if (settle) {
    // A void Transaction never moved money: its entries must net to nothing.
    if (settle === 'void' && !isZeroImpact(total)) throw new Error(`voiding ${trxn.id} would leave a balance impact`);
    next.status = settle;
    next.status_transitions = { ...next.status_transitions, [`${settle}_at`]: now };
  }
  // The Transaction before its entries, as when it was inserted first and updated after.
  if (isNew) core.store.insert(next, trxn.financial_account);
  for (const entry of rows) core.store.insert(entry, trxn.financial_account);
  if (rows.length > 0) core.store.update({ ...account, balance });
  if (!isNew) core.store.update(next);
  if (settle) {
    const entryIds = isNew ? rows.map((e) => e.id) : entryIdsOf(core, next);
    sealTransaction(core.db, next.id, next.financial_account, JSON.stringify(next), entryIds);
  }
  return next;
}

/** The ids of a Transaction's entries (all in its account), oldest first. */
export function entryIdsOf(core: EngineCore, trxn: TreasuryTransaction): string[] {
  const rows = stmt(
    core.db,
    `SELECT id FROM objects WHERE type = '${ENTRY}' AND owner = ? AND ${filterColumn(ENTRY, 'transaction')} = ? ORDER BY seq`,
  ).all(trxn.financial_account, trxn.id) as { id: string }[];
  return rows.map((r) => r.id);
}
