import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  s = await startServer();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await s.close();
});

describe('webhooks for the groups standing on Billing', () => {
  test('the summary, subscription and climate events reach a subscribed endpoint with a signature constructEvent accepts', async () => {
    const types = ['entitlements.active_entitlement_summary.updated', 'customer.subscription.created', 'climate.order.created'] as const;
    const ep = await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: [...types] });
    const feature = await s.stripe.entitlements.features.create({ name: 'Hooks', lookup_key: 'hooks' });
    const product = await s.stripe.products.create({ name: 'Hooked' });
    await s.stripe.products.createFeature(product.id, { entitlement_feature: feature.id });
    const price = await s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100, recurring: { interval: 'month' } });
    const customer = await s.stripe.customers.create({});
    await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await s.stripe.climate.orders.create({ product: 'climsku_frontier_offtake_portfolio_2027', amount: 1000 });
    await s.engine.drainWebhooks();
    const events = receiver.received.map((r) => s.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, ep.secret!));
    expect(events.map((e) => e.type).sort()).toEqual([...types].sort());
    const summary = events.find((e) => e.type === types[0])!;
    expect(summary.data.object).toMatchObject({ customer: customer.id, entitlements: { data: [{ feature: feature.id, lookup_key: 'hooks' }] } });
    expect(summary.request?.id).toMatch(/^req_/);
  });
});
