import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StripeObject } from '../../src/engine/store/objects.js';
import { expectObjectMatchesSchema } from '../support/openapi.js';
import { START, startTreasury, type TreasuryServer } from '../treasury/support.js';
import { download, minor, records } from './support.js';

let s: TreasuryServer;
const DAY = 86_400;

function lineItem(id: string, amount: number, amount_tax: number, behavior: 'exclusive' | 'inclusive', reversal?: string): StripeObject {
  return {
    id,
    object: 'tax.transaction_line_item',
    amount,
    amount_tax,
    livemode: false,
    metadata: {},
    product: null,
    quantity: 1,
    reference: `ref_${id}`,
    reversal: reversal ? { original_line_item: reversal } : null,
    tax_behavior: behavior,
    tax_code: 'txcd_10000000',
    type: reversal ? 'reversal' : 'transaction',
  };
}

/** A tax.transaction as the description shapes it, line items embedded the way an expanded one shows them. */
function taxTransaction(id: string, created: number, lines: StripeObject[], extra: Partial<StripeObject> = {}): StripeObject {
  return {
    id,
    object: 'tax.transaction',
    created,
    currency: 'usd',
    customer: null,
    customer_details: { address: { city: 'Boise', country: 'US', line1: null, line2: null, postal_code: '83702', state: 'ID' }, address_source: 'billing', ip_address: null, tax_ids: [], taxability_override: 'none' },
    line_items: { object: 'list', data: lines, has_more: false, url: `/v1/tax/transactions/${id}/line_items` },
    livemode: false,
    metadata: {},
    posted_at: created,
    reference: `order_${id}`,
    reversal: null,
    ship_from_details: null,
    shipping_cost: null,
    tax_date: created,
    type: 'transaction',
    ...extra,
  };
}

beforeAll(async () => {
  s = await startTreasury();
  const sale = taxTransaction('tax_1Sale', START + 3_600, [lineItem('tax_li_1', 10_000, 600, 'exclusive'), lineItem('tax_li_2', 5_300, 300, 'inclusive')], {
    shipping_cost: { amount: 500, amount_tax: 30, shipping_rate: 'shr_1Ground', tax_behavior: 'exclusive', tax_breakdown: [], tax_code: 'txcd_92010001' },
  });
  const refund = taxTransaction('tax_1Refund', START + 7_200, [lineItem('tax_li_3', -10_000, -600, 'exclusive', 'tax_li_1')], {
    type: 'reversal',
    reversal: { original_transaction: 'tax_1Sale' },
    reference: 'refund_1',
  });
  const tomorrow = taxTransaction('tax_1Later', START + DAY + 10, [lineItem('tax_li_4', 999, 60, 'exclusive')]);
  for (const t of [sale, refund, tomorrow]) {
    // The Tax group writes these; here they are inserted directly, checked against the description first.
    expectObjectMatchesSchema('tax.transaction', t);
    s.engine.core.store.insert(t);
  }
  await s.advance(DAY);
});
afterAll(() => s.close());

test('tax.transactions.itemized.2 has a row per line item and shipping, reversals negative, totals exact', async () => {
  const type = await s.stripe.reporting.reportTypes.retrieve('tax.transactions.itemized.2');
  expect(type).toMatchObject({ data_available_start: START, data_available_end: START + DAY });
  const run = await s.stripe.reporting.reportRuns.create({
    report_type: 'tax.transactions.itemized.2',
    parameters: { interval_start: START, interval_end: START + DAY, timezone: 'Asia/Tokyo', columns: ['transaction_id', 'type', 'line_item_id', 'line_item_reference', 'transaction_date', 'amount', 'amount_tax', 'amount_total', 'customer_state', 'original_transaction_id'] },
  });
  const done = (await s.control('POST', `/reporting/report_runs/${run.id}/finish`)).body;
  const rows = records((await download(done.result.url)).text);
  expect(rows.map((r) => [r.transaction_id, r.line_item_reference, r.type])).toEqual([
    ['tax_1Sale', 'ref_tax_li_1', 'transaction'],
    ['tax_1Sale', 'ref_tax_li_2', 'transaction'],
    ['tax_1Sale', 'shipping', 'transaction'],
    ['tax_1Refund', 'ref_tax_li_3', 'reversal'],
  ]);
  expect(rows[0]).toMatchObject({ amount: '100.00', amount_tax: '6.00', amount_total: '106.00', customer_state: 'ID', transaction_date: '2026-01-01 10:00:00' });
  // An inclusive amount already holds its tax.
  expect(rows[1]).toMatchObject({ amount: '53.00', amount_tax: '3.00', amount_total: '53.00' });
  expect(rows[3]).toMatchObject({ amount: '-100.00', amount_tax: '-6.00', original_transaction_id: 'tax_1Sale' });
  const tax = rows.reduce((n, r) => n + minor(r.amount_tax), 0);
  expect(tax).toBe(600 + 300 + 30 - 600);
});

test('the tax report takes no currency and refuses a run past its data', async () => {
  await expect(
    s.stripe.reporting.reportRuns.create({ report_type: 'tax.transactions.itemized.2', parameters: { interval_start: START, interval_end: START + DAY, currency: 'usd' } }),
  ).rejects.toMatchObject({ statusCode: 400, param: 'parameters[currency]' });
  await expect(
    s.stripe.reporting.reportRuns.create({ report_type: 'tax.transactions.itemized.2', parameters: { interval_start: START, interval_end: START + 2 * DAY } }),
  ).rejects.toMatchObject({ statusCode: 400, param: 'parameters[interval_end]' });
});
