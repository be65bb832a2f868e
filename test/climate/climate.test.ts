import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { FRONTIER, startClimate, tons, type ClimateServer } from './support.js';

let s: ClimateServer;
beforeAll(async () => {
  s = await startClimate();
});
afterAll(() => s.close());

const ORDER = '/v1/climate/orders/{order}';

describe('catalogue', () => {
  test("Stripe's example product and supplier are served, with the sandbox's own beside them", async () => {
    const product = await s.stripe.climate.products.retrieve(FRONTIER);
    expectMatchesSpec('GET', '/v1/climate/products/{product}', product);
    expect(product).toMatchObject({
      name: "Frontier's 2027 offtake portfolio",
      delivery_year: 2027,
      current_prices_per_metric_ton: { usd: { amount_subtotal: 55000, amount_fees: 1650, amount_total: 56650 } },
    });
    expect(String(product.metric_tons_available)).toBe('18000');
    expect(product.suppliers[0]).toMatchObject({ id: 'climsup_charm_industrial', object: 'climate.supplier', removal_pathway: 'biomass_carbon_removal_and_storage' });
    const products = await s.stripe.climate.products.list({ limit: 100 });
    expectMatchesSpec('GET', '/v1/climate/products', products);
    expect(products.data.length).toBeGreaterThanOrEqual(4);
    const suppliers = await s.stripe.climate.suppliers.list({ limit: 100 });
    expectMatchesSpec('GET', '/v1/climate/suppliers', suppliers);
    expect(suppliers.data.map((x) => x.removal_pathway)).toContain('marine_carbon_removal');
    const charm = await s.stripe.climate.suppliers.retrieve('climsup_charm_industrial');
    expectMatchesSpec('GET', '/v1/climate/suppliers/{supplier}', charm);
    expect(charm.info_url).toBe('https://frontierclimate.com/portfolio/charm-industrial');
    const missing = await s.refused(s.stripe.climate.products.retrieve('climsku_nope'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'product' });
  });
});

describe('orders', () => {
  test("0.01 t of Stripe's example costs 550 + 17 = 567, born confirmed; availability goes down exactly", async () => {
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('0.01'), beneficiary: { public_name: 'Ada Ltd' }, metadata: { ref: '7' } });
    expectMatchesSpec('POST', '/v1/climate/orders', order);
    expect(order).toMatchObject({
      status: 'confirmed',
      amount_subtotal: 550,
      amount_fees: 17,
      amount_total: 567,
      currency: 'usd',
      expected_delivery_year: 2027,
      beneficiary: { public_name: 'Ada Ltd' },
      metadata: { ref: '7' },
      delivery_details: [],
    });
    expect(String(order.metric_tons)).toBe('0.01');
    expect(order.confirmed_at).toBe(order.created);
    expect(await s.available(FRONTIER)).toBe('17999.99');
    expectMatchesSpec('GET', ORDER, await s.stripe.climate.orders.retrieve(order.id));
    const list = await s.stripe.climate.orders.list();
    expectMatchesSpec('GET', '/v1/climate/orders', list);
    expect(list.data[0].id).toBe(order.id);
    expect((await s.events('climate.order.created')).map((e) => (e.data.object as { id: string }).id)).toContain(order.id);
  });

  test('an order by amount spends exactly that amount, fees included', async () => {
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, amount: 567 });
    expect(order).toMatchObject({ amount_total: 567, amount_fees: 17, amount_subtotal: 550 });
    expect(String(order.metric_tons)).toBe('0.01');
  });

  test('bad orders are refused and change nothing', async () => {
    const before = await s.available(FRONTIER);
    const count = (await s.stripe.climate.orders.list({ limit: 100 })).data.length;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ product: 'climsku_missing', metric_tons: '1' }, 404, 'product'],
      [{ product: FRONTIER }, 400, 'metric_tons'],
      [{ product: FRONTIER, metric_tons: '1', amount: 100 }, 400, 'metric_tons'],
      [{ product: FRONTIER, metric_tons: 'a lot' }, 400, 'metric_tons'],
      [{ product: FRONTIER, metric_tons: '-1' }, 400, 'metric_tons'],
      [{ product: FRONTIER, metric_tons: '18001' }, 400, 'metric_tons'],
      [{ product: 'climsku_sandbox_marine_removal_2029', metric_tons: '250.001' }, 400, 'metric_tons'],
      [{ product: FRONTIER, metric_tons: '2000' }, 400, 'metric_tons'],
      [{ product: FRONTIER, metric_tons: '1', currency: 'eur' }, 400, 'currency'],
      [{ product: FRONTIER, amount: 0 }, 400, 'amount'],
    ];
    for (const [params, status, param] of cases) {
      const e = await s.refused(s.stripe.climate.orders.create(params as never));
      expect(e, JSON.stringify(params)).toMatchObject({ statusCode: status, param });
    }
    expect(await s.available(FRONTIER)).toBe(before);
    expect((await s.stripe.climate.orders.list({ limit: 100 })).data.length).toBe(count);
  });

  test('update changes beneficiary and metadata while the order is open to change', async () => {
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('1') });
    const updated = await s.stripe.climate.orders.update(order.id, { beneficiary: { public_name: 'Grace plc' }, metadata: { a: '1' } });
    expectMatchesSpec('POST', ORDER, updated);
    expect(updated).toMatchObject({ beneficiary: { public_name: 'Grace plc' }, metadata: { a: '1' } });
    const cleared = await s.stripe.climate.orders.update(order.id, { beneficiary: '' });
    expect(cleared.beneficiary).toBeUndefined();
  });

  test('cancel within 24 hours: canceled as requested, the subtotal refunded, the tons back', async () => {
    const before = await s.available(FRONTIER);
    const ledger0 = (await s.control('GET', '/climate/ledger')).body.currencies.usd ?? { refunded: 0 };
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('2') });
    await s.advance(23 * 3600);
    const canceled = await s.stripe.climate.orders.cancel(order.id);
    expectMatchesSpec('POST', '/v1/climate/orders/{order}/cancel', canceled);
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested' });
    expect(canceled.canceled_at).toBe(order.created + 23 * 3600);
    expect(await s.available(FRONTIER)).toBe(before);
    const ledger = (await s.control('GET', '/climate/ledger')).body.currencies.usd;
    expect(ledger.refunded - ledger0.refunded).toBe(order.amount_subtotal);
    const again = await s.refused(s.stripe.climate.orders.cancel(order.id));
    expect(again.statusCode).toBe(400);
    const edit = await s.refused(s.stripe.climate.orders.update(order.id, { metadata: { x: 'y' } }));
    expect(edit.statusCode).toBe(400);
    expect(await s.stripe.climate.orders.retrieve(order.id)).toEqual(canceled);
  });

  test('past 24 hours a cancel is a 400 and the order stays confirmed', async () => {
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('1') });
    await s.advance(24 * 3600 + 1);
    const late = await s.refused(s.stripe.climate.orders.cancel(order.id));
    expect(late.statusCode).toBe(400);
    expect((await s.stripe.climate.orders.retrieve(order.id)).status).toBe('confirmed');
  });
});

