import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { calculationLines, loadUsableCalculation, type Calculation } from './calculations.js';
import { TRANSACTION, TRANSACTION_LINE_ITEM, insertObject, loadObject, type Address } from './common.js';
import type { LineBreakdown } from './compute.js';
import type { CustomerDetails } from './customer-details.js';

export type TransactionShipping = {
  amount: number;
  amount_tax: number;
  shipping_rate?: string;
  tax_behavior: 'exclusive' | 'inclusive';
  tax_breakdown?: LineBreakdown[];
  tax_code: string;
};

export type TaxTransaction = {
  id: string;
  object: 'tax.transaction';
  created: number;
  currency: string;
  customer: string | null;
  customer_details: CustomerDetails;
  livemode: false;
  metadata: Record<string, string>;
  posted_at: number;
  reference: string;
  reversal: { original_transaction: string } | null;
  ship_from_details: { address: Address } | null;
  shipping_cost: TransactionShipping | null;
  tax_date: number;
  type: 'transaction' | 'reversal';
};

export type TransactionLineItem = {
  id: string;
  object: 'tax.transaction_line_item';
  amount: number;
  amount_tax: number;
  livemode: false;
  metadata: Record<string, string> | null;
  product: string | null;
  quantity: number;
  reference: string;
  reversal: { original_line_item: string } | null;
  tax_behavior: 'exclusive' | 'inclusive';
  tax_code: string;
  type: 'transaction' | 'reversal';
};

/** References are unique across every transaction and reversal. */
export function requireFreshReference(core: EngineCore, reference: string): void {
  if (core.store.list(TRANSACTION, { limit: 1, where: { reference } }).data.length > 0) {
    throw invalidRequest(`A transaction with the reference '${reference}' already exists; references must be unique across all transactions.`, 'reference');
  }
}

/** `posted_at` falls between the tax date and now (either order, for a tax date ahead of time). */
function postedAt(calc: Calculation, given: number | undefined, now: number): number {
  if (given === undefined) return now;
  const lo = Math.min(calc.tax_date, now);
  const hi = Math.max(calc.tax_date, now);
  if (given < lo || given > hi) throw invalidRequest('posted_at must fall between the calculation\'s tax_date and the current time.', 'posted_at');
  return given;
}

function createFromCalculation(ctx: RequestContext): TaxTransaction {
  const { core, params: p } = ctx;
  const calc = loadUsableCalculation(core, p.calculation);
  requireFreshReference(core, p.reference);
  const now = core.clock.now();
  const txn: TaxTransaction = {
    id: newId('tax.transaction'),
    object: TRANSACTION,
    created: now,
    currency: calc.currency,
    customer: calc.customer,
    customer_details: calc.customer_details,
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    posted_at: postedAt(calc, p.posted_at, now),
    reference: p.reference,
    reversal: null,
    ship_from_details: calc.ship_from_details,
    // A transaction's shipping carries no breakdown (Stripe does not populate it there).
    shipping_cost: calc.shipping_cost && (({ tax_breakdown: _b, ...rest }) => rest)(calc.shipping_cost),
    tax_date: calc.tax_date,
    type: 'transaction',
  };
  insertObject(core, txn as unknown as StripeObject);
  for (const line of calculationLines(core, calc.id)) {
    const item: TransactionLineItem = {
      id: newId('tax.transaction_line_item'),
      object: TRANSACTION_LINE_ITEM,
      amount: line.amount,
      amount_tax: line.amount_tax,
      livemode: false,
      metadata: line.metadata,
      product: line.product,
      quantity: line.quantity,
      reference: line.reference ?? line.id,
      reversal: null,
      tax_behavior: line.tax_behavior,
      tax_code: line.tax_code,
      type: 'transaction',
    };
    core.store.insert(item as unknown as StripeObject, txn.id);
  }
  return txn;
}

/** Loads a transaction or Stripe's 404. */
export function loadTransaction(core: EngineCore, id: string, param = 'transaction'): TaxTransaction {
  return loadObject<TaxTransaction & StripeObject>(core, TRANSACTION, id, 'tax transaction', param);
}

/** The line items of a transaction in their order. */
export function transactionLines(core: EngineCore, txnId: string): TransactionLineItem[] {
  return [...core.store.iterate<TransactionLineItem & StripeObject>(TRANSACTION_LINE_ITEM, txnId)];
}

/** The `line_items` list a transaction shows when expanded. */
export function expandTransactionLines(core: EngineCore, txn: StripeObject) {
  const page = core.store.list(TRANSACTION_LINE_ITEM, { limit: 100, owner: txn.id, ascending: true });
  return { object: 'list', data: page.data, has_more: page.has_more, url: `/v1/tax/transactions/${txn.id}/line_items` };
}

/** Tax transactions: recorded from a calculation, retrieved, their line items listed. */
export const transactionOperations: Operation[] = [
  { method: 'POST', path: '/v1/tax/transactions/create_from_calculation', handler: createFromCalculation },
  { method: 'GET', path: '/v1/tax/transactions/{transaction}', handler: (ctx) => loadTransaction(ctx.core, ctx.path.transaction) },
  {
    method: 'GET',
    path: '/v1/tax/transactions/{transaction}/line_items',
    handler: (ctx) => {
      const txn = loadTransaction(ctx.core, ctx.path.transaction);
      return listObjects(ctx, TRANSACTION_LINE_ITEM, `/v1/tax/transactions/${txn.id}/line_items`, { owner: txn.id, ascending: true });
    },
  },
];
