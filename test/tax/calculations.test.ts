import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { DAY, START, startTax, stripeError, type TaxServer } from './support.js';

let s: TaxServer;
const AUSTIN = { address: { country: 'US', postal_code: '78701', state: 'TX', city: 'Austin' }, address_source: 'shipping' as const };
const BERLIN = { address: { country: 'DE', city: 'Berlin', postal_code: '10115' }, address_source: 'billing' as const };
const TORONTO = { address: { country: 'CA', state: 'ON', city: 'Toronto' }, address_source: 'billing' as const };

beforeAll(async () => {
  s = await startTax();
  await s.activate();
  await s.register('US', { state: 'TX', type: 'state_sales_tax' });
  await s.register('DE', { type: 'standard' });
  await s.register('CA', { type: 'standard' });
  await s.register('JP', { type: 'standard' });
});
afterAll(() => s.close());

async function calc(params: Partial<Stripe.Tax.CalculationCreateParams>): Promise<Stripe.Tax.Calculation> {
  const c = await s.stripe.tax.calculations.create({ currency: 'usd', line_items: [{ amount: 1000, reference: 'L1' }], ...params } as Stripe.Tax.CalculationCreateParams);
  expectMatchesSpec('POST', '/v1/tax/calculations', c);
  return c;
}

async function lines(id: string) {
  const page = await s.stripe.tax.calculations.listLineItems(id, { limit: 100 });
  expectMatchesSpec('GET', '/v1/tax/calculations/{calculation}/line_items', page);
  return page.data;
}

