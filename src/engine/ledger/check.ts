import type { EngineCore } from '../context.js';
import { formatMoney } from '../money.js';
import { big, storedBalanceExact, toNumber, zeroExact, type ExactImpact } from './exact.js';
import { isZeroImpact, SUB_BALANCES, type BalanceImpact } from './impact.js';
import { hashText, sealsOf } from './seal.js';
import type { TreasuryTransaction } from './types.js';
import { stmt } from '../store/statements.js';

/** One thing the ledger check found wrong. */
export interface LedgerProblem {
  kind:
    | 'balance_mismatch'
    | 'transaction_impact_mismatch'
    | 'entry_without_transaction'
    | 'settled_transaction_unsealed'
    | 'settled_transaction_changed'
    | 'settled_transaction_entries_changed'
    | 'void_transaction_moved_money';
  message: string;
  currency?: string;
  sub_balance?: keyof BalanceImpact;
  expected?: number;
  actual?: number;
  transaction?: string;
}

export interface LedgerAccountReport {
  financial_account: string;
  ok: boolean;
  transactions: number;
  entries: number;
  problems: LedgerProblem[];
}

/** What `GET /_counterfoil/ledger/check` returns. */
export interface LedgerReport {
  ok: boolean;
  checked_at: number;
  problem_count: number;
  accounts: LedgerAccountReport[];
}

interface EntryRow {
  id: string;
  transaction: string;
  currency: string;
  cash: bigint | null;
  inbound_pending: bigint | null;
  outbound_pending: bigint | null;
}

function plus(a: ExactImpact, e: { cash: unknown; inbound_pending: unknown; outbound_pending: unknown }): ExactImpact {
  return { cash: a.cash + big(e.cash), inbound_pending: a.inbound_pending + big(e.inbound_pending), outbound_pending: a.outbound_pending + big(e.outbound_pending) };
}

function sameExact(a: ExactImpact, b: BalanceImpact): boolean {
  return SUB_BALANCES.every((k) => a[k] === big(b[k]));
}

function show(a: ExactImpact): string {
  return `{"cash":${a.cash},"inbound_pending":${a.inbound_pending},"outbound_pending":${a.outbound_pending}}`;
}

/**
 * Proves the ledger's invariants for every FinancialAccount (or one): each
 * balance equals the sum of its entries, each Transaction's entries sum to its
 * balance_impact, and no posted or void Transaction (or its entry list) changed
 * after it settled.
 */
export function checkLedger(core: EngineCore, financialAccount?: string): LedgerReport {
  const ids =
    financialAccount !== undefined
      ? [financialAccount]
      : (stmt(core.db, `SELECT id FROM objects WHERE type = 'treasury.financial_account' ORDER BY seq`).all() as { id: string }[]).map(
          (r) => r.id,
        );
  const accounts = ids.map((id) => checkAccount(core, id));
  const problem_count = accounts.reduce((n, a) => n + a.problems.length, 0);
  return { ok: problem_count === 0, checked_at: core.clock.now(), problem_count, accounts };
}

function checkAccount(core: EngineCore, id: string): LedgerAccountReport {
  const problems: LedgerProblem[] = [];
  const account = core.store.get(id, 'treasury.financial_account');
  // Sums are BigInt over SQLite's 64-bit integers: exact whatever the history.
  const entries = stmt(
    core.db,
    `SELECT id, json_extract(data, '$.transaction') AS "transaction", json_extract(data, '$.currency') AS currency,
      json_extract(data, '$.balance_impact.cash') AS cash,
      json_extract(data, '$.balance_impact.inbound_pending') AS inbound_pending,
      json_extract(data, '$.balance_impact.outbound_pending') AS outbound_pending
     FROM objects WHERE type = 'treasury.transaction_entry' AND owner = ? ORDER BY seq`,
  )
    .safeIntegers(true)
    .all(id) as EntryRow[];
  const byCurrency = new Map<string, ExactImpact>();
  const byTransaction = new Map<string, { sum: ExactImpact; ids: string[] }>();
  for (const e of entries) {
    byCurrency.set(e.currency, plus(byCurrency.get(e.currency) ?? zeroExact(), e));
    const t = byTransaction.get(e.transaction) ?? { sum: zeroExact(), ids: [] };
    t.sum = plus(t.sum, e);
    t.ids.push(e.id);
    byTransaction.set(e.transaction, t);
  }
  if (account) checkBalance(storedBalanceExact(core.db, id), byCurrency, problems);

  const rows = stmt(core.db, `SELECT id, data FROM objects WHERE type = 'treasury.transaction' AND owner = ? ORDER BY seq`)
    .all(id) as { id: string; data: string }[];
  const seals = sealsOf(core.db, id);
  for (const row of rows) {
    const trxn = JSON.parse(row.data) as TreasuryTransaction;
    const own = byTransaction.get(trxn.id) ?? { sum: zeroExact(), ids: [] };
    byTransaction.delete(trxn.id);
    if (!sameExact(own.sum, trxn.balance_impact)) {
      problems.push({
        kind: 'transaction_impact_mismatch',
        transaction: trxn.id,
        message: `Transaction ${trxn.id} has balance_impact ${JSON.stringify(trxn.balance_impact)} but its entries sum to ${show(own.sum)}.`,
      });
    }
    if (trxn.status === 'open') continue;
    if (trxn.status === 'void' && !isZeroImpact(trxn.balance_impact)) {
      problems.push({ kind: 'void_transaction_moved_money', transaction: trxn.id, message: `Void transaction ${trxn.id} has a non-zero balance_impact.` });
    }
    const seal = seals.get(trxn.id);
    if (!seal) {
      problems.push({ kind: 'settled_transaction_unsealed', transaction: trxn.id, message: `Transaction ${trxn.id} is ${trxn.status} but was never sealed when it settled.` });
    } else if (seal.hash !== hashText(row.data)) {
      problems.push({ kind: 'settled_transaction_changed', transaction: trxn.id, message: `Transaction ${trxn.id} changed after it became ${trxn.status}.` });
    } else if (seal.entryIds.join(',') !== own.ids.join(',')) {
      problems.push({
        kind: 'settled_transaction_entries_changed',
        transaction: trxn.id,
        message: `Transaction ${trxn.id} had ${seal.entryIds.length} entries when it became ${trxn.status} and has ${own.ids.length} now.`,
      });
    }
  }
  for (const [trxnId, orphan] of byTransaction) {
    problems.push({
      kind: 'entry_without_transaction',
      transaction: trxnId,
      message: `${orphan.ids.length} entries point at transaction ${trxnId}, which this account does not have.`,
    });
  }
  return { financial_account: id, ok: problems.length === 0, transactions: rows.length, entries: entries.length, problems };
}

function checkBalance(balance: Record<keyof BalanceImpact, Map<string, bigint>>, sums: Map<string, ExactImpact>, problems: LedgerProblem[]): void {
  const currencies = new Set<string>([...sums.keys(), ...SUB_BALANCES.flatMap((k) => [...balance[k].keys()])]);
  for (const currency of currencies) {
    const expected = sums.get(currency) ?? zeroExact();
    for (const k of SUB_BALANCES) {
      const actual = balance[k].get(currency) ?? 0n;
      if (actual !== expected[k]) {
        problems.push({
          kind: 'balance_mismatch',
          currency,
          sub_balance: k,
          expected: toNumber(expected[k]),
          actual: toNumber(actual),
          message: `balance.${k}.${currency} is ${formatMoney(actual, currency)}, but its entries sum to ${formatMoney(expected[k], currency)}.`,
        });
      }
    }
  }
}