describe("Frontier's side, through controls", () => {
  test('deliver sets delivered_at, a certificate and delivery details per supplier; then nothing else moves it', async () => {
    const order = await s.stripe.climate.orders.create({ product: 'climsku_sandbox_marine_removal_2029', metric_tons: tons('1') });
    const res = await s.control('POST', `/climate/orders/${order.id}/deliver`);
    expect(res.status).toBe(200);
    const delivered = await s.stripe.climate.orders.retrieve(order.id);
    expectMatchesSpec('GET', ORDER, delivered);
    expect(delivered.status).toBe('delivered');
    expect(delivered.certificate).toMatch(/^https:\/\//);
    expect(delivered.delivery_details.map((d) => [d.supplier.id, String(d.metric_tons)])).toEqual([
      ['climsup_sandbox_tidewater', '0.5'],
      ['climsup_sandbox_basalt_fields', '0.5'],
    ]);
    for (const act of ['deliver', 'delay', 'substitute', 'cancel_by_supplier']) {
      const again = await s.control('POST', `/climate/orders/${order.id}/${act}`);
      expect(again.status, act).toBe(400);
      expect(again.body.error.type).toBe('invalid_request_error');
    }
    expect(await s.stripe.climate.orders.retrieve(order.id)).toEqual(delivered);
    expect((await s.events('climate.order.delivered')).length).toBe(1);
  });

  test('delay moves expected_delivery_year later and sets delayed_at', async () => {
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('1') });
    const res = await s.control('POST', `/climate/orders/${order.id}/delay`, { expected_delivery_year: 2029 });
    expect(res.body).toMatchObject({ status: 'confirmed', expected_delivery_year: 2029 });
    expect(res.body.delayed_at).toEqual(expect.any(Number));
    const earlier = await s.control('POST', `/climate/orders/${order.id}/delay`, { expected_delivery_year: 2028 });
    expect(earlier).toMatchObject({ status: 400, body: { error: { param: 'expected_delivery_year' } } });
    const [event] = (await s.events('climate.order.delayed')).slice(-1);
    expect(event.data.previous_attributes).toMatchObject({ expected_delivery_year: 2027, delayed_at: null });
  });

  test('substitute swaps in another product; the order keeps its price; the tons move between products', async () => {
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('3') });
    const dacBefore = await s.available('climsku_sandbox_direct_air_capture_2030');
    const frontierBefore = await s.available(FRONTIER);
    const res = await s.control('POST', `/climate/orders/${order.id}/substitute`, { product: 'climsku_sandbox_direct_air_capture_2030' });
    expect(res.body).toMatchObject({ product: 'climsku_sandbox_direct_air_capture_2030', amount_total: order.amount_total, expected_delivery_year: 2030 });
    expect(res.body.product_substituted_at).toEqual(expect.any(Number));
    expect(await s.available('climsku_sandbox_direct_air_capture_2030')).toBe(String(Number(dacBefore) - 3));
    expect(await s.available(FRONTIER)).toBe(String(Number(frontierBefore) + 3));
    expect((await s.events('climate.order.product_substituted')).length).toBe(1);
  });

  test('cancel_by_supplier cancels with product_unavailable and refunds the whole total', async () => {
    const ledger0 = (await s.control('GET', '/climate/ledger')).body.currencies.usd;
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('1') });
    const res = await s.control('POST', `/climate/orders/${order.id}/cancel_by_supplier`);
    expect(res.body).toMatchObject({ status: 'canceled', cancellation_reason: 'product_unavailable' });
    const ledger = (await s.control('GET', '/climate/ledger')).body.currencies.usd;
    expect(ledger.refunded - ledger0.refunded).toBe(order.amount_total);
  });

  test('a price change reaches new orders only; climate.product.pricing_updated names the old price', async () => {
    const old = await s.stripe.climate.orders.create({ product: 'climsku_sandbox_enhanced_weathering_2026', metric_tons: tons('1') });
    const res = await s.control('POST', '/climate/products/climsku_sandbox_enhanced_weathering_2026/pricing', { currency: 'usd', amount_subtotal: 50000 });
    expect(res.body.current_prices_per_metric_ton.usd).toEqual({ amount_subtotal: 50000, amount_fees: 1500, amount_total: 51500 });
    const fresh = await s.stripe.climate.orders.create({ product: 'climsku_sandbox_enhanced_weathering_2026', metric_tons: tons('1') });
    expect(fresh.amount_total).toBe(51500);
    expect((await s.stripe.climate.orders.retrieve(old.id)).amount_total).toBe(41200);
    const [event] = await s.events('climate.product.pricing_updated');
    expect(event.data.previous_attributes).toEqual({ current_prices_per_metric_ton: { usd: { amount_subtotal: 40000, amount_fees: 1200, amount_total: 41200 } } });
  });

  test('a product added to the catalogue emits climate.product.created', async () => {
    const res = await s.control('POST', '/climate/products', {
      id: 'climsku_sandbox_biochar_2028',
      name: 'Biochar 2028 (sandbox)',
      delivery_year: 2028,
      metric_tons_available: '100',
      current_prices_per_metric_ton: { usd: { amount_subtotal: 20000 } },
      suppliers: ['climsup_charm_industrial'],
    });
    expect(res.status).toBe(200);
    expectMatchesSpec('GET', '/v1/climate/products/{product}', await s.stripe.climate.products.retrieve('climsku_sandbox_biochar_2028'));
    expect((await s.events('climate.product.created')).length).toBe(1);
  });
});

