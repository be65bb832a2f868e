import type { EngineCore } from '../context.js';
import { checkLedger } from '../ledger/check.js';
import { storedBalanceExact, toNumber, zeroExact } from '../ledger/exact.js';
import type { StripeObject } from '../store/objects.js';
import type { AccountSummary, LedgerCheck, LedgerProblem } from '@shared/dashboard-api.js';
import type { RunningBalances } from './running-balances.js';
import { stmt } from '../store/statements.js';

interface StoredAccount extends StripeObject {
  nickname?: string | null;
  status: string;
  balance: AccountSummary['balance'];
  metadata?: Record<string, string>;
}

/** Every financial account with its balance and how many entries it has. */
export function accountSummaries(core: EngineCore): AccountSummary[] {
  const counts = new Map(
    (
      stmt(core.db, `SELECT owner, count(*) AS n FROM objects WHERE type = 'treasury.transaction_entry' GROUP BY owner`)
        .all() as { owner: string; n: number }[]
    ).map((r) => [r.owner, r.n]),
  );
  const out: AccountSummary[] = [];
  for (const fa of core.store.iterate<StoredAccount>('treasury.financial_account')) {
    out.push({
      id: fa.id,
      nickname: fa.nickname ?? fa.metadata?.name ?? null,
      status: fa.status,
      balance: fa.balance,
      entries: counts.get(fa.id) ?? 0,
    });
  }
  return out;
}

/** The engine's ledger check, flattened for the banner: one list of problems, each naming its account. */
export function ledgerCheck(core: EngineCore): LedgerCheck {
  const report = checkLedger(core);
  return {
    ok: report.ok,
    scope: 'full',
    checked_at: report.checked_at,
    accounts: report.accounts.length,
    entries: report.accounts.reduce((n, a) => n + a.entries, 0),
    problems: report.accounts.flatMap((a) =>
      a.problems.map((p) => ({
        financial_account: a.financial_account,
        kind: p.kind,
        message: `${a.financial_account}: ${p.message}`,
        ...(p.currency ? { currency: p.currency } : {}),
        ...(p.sub_balance ? { sub_balance: p.sub_balance } : {}),
        ...(p.expected !== undefined ? { expected: p.expected } : {}),
        ...(p.actual !== undefined ? { actual: p.actual } : {}),
        ...(p.transaction ? { transaction: p.transaction } : {}),
      })),
    ),
  };
}

type Sub = 'cash' | 'inbound_pending' | 'outbound_pending';

/** Each balance against the sum of its entries, from the running-balance index: cheap at any size. */
export function balanceCheck(core: EngineCore, balances: RunningBalances): LedgerCheck {
  balances.refresh();
  const totals = balances.totals();
  const problems: LedgerProblem[] = [];
  let accounts = 0;
  for (const fa of core.store.iterate<StoredAccount>('treasury.financial_account')) {
    accounts++;
    const own = totals.filter((t) => t.account === fa.id);
    // Compared as BigInt, the stored balance read as SQLite's 64-bit integers: exact at any size.
    const stored = storedBalanceExact(core.db, fa.id);
    const currencies = new Set([...own.map((t) => t.currency), ...stored.cash.keys()]);
    for (const currency of currencies) {
      const sum = own.find((t) => t.currency === currency)?.total ?? zeroExact();
      for (const k of ['cash', 'inbound_pending', 'outbound_pending'] as Sub[]) {
        const actual = stored[k].get(currency) ?? 0n;
        if (actual === sum[k]) continue;
        problems.push({
          financial_account: fa.id,
          kind: 'balance_mismatch',
          currency,
          sub_balance: k,
          expected: toNumber(sum[k]),
          actual: toNumber(actual),
          message: `${fa.id}: balance.${k}.${currency} is ${actual}, but its entries sum to ${sum[k]}.`,
        });
      }
    }
  }
  return {
    ok: problems.length === 0,
    scope: 'balances',
    checked_at: core.clock.now(),
    accounts,
    entries: totals.reduce((n, t) => n + t.entries, 0),
    problems,
  };
}