describe('tax calculations', () => {
  it('tax calculation: Austin pays Texas sales tax on an exclusive price, rounded half up', async () => {
    const c = await calc({ customer_details: AUSTIN, line_items: [{ amount: 1000, reference: 'L1', tax_code: 'txcd_99999999' }] });
    expect(c.id).toMatch(/^taxcalc_/);
    expect(c).toMatchObject({ amount_total: 1063, tax_amount_exclusive: 63, tax_amount_inclusive: 0, currency: 'usd', tax_date: START, expires_at: START + 90 * DAY });
    expect(c.tax_breakdown).toEqual([
      {
        amount: 63,
        inclusive: false,
        tax_rate_details: { country: 'US', flat_amount: null, percentage_decimal: '6.25', rate_type: 'percentage', state: 'TX', tax_type: 'sales_tax' },
        taxability_reason: 'standard_rated',
        taxable_amount: 1000,
      },
    ]);
    const [li] = await lines(c.id!);
    expect(li.id).toMatch(/^tax_li_/);
    expect(li).toMatchObject({ amount: 1000, amount_tax: 63, quantity: 1, reference: 'L1', tax_behavior: 'exclusive', tax_code: 'txcd_99999999' });
    expect(li.tax_breakdown).toEqual([
      {
        amount: 63,
        jurisdiction: { country: 'US', display_name: 'Texas', level: 'state', state: 'TX' },
        sourcing: 'destination',
        tax_rate_details: { display_name: 'Sales Tax', percentage_decimal: '6.25', tax_type: 'sales_tax' },
        taxability_reason: 'standard_rated',
        taxable_amount: 1000,
      },
    ]);
  });

  it('tax calculation: a US ZIP without a state is placed in its state', async () => {
    const c = await calc({ customer_details: { address: { country: 'US', postal_code: '75201' }, address_source: 'billing' } });
    expect(c.tax_amount_exclusive).toBe(63);
    expect(c.tax_breakdown[0].tax_rate_details.state).toBe('TX');
  });

  it('tax calculation: Berlin pays 19% VAT inside an inclusive price; net plus tax is the price', async () => {
    const c = await calc({ currency: 'eur', customer_details: BERLIN, line_items: [{ amount: 1190, tax_behavior: 'inclusive', reference: 'L1' }] });
    expect(c).toMatchObject({ amount_total: 1190, tax_amount_exclusive: 0, tax_amount_inclusive: 190 });
    expect(c.tax_breakdown[0]).toMatchObject({ amount: 190, inclusive: true, taxable_amount: 1000, taxability_reason: 'standard_rated' });
    expect(c.tax_breakdown[0].tax_rate_details).toMatchObject({ country: 'DE', percentage_decimal: '19.0', tax_type: 'vat' });
    const [li] = await lines(c.id!);
    expect(li.tax_breakdown![0].jurisdiction).toEqual({ country: 'DE', display_name: 'Germany', level: 'country', state: null });
  });

  it('tax calculation: Toronto pays 13% HST, British Columbia GST but no PST without a provincial registration', async () => {
    const on = await calc({ currency: 'cad', customer_details: TORONTO });
    expect(on.tax_amount_exclusive).toBe(130);
    expect(on.tax_breakdown[0].tax_rate_details).toMatchObject({ percentage_decimal: '13.0', tax_type: 'hst', state: 'ON' });
    const bc = await calc({ currency: 'cad', customer_details: { address: { country: 'CA', postal_code: 'V6B 1A1' }, address_source: 'billing' } });
    expect(bc.tax_amount_exclusive).toBe(50);
    const [li] = await lines(bc.id!);
    expect(li.tax_breakdown!.map((b) => [b.tax_rate_details?.tax_type ?? null, b.taxability_reason, b.amount])).toEqual([
      ['gst', 'standard_rated', 50],
      [null, 'not_collecting', 0],
    ]);
    expect(li.tax_breakdown![1].jurisdiction).toMatchObject({ level: 'state', state: 'BC', display_name: 'British Columbia' });
  });

  it('tax calculation: where no registration covers the customer, lines are not_collecting', async () => {
    const c = await calc({ currency: 'eur', customer_details: { address: { country: 'FR' }, address_source: 'billing' } });
    expect(c.tax_amount_exclusive).toBe(0);
    expect(c.amount_total).toBe(1000);
    expect(c.tax_breakdown).toEqual([
      {
        amount: 0,
        inclusive: false,
        tax_rate_details: { country: 'FR', flat_amount: null, percentage_decimal: '0.0', rate_type: null, state: null, tax_type: null },
        taxability_reason: 'not_collecting',
        taxable_amount: 0,
      },
    ]);
    const [li] = await lines(c.id!);
    expect(li.tax_breakdown![0]).toMatchObject({ taxability_reason: 'not_collecting', tax_rate_details: null, amount: 0 });
  });

  it('tax calculation: txcd_00000000 is not subject to tax, even where registered', async () => {
    const c = await calc({ customer_details: AUSTIN, line_items: [{ amount: 1000, tax_code: 'txcd_00000000' }] });
    expect(c.tax_amount_exclusive).toBe(0);
    expect(c.tax_breakdown[0].taxability_reason).toBe('not_subject_to_tax');
  });

  it('tax calculation: an exempt customer pays nothing; a B2B customer abroad in the EU is reverse charged', async () => {
    const exempt = await calc({ customer_details: { ...AUSTIN, taxability_override: 'customer_exempt' } });
    expect(exempt.tax_breakdown[0].taxability_reason).toBe('customer_exempt');
    expect(exempt.tax_amount_exclusive).toBe(0);
    const b2b = await calc({ currency: 'eur', customer_details: { ...BERLIN, tax_ids: [{ type: 'eu_vat', value: 'DE123456789' }] } });
    expect(b2b.tax_breakdown[0]).toMatchObject({ taxability_reason: 'reverse_charge', amount: 0, taxable_amount: 1000 });
    expect(b2b.customer_details.tax_ids).toEqual([{ type: 'eu_vat', value: 'DE123456789' }]);
    const forced = await calc({ customer_details: { ...AUSTIN, taxability_override: 'reverse_charge' } });
    expect(forced.tax_breakdown[0].taxability_reason).toBe('reverse_charge');
    // A US customer with a tax id still pays US sales tax.
    const usB2b = await calc({ customer_details: { ...AUSTIN, tax_ids: [{ type: 'us_ein', value: '12-3456789' }] } });
    expect(usB2b.tax_amount_exclusive).toBe(63);
  });

  it('tax calculation: a country or state with no rate is not_supported', async () => {
    const aq = await calc({ customer_details: { address: { country: 'AQ' }, address_source: 'billing' } });
    expect(aq.tax_breakdown[0].taxability_reason).toBe('not_supported');
    const oregon = await calc({ customer_details: { address: { country: 'US', state: 'OR' }, address_source: 'billing' } });
    expect(oregon.tax_breakdown[0]).toMatchObject({ taxability_reason: 'not_supported', amount: 0 });
  });

  it('tax calculation: yen have no minor unit; tax is rounded to whole yen, half up', async () => {
    const c = await calc({
      currency: 'jpy',
      customer_details: { address: { country: 'JP' }, address_source: 'billing' },
      line_items: [{ amount: 1005, reference: 'A' }, { amount: 1004, reference: 'B' }],
    });
    const items = await lines(c.id!);
    expect(items.map((l) => l.amount_tax)).toEqual([101, 100]);
    expect(c).toMatchObject({ tax_amount_exclusive: 201, amount_total: 2210 });
    expect(c.tax_breakdown[0].tax_rate_details).toMatchObject({ tax_type: 'jct', percentage_decimal: '10.0' });
  });

  it('tax calculation: printed books in Germany are reduced rated at 7%', async () => {
    const c = await calc({ currency: 'eur', customer_details: BERLIN, line_items: [{ amount: 1070, tax_behavior: 'inclusive', tax_code: 'txcd_35010000' }] });
    expect(c.tax_breakdown[0]).toMatchObject({ amount: 70, taxable_amount: 1000, taxability_reason: 'reduced_rated' });
    expect(c.tax_breakdown[0].tax_rate_details.percentage_decimal).toBe('7.0');
  });

  it('tax calculation: shipping is taxed as its own line, exclusive by default', async () => {
    const c = await calc({ customer_details: AUSTIN, shipping_cost: { amount: 500 } });
    expect(c.shipping_cost).toMatchObject({ amount: 500, amount_tax: 31, tax_behavior: 'exclusive', tax_code: 'txcd_92010001' });
    expect(c.shipping_cost?.tax_breakdown?.[0].taxability_reason).toBe('standard_rated');
    expect(c).toMatchObject({ tax_amount_exclusive: 63 + 31, amount_total: 1000 + 500 + 94 });
    expect(c.tax_breakdown).toHaveLength(1);
    expect(c.tax_breakdown[0]).toMatchObject({ amount: 94, taxable_amount: 1500 });
  });

  it('tax calculation: retrieve and expand line_items; the newer API path', async () => {
    const c = await calc({ customer_details: AUSTIN, line_items: [{ amount: 200, reference: 'x', metadata: { sku: 'A1' } }] });
    const got = await s.stripe.tax.calculations.retrieve(c.id!);
    expectMatchesSpec('GET', '/v1/tax/calculations/{calculation}', got);
    expect(got).toEqual(c);
    const expanded = await s.stripe.tax.calculations.retrieve(c.id!, { expand: ['line_items'] });
    expectMatchesSpec('GET', '/v1/tax/calculations/{calculation}', expanded);
    expect(expanded.line_items?.data.map((l) => l.metadata)).toEqual([{ sku: 'A1' }]);
    expect(expanded.line_items?.url).toBe(`/v1/tax/calculations/${c.id}/line_items`);
  });

  it('tax calculation: line items come back in the order given, paginated', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ amount: 100 + i, reference: `R${i}` }));
    const c = await calc({ customer_details: AUSTIN, line_items: many });
    const first = await s.stripe.tax.calculations.listLineItems(c.id!, { limit: 10 });
    expect(first.has_more).toBe(true);
    expect(first.data.map((l) => l.reference)).toEqual(many.slice(0, 10).map((l) => l.reference));
    const second = await s.stripe.tax.calculations.listLineItems(c.id!, { limit: 10, starting_after: first.data[9].id });
    expect(second.data.map((l) => l.reference)).toEqual(many.slice(10, 20).map((l) => l.reference));
    const back = await s.stripe.tax.calculations.listLineItems(c.id!, { limit: 5, ending_before: second.data[0].id });
    expect(back.data.map((l) => l.reference)).toEqual(['R5', 'R6', 'R7', 'R8', 'R9']);
    const all: string[] = [];
    for await (const li of s.stripe.tax.calculations.listLineItems(c.id!, { limit: 7 })) all.push(li.reference);
    expect(all).toEqual(many.map((l) => l.reference));
  });

  it('tax calculation: an address too imprecise to place is customer_tax_location_invalid, naming the param', async () => {
    const before = s.count('tax.calculation');
    const noZip = await stripeError(calc({ customer_details: { address: { country: 'US', city: 'Austin' }, address_source: 'billing' } }));
    expect(noZip).toMatchObject({ statusCode: 400, code: 'customer_tax_location_invalid', param: 'customer_details[address][postal_code]' });
    const badZip = await stripeError(calc({ customer_details: { address: { country: 'US', postal_code: '00000' }, address_source: 'billing' } }));
    expect(badZip.param).toBe('customer_details[address][postal_code]');
    const badState = await stripeError(calc({ customer_details: { address: { country: 'CA', state: 'XX' }, address_source: 'billing' } }));
    expect(badState).toMatchObject({ code: 'customer_tax_location_invalid', param: 'customer_details[address][state]' });
    const ipOnly = await stripeError(calc({ customer_details: { ip_address: '8.8.8.8' } }));
    expect(ipOnly).toMatchObject({ code: 'customer_tax_location_invalid', param: 'customer_details[ip_address]' });
    const noSource = await stripeError(calc({ customer_details: { address: { country: 'DE' } } as Stripe.Tax.CalculationCreateParams.CustomerDetails }));
    expect(noSource).toMatchObject({ code: 'parameter_missing', param: 'customer_details[address_source]' });
    const nobody = await stripeError(calc({}));
    expect(nobody.param).toBe('customer_details');
    expect(s.count('tax.calculation')).toBe(before);
    expect(s.count('tax.calculation_line_item')).toBeGreaterThan(0);
  });

  it('tax calculation: bad input is Stripe\'s error and writes nothing', async () => {
    const before = [s.count('tax.calculation'), s.count('tax.calculation_line_item')];
    const cases: [Partial<Stripe.Tax.CalculationCreateParams>, string][] = [
      [{ currency: 'xyz', customer_details: AUSTIN }, 'currency'],
      [{ customer_details: AUSTIN, tax_date: START - 32 * DAY }, 'tax_date'],
      [{ customer_details: AUSTIN, tax_date: START + 32 * DAY }, 'tax_date'],
      [{ customer_details: AUSTIN, line_items: [{ amount: -1 }] }, 'line_items[0][amount]'],
      [{ customer_details: AUSTIN, line_items: [{ amount: 1, tax_code: 'food' }] }, 'line_items[0][tax_code]'],
      [{ customer_details: AUSTIN, line_items: [{ amount: 1, reference: 'a' }, { amount: 2, reference: 'a' }] }, 'line_items[1][reference]'],
      [{ customer_details: AUSTIN, shipping_cost: { shipping_rate: 'shr_nope' } }, 'shipping_cost[shipping_rate]'],
      [{ customer: 'cus_nope' }, 'customer'],
      [{ customer_details: AUSTIN, ship_from_details: { address: { country: 'QQ' } } }, 'ship_from_details[address][country]'],
    ];
    for (const [params, param] of cases) {
      const err = await stripeError(calc(params));
      expect(err.param, JSON.stringify(params)).toBe(param);
      expect(err.type).toBe('StripeInvalidRequestError');
    }
    const missing = await s.raw('POST', '/v1/tax/calculations', 'currency=usd');
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'line_items' });
    const unknown = await s.raw('POST', '/v1/tax/calculations', 'currency=usd&line_items[0][amount]=1&colour=red');
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    expect([s.count('tax.calculation'), s.count('tax.calculation_line_item')]).toEqual(before);
  });

  it('tax calculation: tax_date within 31 days is accepted and used for the registrations in force', async () => {
    const c = await calc({ customer_details: AUSTIN, tax_date: START - 31 * DAY });
    expect(c.tax_date).toBe(START - 31 * DAY);
    // The registrations began at START: a month earlier nothing was collected.
    expect(c.tax_breakdown[0].taxability_reason).toBe('not_collecting');
  });

  it('tax calculation: unknown ids are Stripe\'s 404', async () => {
    const err = await stripeError(s.stripe.tax.calculations.retrieve('taxcalc_nope'));
    expect(err).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const li = await stripeError(s.stripe.tax.calculations.listLineItems('taxcalc_nope'));
    expect(li.statusCode).toBe(404);
  });
});