describe('a sandbox nobody used for Climate', () => {
  test('holds no climate objects until something changes; reads write nothing; the catalogue is served throughout', async () => {
    const fresh = await startClimate();
    try {
      const types = (await fresh.control('GET', '/dashboard/types')).body.data.map((t: { type: string }) => t.type);
      expect(types.filter((t: string) => t.startsWith('climate.'))).toEqual([]);
      const refused = await fresh.refused(fresh.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('999999') }));
      expect(refused.statusCode).toBe(400);
      expect(await fresh.available(FRONTIER)).toBe('18000');
      expect((await fresh.stripe.climate.products.list({ limit: 100 })).data.length).toBeGreaterThanOrEqual(4);
      const stillEmpty = (await fresh.control('GET', '/dashboard/types')).body.data.map((t: { type: string }) => t.type);
      expect(stillEmpty.filter((t: string) => t.startsWith('climate.'))).toEqual([]);
      const order = await fresh.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('1') }, {});
      const expanded = await fresh.stripe.climate.orders.retrieve(order.id, { expand: ['product'] });
      expect(expanded.product).toMatchObject({ id: FRONTIER, object: 'climate.product' });
      expect(String((expanded.product as { metric_tons_available: unknown }).metric_tons_available)).toBe('17999');
    } finally {
      await fresh.close();
    }
  });
});
