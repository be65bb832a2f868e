import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { startBilling, type BillingServer } from './support.js';

let s: BillingServer;
beforeAll(async () => {
  s = await startBilling();
});
afterAll(() => s.close());

describe('products', () => {
  test('create, retrieve, update, list and delete a product', async () => {
    const product = await s.stripe.products.create({ name: 'Starter', description: 'For small teams', metadata: { tier: '1' } });
    expectMatchesSpec('POST', '/v1/products', product);
    expect(product).toMatchObject({ object: 'product', active: true, name: 'Starter', default_price: null, metadata: { tier: '1' } });
    expectMatchesSpec('GET', '/v1/products/{id}', await s.stripe.products.retrieve(product.id));
    const updated = await s.stripe.products.update(product.id, { name: 'Starter plus', description: '', active: false });
    expectMatchesSpec('POST', '/v1/products/{id}', updated);
    expect(updated).toMatchObject({ name: 'Starter plus', description: null, active: false });
    const inactive = await s.stripe.products.list({ active: false });
    expectMatchesSpec('GET', '/v1/products', inactive);
    expect(inactive.data.map((p) => p.id)).toEqual([product.id]);
    const byIds = await s.stripe.products.list({ ids: [product.id] });
    expect(byIds.data).toHaveLength(1);
    const deleted = await s.stripe.products.del(product.id);
    expectMatchesSpec('DELETE', '/v1/products/{id}', deleted);
    expect(deleted).toMatchObject({ id: product.id, deleted: true });
    const gone = await s.refused(s.stripe.products.retrieve(product.id));
    expect(gone).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
    const [created] = await s.events('product.created');
    expect(created.data.object).toMatchObject({ object: 'product' });
    expect((await s.events('product.updated')).at(-1)!.data.previous_attributes).toMatchObject({ name: 'Starter', active: true });
    expect(await s.events('product.deleted')).toHaveLength(1);
  });

  test('a product with a custom id, and with default_price_data, which becomes its default price', async () => {
    const product = await s.stripe.products.create({ id: 'prod_custom_gold', name: 'Gold', default_price_data: { currency: 'usd', unit_amount: 2_500, recurring: { interval: 'month' } } });
    expect(product.id).toBe('prod_custom_gold');
    const price = await s.stripe.prices.retrieve(product.default_price as string);
    expect(price).toMatchObject({ product: product.id, unit_amount: 2_500, type: 'recurring', recurring: { interval: 'month', interval_count: 1 } });
    const taken = await s.refused(s.stripe.products.create({ id: 'prod_custom_gold', name: 'Again' }));
    expect(taken).toMatchObject({ statusCode: 400, code: 'resource_already_exists', param: 'id' });
  });

  test('a product with prices cannot be deleted, and stays', async () => {
    const { product } = await s.plan('Kept');
    const refused = await s.refused(s.stripe.products.del(product.id));
    expect(refused).toMatchObject({ statusCode: 400, type: 'invalid_request_error' });
    expect((await s.stripe.products.retrieve(product.id)).id).toBe(product.id);
  });

  test('a product without a name is refused and nothing is written', async () => {
    const before = (await s.stripe.products.list({ limit: 100 })).data.length;
    const refused = await s.refused(s.stripe.products.create({} as never));
    expect(refused).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'name' });
    expect((await s.stripe.products.list({ limit: 100 })).data.length).toBe(before);
  });
});

