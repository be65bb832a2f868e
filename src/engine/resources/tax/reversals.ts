import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';
import { TRANSACTION, TRANSACTION_LINE_ITEM, insertObject } from './common.js';
import { allocate } from './money.js';
import {
  loadTransaction,
  requireFreshReference,
  transactionLines,
  type TaxTransaction,
  type TransactionLineItem,
} from './transactions.js';

/** What is left to reverse of one line (or the shipping): positive amounts. */
export interface Remaining {
  amount: number;
  tax: number;
}

/** What a reversal takes back of one original line: negative amounts. */
interface LineReversal {
  original: TransactionLineItem;
  amount: number;
  tax: number;
  reference: string;
  quantity: number;
  metadata: Record<string, string> | null;
}

/** The total a line charged the customer: tax on top when exclusive, inside the amount when inclusive. */
function chargedTotal(behavior: 'exclusive' | 'inclusive', r: Remaining): number {
  return behavior === 'exclusive' ? r.amount + r.tax : r.amount;
}

/**
 * What remains of each original line and of the shipping after every earlier
 * reversal of the transaction (reversals are owned by their original).
 */
export function remainingOf(core: EngineCore, original: TaxTransaction): { lines: Map<string, Remaining>; shipping: Remaining } {
  const lines = new Map<string, Remaining>();
  for (const li of transactionLines(core, original.id)) lines.set(li.id, { amount: li.amount, tax: li.amount_tax });
  const shipping = { amount: original.shipping_cost?.amount ?? 0, tax: original.shipping_cost?.amount_tax ?? 0 };
  const rows = stmt(
    core.db,
    `SELECT data FROM objects WHERE type = '${TRANSACTION_LINE_ITEM}' AND owner IN (SELECT id FROM objects WHERE type = '${TRANSACTION}' AND owner = ?)`,
  ).all(original.id) as { data: string }[];
  for (const row of rows) {
    const li = JSON.parse(row.data) as TransactionLineItem;
    const r = li.reversal && lines.get(li.reversal.original_line_item);
    if (r) {
      r.amount += li.amount;
      r.tax += li.amount_tax;
    }
  }
  for (const rev of core.store.iterate<TaxTransaction & StripeObject>(TRANSACTION, original.id)) {
    shipping.amount += rev.shipping_cost?.amount ?? 0;
    shipping.tax += rev.shipping_cost?.amount_tax ?? 0;
  }
  return { lines, shipping };
}

function nonPositive(value: number, param: string): void {
  if (!Number.isSafeInteger(value) || value > 0) throw invalidRequest('Reversal amounts must be negative integers (or zero) in the smallest currency unit.', param);
}

function withinRemaining(taken: Remaining, left: Remaining, param: string, what: string): void {
  if (-taken.amount > left.amount || -taken.tax > left.tax) {
    throw invalidRequest(
      `This reversal would take back more than remains of ${what}: ${left.amount} (tax ${left.tax}) remains, the reversal asks for ${-taken.amount} (tax ${-taken.tax}).`,
      param,
    );
  }
}

/** Spreads a flat amount (negative, tax included) over what remains, in proportion to each part's remaining total. */
function spreadFlat(
  flat: number,
  originals: TransactionLineItem[],
  left: { lines: Map<string, Remaining>; shipping: Remaining },
  shippingBehavior: 'exclusive' | 'inclusive' | null,
): { lines: LineReversal[]; shipping: Remaining | null } {
  const parts = originals.map((o) => ({ behavior: o.tax_behavior, left: left.lines.get(o.id)!, original: o as TransactionLineItem | null }));
  if (shippingBehavior) parts.push({ behavior: shippingBehavior, left: left.shipping, original: null });
  const totals = parts.map((x) => chargedTotal(x.behavior, x.left));
  const available = totals.reduce((a, b) => a + b, 0);
  if (-flat > available) {
    throw invalidRequest(`flat_amount ${flat} is more than remains of the transaction (${available}, tax included).`, 'flat_amount');
  }
  const shares = allocate(flat, totals);
  const out: LineReversal[] = [];
  let shipping: Remaining | null = null;
  parts.forEach((x, i) => {
    const share = shares[i];
    const total = totals[i];
    if (share === 0 || total === 0) return;
    // The tax part keeps the line's own proportion of tax to total charged.
    const tax = allocate(share, [x.left.tax, total - x.left.tax])[0];
    const amount = x.behavior === 'exclusive' ? share - tax : share;
    if (x.original) {
      out.push({ original: x.original, amount, tax, reference: x.original.reference, quantity: x.original.quantity, metadata: null });
    } else {
      shipping = { amount, tax };
    }
  });
  return { lines: out, shipping };
}

