import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FRONTIER, startClimate, tons, type ClimateServer } from './support.js';

let s: ClimateServer;
beforeAll(async () => {
  s = await startClimate();
});
afterAll(() => s.close());

const actionsOf = async (id: string) => ((await s.control('GET', `/dashboard/objects/${id}`)).body.actions as { name: string; path: string }[]).map((a) => a.name);

describe('climate order actions in the dashboard', () => {
  test('a confirmed order offers every move; each button works; a delivered one offers none', async () => {
    const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons('1') });
    expect(await actionsOf(order.id)).toEqual(['cancel', 'deliver', 'delay', 'substitute', 'cancel_by_supplier']);
    const detail = (await s.control('GET', `/dashboard/objects/${order.id}`)).body;
    const delay = detail.actions.find((a: { name: string }) => a.name === 'delay');
    expect((await s.control('POST', delay.path.replace('/_counterfoil', ''), {})).status).toBe(200);
    const substitute = detail.actions.find((a: { name: string }) => a.name === 'substitute');
    const swapped = await s.control('POST', substitute.path.replace('/_counterfoil', ''), {});
    expect(swapped.status).toBe(200);
    expect(swapped.body.product).not.toBe(FRONTIER);
    await s.control('POST', `/climate/orders/${order.id}/deliver`);
    expect(await actionsOf(order.id)).toEqual([]);
  });

  test('a product offers a price rise; the button reprices it and emits pricing_updated', async () => {
    const product = 'climsku_sandbox_marine_removal_2029';
    const [raise] = (await s.control('GET', `/dashboard/objects/${product}`)).body.actions;
    expect(raise).toMatchObject({ name: 'raise_price', body: { currency: 'usd', amount_subtotal: 49500 } });
    const res = await s.control('POST', raise.path.replace('/_counterfoil', ''), raise.body);
    expect(res.body.current_prices_per_metric_ton.usd).toEqual({ amount_subtotal: 49500, amount_fees: 1485, amount_total: 50985 });
    expect((await s.events('climate.product.pricing_updated')).length).toBe(1);
  });
});