describe('prices', () => {
  test('one-time and recurring prices: create, retrieve, update, list with filters', async () => {
    const product = await s.stripe.products.create({ name: 'Seats' });
    const once = await s.stripe.prices.create({ product: product.id, currency: 'USD', unit_amount: 500, lookup_key: 'seat_once' });
    expectMatchesSpec('POST', '/v1/prices', once);
    expect(once).toMatchObject({ type: 'one_time', recurring: null, currency: 'usd', unit_amount: 500, lookup_key: 'seat_once' });
    expect(String(once.unit_amount_decimal)).toBe('500');
    const yearly = await s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 9_000, recurring: { interval: 'year' } });
    expect(yearly).toMatchObject({ type: 'recurring', recurring: { interval: 'year', interval_count: 1, usage_type: 'licensed' } });
    expectMatchesSpec('GET', '/v1/prices/{price}', await s.stripe.prices.retrieve(yearly.id));
    const renamed = await s.stripe.prices.update(yearly.id, { nickname: 'Annual', metadata: { a: 'b' } });
    expectMatchesSpec('POST', '/v1/prices/{price}', renamed);
    expect(renamed).toMatchObject({ nickname: 'Annual', metadata: { a: 'b' } });
    const recurring = await s.stripe.prices.list({ product: product.id, type: 'recurring' });
    expectMatchesSpec('GET', '/v1/prices', recurring);
    expect(recurring.data.map((p) => p.id)).toEqual([yearly.id]);
    expect((await s.stripe.prices.list({ lookup_keys: ['seat_once'] })).data.map((p) => p.id)).toEqual([once.id]);
    expect((await s.stripe.prices.list({ product: product.id, recurring: { interval: 'year' } })).data.map((p) => p.id)).toEqual([yearly.id]);
  });

  test('a lookup key is held by one price; transfer_lookup_key moves it', async () => {
    const product = await s.stripe.products.create({ name: 'Keys' });
    const a = await s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100, lookup_key: 'std' });
    const taken = await s.refused(s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 200, lookup_key: 'std' }));
    expect(taken).toMatchObject({ statusCode: 400, param: 'lookup_key' });
    const b = await s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 200, lookup_key: 'std', transfer_lookup_key: true });
    expect(b.lookup_key).toBe('std');
    expect((await s.stripe.prices.retrieve(a.id)).lookup_key).toBeNull();
  });

  test('a price for a missing product is resource_missing on product; one without an amount is refused', async () => {
    const missing = await s.refused(s.stripe.prices.create({ product: 'prod_nope', currency: 'usd', unit_amount: 1 }));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'product' });
    const product = await s.stripe.products.create({ name: 'Amounts' });
    const noAmount = await s.refused(s.stripe.prices.create({ product: product.id, currency: 'usd' }));
    expect(noAmount).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'unit_amount' });
    expect((await s.stripe.prices.list({ product: product.id })).data).toEqual([]);
  });

  test('product_data creates the product with the price', async () => {
    const price = await s.stripe.prices.create({ currency: 'eur', unit_amount: 700, product_data: { name: 'Inline' } });
    expect((await s.stripe.products.retrieve(price.product as string)).name).toBe('Inline');
  });
});

describe('customers', () => {
  test('create, retrieve, update, list by email and delete a customer', async () => {
    const c = await s.stripe.customers.create({ email: 'grace@example.com', name: 'Grace', metadata: { plan: 'x' } });
    expectMatchesSpec('POST', '/v1/customers', c);
    expect(c).toMatchObject({ object: 'customer', email: 'grace@example.com', balance: 0, delinquent: false });
    expectMatchesSpec('GET', '/v1/customers/{customer}', await s.stripe.customers.retrieve(c.id));
    const u = await s.stripe.customers.update(c.id, { phone: '+15555550100', name: 'Grace H.', metadata: { plan: '' } });
    expectMatchesSpec('POST', '/v1/customers/{customer}', u);
    expect(u).toMatchObject({ phone: '+15555550100', name: 'Grace H.', metadata: {} });
    const byEmail = await s.stripe.customers.list({ email: 'grace@example.com' });
    expectMatchesSpec('GET', '/v1/customers', byEmail);
    expect(byEmail.data.map((x) => x.id)).toEqual([c.id]);
    const del = await s.stripe.customers.del(c.id);
    expectMatchesSpec('DELETE', '/v1/customers/{customer}', del);
    const after = await s.stripe.customers.retrieve(c.id);
    expectMatchesSpec('GET', '/v1/customers/{customer}', after);
    expect(after).toEqual({ id: c.id, object: 'customer', deleted: true });
    expect((await s.stripe.customers.list({ email: 'grace@example.com' })).data).toEqual([]);
    const upd = await s.refused(s.stripe.customers.update(c.id, { name: 'x' }));
    expect(upd).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect((await s.events('customer.deleted')).length).toBe(1);
  });

  test('an unknown parameter is refused with parameter_unknown', async () => {
    const refused = await s.refused(s.stripe.customers.create({ nickname: 'x' } as never));
    expect(refused).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'nickname' });
  });
});
