import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBilling, type BillingServer } from './support.js';

let s: BillingServer;
beforeAll(async () => {
  s = await startBilling();
});
afterAll(() => s.close());

const actionsOf = async (id: string) => ((await s.control('GET', `/dashboard/objects/${id}`)).body.actions as { name: string }[]).map((a) => a.name);

describe('subscription actions in the dashboard', () => {
  test('a subscription offers the moves its state allows', async () => {
    const product = await s.stripe.products.create({ name: 'Act' });
    const price = await s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100, recurring: { interval: 'month' } });
    const customer = await s.stripe.customers.create({});
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 3 });
    expect(await actionsOf(sub.id)).toEqual(['end_trial', 'cancel_at_period_end']);
    await s.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(await actionsOf(sub.id)).toEqual(['end_trial', 'resume']);
    await s.stripe.subscriptions.cancel(sub.id);
    expect(await actionsOf(sub.id)).toEqual([]);
  });
});