function createReversal(ctx: RequestContext): TaxTransaction {
  const { core, params: p } = ctx;
  const original = loadTransaction(core, p.original_transaction, 'original_transaction');
  if (original.type !== 'transaction') throw invalidRequest('Only a transaction of type `transaction` can be reversed; this one is itself a reversal.', 'original_transaction');
  requireFreshReference(core, p.reference);
  const left = remainingOf(core, original);
  const originals = transactionLines(core, original.id);
  let lines: LineReversal[] = [];
  let shipping: Remaining | null = null;

  if (p.mode === 'full') {
    for (const name of ['line_items', 'shipping_cost', 'flat_amount']) {
      if (p[name] !== undefined) throw invalidRequest(`${name} cannot be given with mode=full: a full reversal takes back everything that remains.`, name);
    }
    lines = originals
      .map((o) => ({ o, r: left.lines.get(o.id)! }))
      .filter(({ r }) => r.amount > 0 || r.tax > 0)
      .map(({ o, r }) => ({ original: o, amount: -r.amount, tax: -r.tax, reference: o.reference, quantity: o.quantity, metadata: null }));
    if (original.shipping_cost && (left.shipping.amount > 0 || left.shipping.tax > 0)) shipping = { amount: -left.shipping.amount, tax: -left.shipping.tax };
    if (lines.length === 0 && !shipping) throw invalidRequest(`The transaction ${original.id} has already been fully reversed.`, 'original_transaction');
  } else if (p.flat_amount !== undefined) {
    if (p.line_items !== undefined || p.shipping_cost !== undefined) {
      throw invalidRequest('flat_amount cannot be combined with line_items or shipping_cost.', 'flat_amount');
    }
    if (!Number.isSafeInteger(p.flat_amount) || p.flat_amount >= 0) throw invalidRequest('flat_amount must be a negative integer: the amount to take back, tax included.', 'flat_amount');
    ({ lines, shipping } = spreadFlat(p.flat_amount, originals, left, original.shipping_cost?.tax_behavior ?? null));
  } else {
    if (p.line_items === undefined && p.shipping_cost === undefined) {
      throw invalidRequest('A partial reversal needs line_items, shipping_cost or flat_amount.', 'mode');
    }
    const byId = new Map(originals.map((o) => [o.id, o]));
    const seen = new Set<string>();
    const refs = new Set<string>();
    lines = ((p.line_items ?? []) as Record<string, any>[]).map((li, i) => {
      const param = `line_items[${i}]`;
      const o = byId.get(li.original_line_item);
      if (!o) throw invalidRequest(`The line item ${li.original_line_item} is not part of the transaction ${original.id}.`, `${param}[original_line_item]`);
      if (seen.has(o.id)) throw invalidRequest(`The line item ${o.id} appears more than once in this reversal.`, `${param}[original_line_item]`);
      seen.add(o.id);
      if (refs.has(li.reference)) throw invalidRequest(`The reference '${li.reference}' is used by more than one line item.`, `${param}[reference]`);
      refs.add(li.reference);
      nonPositive(li.amount, `${param}[amount]`);
      nonPositive(li.amount_tax, `${param}[amount_tax]`);
      if (li.amount === 0 && li.amount_tax === 0) throw invalidRequest('A reversed line item must take back an amount or its tax.', `${param}[amount]`);
      withinRemaining({ amount: li.amount, tax: li.amount_tax }, left.lines.get(o.id)!, `${param}[amount]`, `the line item ${o.id}`);
      return { original: o, amount: li.amount, tax: li.amount_tax, reference: li.reference, quantity: li.quantity ?? o.quantity, metadata: li.metadata ? applyMetadata({}, li.metadata) : null };
    });
    if (p.shipping_cost !== undefined) {
      if (!original.shipping_cost) throw invalidRequest(`The transaction ${original.id} has no shipping cost to reverse.`, 'shipping_cost');
      nonPositive(p.shipping_cost.amount, 'shipping_cost[amount]');
      nonPositive(p.shipping_cost.amount_tax, 'shipping_cost[amount_tax]');
      withinRemaining({ amount: p.shipping_cost.amount, tax: p.shipping_cost.amount_tax }, left.shipping, 'shipping_cost[amount]', 'the shipping cost');
      shipping = { amount: p.shipping_cost.amount, tax: p.shipping_cost.amount_tax };
    }
    if (lines.length === 0 && !shipping) throw parameterMissing('line_items');
  }

  const now = core.clock.now();
  const reversal: TaxTransaction = {
    ...original,
    id: newId('tax.transaction'),
    created: now,
    metadata: applyMetadata({}, p.metadata),
    posted_at: now,
    reference: p.reference,
    reversal: { original_transaction: original.id },
    shipping_cost:
      shipping && original.shipping_cost
        ? { amount: shipping.amount, amount_tax: shipping.tax, tax_behavior: original.shipping_cost.tax_behavior, tax_code: original.shipping_cost.tax_code }
        : null,
    type: 'reversal',
  };
  insertObject(core, reversal as unknown as StripeObject, original.id);
  for (const l of lines) {
    const item: TransactionLineItem = {
      id: newId('tax.transaction_line_item'),
      object: TRANSACTION_LINE_ITEM,
      amount: l.amount,
      amount_tax: l.tax,
      livemode: false,
      metadata: l.metadata,
      product: l.original.product,
      quantity: l.quantity,
      reference: l.reference,
      reversal: { original_line_item: l.original.id },
      tax_behavior: l.original.tax_behavior,
      tax_code: l.original.tax_code,
      type: 'reversal',
    };
    core.store.insert(item as unknown as StripeObject, reversal.id);
  }
  return reversal;
}

/** Reversals: full, or partial by line items, shipping or a flat amount; never beyond what remains. */
export const reversalOperations: Operation[] = [{ method: 'POST', path: '/v1/tax/transactions/create_reversal', handler: createReversal }];
