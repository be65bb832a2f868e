import { categoryOf, PAYOUT_CATEGORIES } from './categories.js';
import type { ReportInput } from './catalog.js';
import { majorUnits, reportTime } from './format.js';
import { cashByType, descriptions, entriesIn } from './sources.js';

/**
 * `balance.summary.1`: per currency, the starting balance, the activity, the
 * payouts and the ending balance of the interval. The sandbox's balance is the
 * FinancialAccounts' cash, so every figure is a sum of entries' cash impact.
 */
export function writeBalanceSummary(input: ReportInput): void {
  const { core, from, to, params } = input;
  const totals = new Map<string, { start: number; gross: number; payouts: number }>();
  const of = (currency: string) => {
    let t = totals.get(currency);
    if (!t) totals.set(currency, (t = { start: 0, gross: 0, payouts: 0 }));
    return t;
  };
  for (const r of cashByType(core, null, from)) of(r.currency).start += r.cash;
  for (const r of cashByType(core, from, to)) {
    const t = of(r.currency);
    if (PAYOUT_CATEGORIES.has(categoryOf(r.type))) t.payouts += r.cash;
    else t.gross += r.cash;
  }
  const currencies = params.currency ? [params.currency] : [...totals.keys()].sort();
  for (const currency of currencies) {
    const t = totals.get(currency) ?? { start: 0, gross: 0, payouts: 0 };
    const line = (category: string, description: string, amount: number) =>
      input.row({ category, description, net_amount: majorUnits(amount, currency), currency });
    line('starting_balance', 'Starting balance', t.start);
    line('activity_gross', 'Activity before fees', t.gross);
    line('activity_fee', 'Less fees', 0);
    line('activity', 'Net balance change from activity', t.gross);
    line('payouts', 'Total payouts', t.payouts);
    line('ending_balance', 'Ending balance', t.start + t.gross + t.payouts);
  }
}

/**
 * `balance_change_from_activity.itemized.{1,2,3}`: one row per movement of
 * cash (an entry with a cash impact), by when it became available.
 */
export function writeBalanceItemized(input: ReportInput): void {
  const { core, from, to, params, timezone } = input;
  const describe = descriptions(core);
  for (const e of entriesIn(core, { from, to, currency: params.currency }, input.window)) {
    const cash = e.balance_impact.cash;
    if (cash === 0) continue;
    const category = categoryOf(e.type);
    if (params.reporting_category && params.reporting_category !== category) continue;
    input.row({
      balance_transaction_id: e.id,
      created_utc: reportTime(e.created),
      created: reportTime(e.created, timezone),
      available_on_utc: reportTime(e.effective_at),
      available_on: reportTime(e.effective_at, timezone),
      currency: e.currency,
      gross: majorUnits(cash, e.currency),
      fee: majorUnits(0, e.currency),
      net: majorUnits(cash, e.currency),
      reporting_category: category,
      source_id: e.flow,
      description: describe(e.transaction),
      financial_account: e.financial_account,
      flow_type: e.flow_type,
    });
  }
}

/** `treasury.transaction_entries.itemized.1`: every TransactionEntry of the interval, with its three sub-balance impacts. */
export function writeTreasuryActivity(input: ReportInput): void {
  const { core, from, to, params, timezone } = input;
  const describe = descriptions(core);
  for (const e of entriesIn(core, { from, to, currency: params.currency, financialAccount: params.financial_account }, input.window)) {
    input.row({
      transaction_entry_id: e.id,
      transaction_id: e.transaction,
      financial_account: e.financial_account,
      effective_at_utc: reportTime(e.effective_at),
      effective_at: reportTime(e.effective_at, timezone),
      created_utc: reportTime(e.created),
      created: reportTime(e.created, timezone),
      currency: e.currency,
      type: e.type,
      flow_type: e.flow_type,
      flow_id: e.flow,
      cash: majorUnits(e.balance_impact.cash, e.currency),
      inbound_pending: majorUnits(e.balance_impact.inbound_pending, e.currency),
      outbound_pending: majorUnits(e.balance_impact.outbound_pending, e.currency),
      description: describe(e.transaction),
    });
  }
}
