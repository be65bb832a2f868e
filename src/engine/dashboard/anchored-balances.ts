import type { EngineCore } from '../context.js';
import type { BalanceImpact } from '@shared/dashboard-api.js';
import { big, storedBalanceExact, toNumber, type ExactImpact } from '../ledger/exact.js';
import { stmt } from '../store/statements.js';

interface PageRow {
  seq: number;
  account: string;
  currency: string;
}

type Sub = 'cash' | 'inbound_pending' | 'outbound_pending';
const SUBS: Sub[] = ['cash', 'inbound_pending', 'outbound_pending'];

/**
 * Running balances for a page while the prefix index is still being built:
 * the account's balance now, minus every entry newer than the row. Reading
 * only the entries above the page keeps the newest pages instant; since each
 * balance equals the sum of its entries (the ledger check proves it), this
 * gives the same numbers the index will.
 */
export function anchoredBalances(core: EngineCore, rows: PageRow[]): Map<number, BalanceImpact> {
  const out = new Map<number, BalanceImpact>();
  const byAccount = new Map<string, PageRow[]>();
  for (const r of rows) byAccount.set(r.account, [...(byAccount.get(r.account) ?? []), r]);
  const newer = stmt(core.db, 
      `SELECT seq, json_extract(data, '$.currency') AS currency,
         json_extract(data, '$.balance_impact.cash') AS cash,
         json_extract(data, '$.balance_impact.inbound_pending') AS inbound_pending,
         json_extract(data, '$.balance_impact.outbound_pending') AS outbound_pending
       FROM objects WHERE type = 'treasury.transaction_entry' AND owner = ? AND seq > ? ORDER BY seq DESC`,
    ).safeIntegers(true);
  for (const [account, own] of byAccount) {
    // BigInt throughout, from SQLite's 64-bit integers: the differences are exact at any size.
    const balance = storedBalanceExact(core.db, account);
    const running = new Map<string, ExactImpact>();
    const current = (currency: string): ExactImpact => {
      let b = running.get(currency);
      if (!b) {
        b = { cash: 0n, inbound_pending: 0n, outbound_pending: 0n };
        for (const k of SUBS) b[k] = balance[k].get(currency) ?? 0n;
        running.set(currency, b);
      }
      return b;
    };
    const lowest = Math.min(...own.map((r) => r.seq));
    const wanted = new Set(own.map((r) => r.seq));
    // Walk down from the newest entry, undoing each one: the balance just after an entry is what is left then.
    for (const e of newer.iterate(account, lowest - 1) as IterableIterator<{ seq: bigint; currency: string } & Record<Sub, bigint | null>>) {
      const b = current(e.currency);
      const seq = Number(e.seq);
      if (wanted.has(seq)) out.set(seq, { cash: toNumber(b.cash), inbound_pending: toNumber(b.inbound_pending), outbound_pending: toNumber(b.outbound_pending) });
      for (const k of SUBS) b[k] -= big(e[k]);
    }
  }
  return out;
}
