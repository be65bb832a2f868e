import type { ReportInput } from './catalog.js';
import { majorUnits, reportTime } from './format.js';
import { taxLineItems, taxTransactionsIn } from './sources.js';

interface Address {
  country?: string | null;
  state?: string | null;
  postal_code?: string | null;
}

/**
 * `tax.transactions.itemized.2`: one row per line item (and one for the
 * shipping cost) of every tax transaction dated in the interval; reversals
 * carry their negative amounts.
 */
export function writeTaxItemized(input: ReportInput): void {
  const { core, from, to, timezone } = input;
  for (const txn of taxTransactionsIn(core, from, to, input.window)) {
    const currency = String(txn.currency);
    const date = (txn.posted_at as number | null | undefined) ?? (txn.created as number);
    const taxDate = (txn.tax_date as number | null | undefined) ?? date;
    const address = ((txn.customer_details as { address?: Address | null } | null)?.address ?? {}) as Address;
    const common = {
      transaction_id: txn.id,
      type: txn.type as string,
      reference: txn.reference as string,
      original_transaction_id: (txn.reversal as { original_transaction?: string | null } | null)?.original_transaction ?? null,
      transaction_date_utc: reportTime(date),
      transaction_date: reportTime(date, timezone),
      tax_date_utc: reportTime(taxDate),
      tax_date: reportTime(taxDate, timezone),
      currency,
      customer: (txn.customer as string | null) ?? null,
      customer_country: address.country ?? null,
      customer_state: address.state ?? null,
      customer_postal_code: address.postal_code ?? null,
    };
    const amounts = (amount: number, tax: number, behavior: string | null | undefined) => ({
      tax_behavior: behavior ?? null,
      amount: majorUnits(amount, currency),
      amount_tax: majorUnits(tax, currency),
      // An inclusive amount already holds its tax.
      amount_total: majorUnits(behavior === 'inclusive' ? amount : amount + tax, currency),
    });
    for (const li of taxLineItems(core, txn)) {
      input.row({
        ...common,
        line_item_id: li.id,
        line_item_reference: (li.reference as string | null) ?? null,
        product: (li.product as string | null) ?? null,
        tax_code: (li.tax_code as string | null) ?? null,
        quantity: (li.quantity as number | null) ?? null,
        ...amounts(li.amount as number, li.amount_tax as number, li.tax_behavior as string | null),
      });
    }
    const shipping = txn.shipping_cost as { amount: number; amount_tax: number; tax_behavior?: string; tax_code?: string } | null | undefined;
    if (shipping) {
      input.row({
        ...common,
        line_item_id: null,
        line_item_reference: 'shipping',
        product: null,
        tax_code: shipping.tax_code ?? null,
        quantity: 1,
        ...amounts(shipping.amount, shipping.amount_tax, shipping.tax_behavior),
      });
    }
  }
}
