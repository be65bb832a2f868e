import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { DAY, START, startTax, stripeError, type TaxServer } from './support.js';

let s: TaxServer;
const AUSTIN = { address: { country: 'US', state: 'TX' }, address_source: 'shipping' as const };
let n = 0;
const ref = (p = 'order') => `${p}-${++n}`;

beforeAll(async () => {
  s = await startTax();
  await s.activate();
  await s.register('US', { state: 'TX', type: 'state_sales_tax' });
});
afterAll(() => s.close());

async function calculation(extra: Partial<Stripe.Tax.CalculationCreateParams> = {}) {
  return s.stripe.tax.calculations.create({
    currency: 'usd',
    customer_details: AUSTIN,
    line_items: [
      { amount: 1000, reference: 'shirt', quantity: 2 },
      { amount: 3000, reference: 'boots', tax_behavior: 'inclusive' },
    ],
    shipping_cost: { amount: 500 },
    ...extra,
  });
}

async function transaction(extra: Partial<Stripe.Tax.TransactionCreateFromCalculationParams> = {}) {
  const calc = await calculation();
  const txn = await s.stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: ref(), ...extra });
  expectMatchesSpec('POST', '/v1/tax/transactions/create_from_calculation', txn);
  return { calc, txn };
}

async function items(id: string) {
  const page = await s.stripe.tax.transactions.listLineItems(id, { limit: 100 });
  expectMatchesSpec('GET', '/v1/tax/transactions/{transaction}/line_items', page);
  return page.data;
}

describe('tax transactions', () => {
  it('tax transaction: recorded from a calculation with its lines, shipping and customer', async () => {
    const { calc, txn } = await transaction({ metadata: { order: '42' } });
    expect(txn.id).toMatch(/^tax_/);
    expect(txn).toMatchObject({
      type: 'transaction',
      currency: 'usd',
      reversal: null,
      posted_at: START,
      created: START,
      tax_date: calc.tax_date,
      metadata: { order: '42' },
      customer_details: calc.customer_details,
    });
    expect(txn.shipping_cost).toEqual({ amount: 500, amount_tax: 31, tax_behavior: 'exclusive', tax_code: 'txcd_92010001' });
    const got = await s.stripe.tax.transactions.retrieve(txn.id);
    expectMatchesSpec('GET', '/v1/tax/transactions/{transaction}', got);
    expect(got).toEqual(txn);
    const li = await items(txn.id);
    expect(li.map((l) => [l.reference, l.amount, l.amount_tax, l.quantity, l.type, l.tax_behavior])).toEqual([
      ['shirt', 1000, 63, 2, 'transaction', 'exclusive'],
      ['boots', 3000, 176, 1, 'transaction', 'inclusive'],
    ]);
    const expanded = await s.stripe.tax.transactions.retrieve(txn.id, { expand: ['line_items'] });
    expectMatchesSpec('GET', '/v1/tax/transactions/{transaction}', expanded);
    expect(expanded.line_items?.data).toHaveLength(2);
  });

  it('tax transaction: a reference is unique across all transactions and reversals', async () => {
    const { txn } = await transaction();
    const calc = await calculation();
    const before = s.count('tax.transaction');
    const err = await stripeError(s.stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: txn.reference }));
    expect(err).toMatchObject({ statusCode: 400, param: 'reference' });
    const rev = await stripeError(
      s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: txn.id, reference: txn.reference }),
    );
    expect(rev.param).toBe('reference');
    expect(s.count('tax.transaction')).toBe(before);
  });

  it('tax transaction: posted_at must fall between the tax date and now', async () => {
    const calc = await calculation({ tax_date: START - 5 * DAY });
    const early = await stripeError(s.stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: ref(), posted_at: START - 6 * DAY }));
    expect(early.param).toBe('posted_at');
    const late = await stripeError(s.stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: ref(), posted_at: START + 1 }));
    expect(late.param).toBe('posted_at');
    const ok = await s.stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: ref(), posted_at: START - 2 * DAY });
    expect(ok.posted_at).toBe(START - 2 * DAY);
  });

  it('tax transaction: unknown calculation or transaction ids are Stripe\'s 404', async () => {
    const err = await stripeError(s.stripe.tax.transactions.createFromCalculation({ calculation: 'taxcalc_nope', reference: ref() }));
    expect(err).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'calculation' });
    expect((await stripeError(s.stripe.tax.transactions.retrieve('tax_nope'))).statusCode).toBe(404);
    expect((await stripeError(s.stripe.tax.transactions.listLineItems('tax_nope'))).statusCode).toBe(404);
    const rev = await stripeError(s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: 'tax_nope', reference: ref() }));
    expect(rev).toMatchObject({ statusCode: 404, param: 'original_transaction' });
  });
});