describe('tax calculations before Settings are complete', () => {
  let fresh: TaxServer;
  beforeAll(async () => {
    fresh = await startTax();
  });
  afterAll(() => fresh.close());

  it('tax calculation: refused with stripe_tax_inactive while Settings are pending', async () => {
    const err = await stripeError(fresh.stripe.tax.calculations.create({ currency: 'usd', line_items: [{ amount: 1 }], customer_details: AUSTIN }));
    expect(err).toMatchObject({ statusCode: 400, code: 'stripe_tax_inactive' });
  });

  it('tax calculation: a line without tax_behavior needs a default in Settings', async () => {
    await fresh.stripe.tax.settings.update({ head_office: { address: { country: 'DE' } } });
    const err = await stripeError(fresh.stripe.tax.calculations.create({ currency: 'usd', line_items: [{ amount: 1 }], customer_details: AUSTIN }));
    expect(err.param).toBe('line_items[0][tax_behavior]');
    await fresh.stripe.tax.settings.update({ defaults: { tax_behavior: 'inferred_by_currency' } });
    const eur = await fresh.stripe.tax.calculations.create({ currency: 'eur', line_items: [{ amount: 1 }], customer_details: AUSTIN });
    const usd = await fresh.stripe.tax.calculations.create({ currency: 'usd', line_items: [{ amount: 1 }], customer_details: AUSTIN });
    const behaviour = async (id: string) => (await fresh.stripe.tax.calculations.listLineItems(id)).data[0].tax_behavior;
    expect(await behaviour(eur.id!)).toBe('inclusive');
    expect(await behaviour(usd.id!)).toBe('exclusive');
  });
});

describe('tax calculation expiry', () => {
  it('tax calculation: after 90 days on the sandbox clock it can no longer be retrieved or used', async () => {
    const c = await calc({ customer_details: AUSTIN });
    await s.advance(90 * DAY - 1);
    expect((await s.stripe.tax.calculations.retrieve(c.id!)).id).toBe(c.id);
    await s.advance(1);
    expect((await stripeError(s.stripe.tax.calculations.retrieve(c.id!))).statusCode).toBe(404);
    expect((await stripeError(s.stripe.tax.calculations.listLineItems(c.id!))).statusCode).toBe(404);
    const err = await stripeError(s.stripe.tax.transactions.createFromCalculation({ calculation: c.id!, reference: 'late' }));
    expect(err).toMatchObject({ statusCode: 400, param: 'calculation' });
    expect(err.message).toMatch(/expired/);
    expect(s.count('tax.transaction')).toBe(0);
  });
});