describe('tax reversals', () => {
  it('tax reversal: full takes back every line and the shipping, negative; a second full one is refused', async () => {
    const { txn } = await transaction();
    const rev = await s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: txn.id, reference: ref('refund'), metadata: { why: 'return' } });
    expectMatchesSpec('POST', '/v1/tax/transactions/create_reversal', rev);
    expect(rev).toMatchObject({ type: 'reversal', reversal: { original_transaction: txn.id }, metadata: { why: 'return' }, tax_date: txn.tax_date });
    expect(rev.shipping_cost).toMatchObject({ amount: -500, amount_tax: -31 });
    const original = await items(txn.id);
    const back = await items(rev.id);
    expect(back.map((l) => [l.reference, l.amount, l.amount_tax, l.type, l.reversal?.original_line_item])).toEqual([
      ['shirt', -1000, -63, 'reversal', original[0].id],
      ['boots', -3000, -176, 'reversal', original[1].id],
    ]);
    const before = s.count('tax.transaction');
    const again = await stripeError(s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: txn.id, reference: ref('refund') }));
    expect(again).toMatchObject({ statusCode: 400, param: 'original_transaction' });
    const partial = await stripeError(s.stripe.tax.transactions.createReversal({ mode: 'partial', original_transaction: txn.id, reference: ref('refund'), flat_amount: -1 }));
    expect(partial.param).toBe('flat_amount');
    expect(s.count('tax.transaction')).toBe(before);
  });

  it('tax reversal: partial by line items, never beyond what remains of a line', async () => {
    const { txn } = await transaction();
    const [shirt, boots] = await items(txn.id);
    const rev = await s.stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: txn.id,
      reference: ref('refund'),
      line_items: [{ original_line_item: shirt.id, amount: -500, amount_tax: -31, reference: 'shirt-half', quantity: 1 }],
    });
    expect(rev.shipping_cost).toBeNull();
    expect((await items(rev.id)).map((l) => [l.reference, l.amount, l.amount_tax, l.quantity])).toEqual([['shirt-half', -500, -31, 1]]);
    const before = s.count('tax.transaction');
    const over = await stripeError(
      s.stripe.tax.transactions.createReversal({
        mode: 'partial',
        original_transaction: txn.id,
        reference: ref('refund'),
        line_items: [{ original_line_item: shirt.id, amount: -501, amount_tax: -1, reference: 'x' }],
      }),
    );
    expect(over).toMatchObject({ statusCode: 400, param: 'line_items[0][amount]' });
    const overTax = await stripeError(
      s.stripe.tax.transactions.createReversal({
        mode: 'partial',
        original_transaction: txn.id,
        reference: ref('refund'),
        line_items: [{ original_line_item: shirt.id, amount: -1, amount_tax: -33, reference: 'x' }],
      }),
    );
    expect(overTax.param).toBe('line_items[0][amount]');
    const positive = await stripeError(
      s.stripe.tax.transactions.createReversal({
        mode: 'partial',
        original_transaction: txn.id,
        reference: ref('refund'),
        line_items: [{ original_line_item: boots.id, amount: 100, amount_tax: 0, reference: 'x' }],
      }),
    );
    expect(positive.param).toBe('line_items[0][amount]');
    const foreign = await stripeError(
      s.stripe.tax.transactions.createReversal({
        mode: 'partial',
        original_transaction: txn.id,
        reference: ref('refund'),
        line_items: [{ original_line_item: 'tax_li_elsewhere', amount: -1, amount_tax: 0, reference: 'x' }],
      }),
    );
    expect(foreign.param).toBe('line_items[0][original_line_item]');
    expect(s.count('tax.transaction')).toBe(before);
    // What remains can still be taken, exactly.
    const rest = await s.stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: txn.id,
      reference: ref('refund'),
      line_items: [{ original_line_item: shirt.id, amount: -500, amount_tax: -32, reference: 'shirt-rest' }],
    });
    expect(rest.type).toBe('reversal');
    const full = await s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: txn.id, reference: ref('refund') });
    expect((await items(full.id)).map((l) => [l.reference, l.amount, l.amount_tax])).toEqual([['boots', -3000, -176]]);
    expect(full.shipping_cost).toMatchObject({ amount: -500, amount_tax: -31 });
  });

  it('tax reversal: partial shipping only', async () => {
    const { txn } = await transaction();
    const rev = await s.stripe.tax.transactions.createReversal({
      mode: 'partial',
      original_transaction: txn.id,
      reference: ref('refund'),
      shipping_cost: { amount: -500, amount_tax: -31 },
    });
    expect(rev.shipping_cost).toMatchObject({ amount: -500, amount_tax: -31, tax_behavior: 'exclusive' });
    expect(await items(rev.id)).toEqual([]);
    const again = await stripeError(
      s.stripe.tax.transactions.createReversal({ mode: 'partial', original_transaction: txn.id, reference: ref('refund'), shipping_cost: { amount: -1, amount_tax: 0 } }),
    );
    expect(again.param).toBe('shipping_cost[amount]');
  });

  it('tax reversal: a flat amount is spread over the lines and shipping in proportion, tax included', async () => {
    const { txn } = await transaction();
    // Charged: shirt 1000 + 63, boots 3000 (176 inside), shipping 500 + 31 = 4594 in all.
    const rev = await s.stripe.tax.transactions.createReversal({ mode: 'partial', original_transaction: txn.id, reference: ref('refund'), flat_amount: -2297 });
    const back = await items(rev.id);
    const total = back.reduce((sum, l) => sum + (l.tax_behavior === 'exclusive' ? l.amount + l.amount_tax : l.amount), 0)
      + (rev.shipping_cost!.amount + rev.shipping_cost!.amount_tax);
    expect(total).toBe(-2297);
    expect(back.map((l) => [l.reference, l.amount, l.amount_tax])).toEqual([
      ['shirt', -500, -32],
      ['boots', -1500, -88],
    ]);
    expect(rev.shipping_cost).toMatchObject({ amount: -250, amount_tax: -15 });
    const tooMuch = await stripeError(s.stripe.tax.transactions.createReversal({ mode: 'partial', original_transaction: txn.id, reference: ref('refund'), flat_amount: -2298 }));
    expect(tooMuch.param).toBe('flat_amount');
    const rest = await s.stripe.tax.transactions.createReversal({ mode: 'partial', original_transaction: txn.id, reference: ref('refund'), flat_amount: -2297 });
    expect(rest.type).toBe('reversal');
    const nothing = await stripeError(s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: txn.id, reference: ref('refund') }));
    expect(nothing.statusCode).toBe(400);
  });

  it('tax reversal: mode and amounts are checked; a reversal cannot itself be reversed', async () => {
    const { txn } = await transaction();
    const cases: [Partial<Stripe.Tax.TransactionCreateReversalParams>, string][] = [
      [{ mode: 'full', flat_amount: -1 }, 'flat_amount'],
      [{ mode: 'partial' }, 'mode'],
      [{ mode: 'partial', flat_amount: 10 }, 'flat_amount'],
      [{ mode: 'partial', flat_amount: -1, shipping_cost: { amount: -1, amount_tax: 0 } }, 'flat_amount'],
    ];
    for (const [params, param] of cases) {
      const err = await stripeError(s.stripe.tax.transactions.createReversal({ original_transaction: txn.id, reference: ref('bad'), ...params } as Stripe.Tax.TransactionCreateReversalParams));
      expect(err.param, JSON.stringify(params)).toBe(param);
    }
    const badMode = await s.raw('POST', '/v1/tax/transactions/create_reversal', `mode=half&original_transaction=${txn.id}&reference=x`);
    expect(badMode.body.error.param).toBe('mode');
    const rev = await s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: txn.id, reference: ref('refund') });
    const err = await stripeError(s.stripe.tax.transactions.createReversal({ mode: 'full', original_transaction: rev.id, reference: ref('refund') }));
    expect(err.param).toBe('original_transaction');
  });
});
