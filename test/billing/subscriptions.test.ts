import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { DAY, START, startBilling, type BillingServer } from './support.js';

let s: BillingServer;
beforeAll(async () => {
  s = await startBilling();
});
afterAll(() => s.close());

const ONE = '/v1/subscriptions/{subscription_exposed_id}';

describe('subscriptions', () => {
  test('a subscription starts active with a monthly period on the sandbox clock', async () => {
    const { price } = await s.plan();
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id, quantity: 2 }] });
    expectMatchesSpec('POST', '/v1/subscriptions', sub);
    const now = (await s.control('GET', '/clock')).body.now;
    expect(sub).toMatchObject({ status: 'active', customer: customer.id, currency: 'usd', cancel_at_period_end: false, latest_invoice: null });
    expect(sub.items.data).toHaveLength(1);
    expect(sub.items.data[0]).toMatchObject({ object: 'subscription_item', quantity: 2, price: { id: price.id }, current_period_start: now });
    const item = sub.items.data[0];
    expect(item.current_period_end).toBe(now + 31 * DAY);
    expectMatchesSpec('GET', ONE, await s.stripe.subscriptions.retrieve(sub.id));
    expect((await s.events('customer.subscription.created')).map((e) => (e.data.object as { id: string }).id)).toContain(sub.id);
  });

  test('the period rolls at its end, each time, even when the clock jumps several periods', async () => {
    const { price } = await s.plan('Weekly', { interval: 'week' });
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const start = sub.items.data[0].current_period_start;
    await s.advance(7 * DAY * 3 + 60);
    const rolled = await s.stripe.subscriptions.retrieve(sub.id);
    expect(rolled.status).toBe('active');
    expect(rolled.items.data[0].current_period_start).toBe(start + 3 * 7 * DAY);
    expect(rolled.items.data[0].current_period_end).toBe(start + 4 * 7 * DAY);
    const updates = (await s.events('customer.subscription.updated')).filter((e) => (e.data.object as { id: string }).id === sub.id);
    expect(updates).toHaveLength(3);
    expect(updates[0].data.previous_attributes).toMatchObject({ current_period_start: start, current_period_end: start + 7 * DAY });
    expect(updates[0].request).toEqual({ id: null, idempotency_key: null });
  });

  test('a trial: trialing until trial_end, then active with its first period starting there', async () => {
    const { price } = await s.plan('Trial', { interval: 'month' });
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 14 });
    expect(sub).toMatchObject({ status: 'trialing' });
    expect(sub.trial_end! - sub.trial_start!).toBe(14 * DAY);
    expect(sub.items.data[0].current_period_end).toBe(sub.trial_end);
    await s.advance(14 * DAY);
    const active = await s.stripe.subscriptions.retrieve(sub.id);
    expect(active.status).toBe('active');
    expect(active.items.data[0].current_period_start).toBe(sub.trial_end);
    expect(active.billing_cycle_anchor).toBe(sub.trial_end);
  });

  test('trial_end=now ends a trial at once; on an active subscription it is refused', async () => {
    const { price } = await s.plan();
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 30 });
    const ended = await s.stripe.subscriptions.update(sub.id, { trial_end: 'now' });
    expectMatchesSpec('POST', ONE, ended);
    expect(ended.status).toBe('active');
    const refused = await s.refused(s.stripe.subscriptions.update(sub.id, { trial_end: 'now' }));
    expect(refused).toMatchObject({ statusCode: 400, param: 'trial_end' });
  });

  test('cancel_at_period_end cancels when the period ends; it can be taken back before', async () => {
    const { price } = await s.plan();
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const end = sub.items.data[0].current_period_end;
    const pending = await s.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(pending).toMatchObject({ status: 'active', cancel_at_period_end: true, cancel_at: end });
    const kept = await s.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(kept).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });
    await s.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await s.advance(end - (await s.control('GET', '/clock')).body.now);
    const canceled = await s.stripe.subscriptions.retrieve(sub.id);
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: end, cancellation_details: { reason: 'cancellation_requested' } });
    expect((await s.events('customer.subscription.deleted')).map((e) => (e.data.object as { id: string }).id)).toContain(sub.id);
  });

  test('DELETE cancels at once; a canceled subscription cannot be canceled or changed again', async () => {
    const { price } = await s.plan();
    const other = await s.plan('Other');
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const canceled = await s.stripe.subscriptions.cancel(sub.id, { cancellation_details: { comment: 'too pricey' } });
    expectMatchesSpec('DELETE', ONE, canceled);
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_details: { comment: 'too pricey', reason: 'cancellation_requested' } });
    const again = await s.refused(s.stripe.subscriptions.cancel(sub.id));
    expect(again).toMatchObject({ statusCode: 400, type: 'invalid_request_error' });
    const change = await s.refused(s.stripe.subscriptions.update(sub.id, { items: [{ price: other.price.id }] }));
    expect(change.statusCode).toBe(400);
    expect(await s.stripe.subscriptions.retrieve(sub.id)).toEqual(canceled);
    const tagged = await s.stripe.subscriptions.update(sub.id, { metadata: { note: 'churned' } });
    expect(tagged.metadata).toEqual({ note: 'churned' });
  });

  test('update items: add, change the price of, and remove items', async () => {
    const a = await s.plan('A');
    const b = await s.plan('B');
    const c = await s.plan('C');
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: a.price.id }] });
    const added = await s.stripe.subscriptions.update(sub.id, { items: [{ price: b.price.id }] });
    expect(added.items.data.map((i) => i.price.id)).toEqual([a.price.id, b.price.id]);
    const first = added.items.data[0].id;
    const swapped = await s.stripe.subscriptions.update(sub.id, { items: [{ id: first, price: c.price.id }, { id: added.items.data[1].id, deleted: true }] });
    expectMatchesSpec('POST', ONE, swapped);
    expect(swapped.items.data.map((i) => [i.id, i.price.id])).toEqual([[first, c.price.id]]);
    const empty = await s.refused(s.stripe.subscriptions.update(sub.id, { items: [{ id: first, deleted: true }] }));
    expect(empty).toMatchObject({ statusCode: 400, param: 'items' });
    const dup = await s.refused(s.stripe.subscriptions.update(sub.id, { items: [{ price: c.price.id }] }));
    expect(dup).toMatchObject({ statusCode: 400, param: 'items' });
    expect((await s.stripe.subscriptions.retrieve(sub.id)).items.data.map((i) => i.price.id)).toEqual([c.price.id]);
  });

  test('list filters: customer, price, status (default leaves canceled out)', async () => {
    const { price } = await s.plan('Listed');
    const customer = await s.customer();
    const live = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const gone = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await s.stripe.subscriptions.cancel(gone.id);
    const list = await s.stripe.subscriptions.list({ customer: customer.id });
    expectMatchesSpec('GET', '/v1/subscriptions', list);
    expect(list.data.map((x) => x.id)).toEqual([live.id]);
    expect((await s.stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data.map((x) => x.id)).toEqual([gone.id, live.id]);
    expect((await s.stripe.subscriptions.list({ customer: customer.id, status: 'canceled' })).data.map((x) => x.id)).toEqual([gone.id]);
    expect((await s.stripe.subscriptions.list({ price: price.id, status: 'all' })).data).toHaveLength(2);
    expect((await s.stripe.subscriptions.list({ customer: customer.id, status: 'trialing' })).data).toEqual([]);
  });

  test('bad input is refused with Stripe errors and writes nothing', async () => {
    const { product } = await s.plan('Bad');
    const once = await s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100 });
    const eur = await s.stripe.prices.create({ product: product.id, currency: 'eur', unit_amount: 100, recurring: { interval: 'month' } });
    const usd = await s.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100, recurring: { interval: 'month' } });
    const customer = await s.customer();
    const cases = [
      [{ customer: 'cus_missing', items: [{ price: usd.id }] }, 404, 'customer'],
      [{ customer: customer.id, items: [{ price: 'price_missing' }] }, 404, 'items[0][price]'],
      [{ customer: customer.id, items: [{ price: once.id }] }, 400, 'items[0][price]'],
      [{ customer: customer.id, items: [{ price: usd.id }, { price: eur.id }] }, 400, 'items'],
      [{ customer: customer.id }, 400, 'items'],
      [{ customer: customer.id, items: [{ price: usd.id }], trial_end: START - 1 }, 400, 'trial_end'],
      [{ customer: customer.id, items: [{ price: usd.id }], cancel_at: START + 86_400 }, 400, 'cancel_at'],
    ] as const;
    for (const [params, status, param] of cases) {
      const e = await s.refused(s.stripe.subscriptions.create(params as never));
      expect(e, JSON.stringify(params)).toMatchObject({ statusCode: status, param });
    }
    expect((await s.stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toEqual([]);
    expect(await s.refused(s.stripe.subscriptions.retrieve('sub_missing'))).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
  });

  test('deleting a customer cancels its subscriptions', async () => {
    const { price } = await s.plan();
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await s.stripe.customers.del(customer.id);
    expect((await s.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
  });
});

describe('subscriptions on the sandbox clock', () => {
  test('an advance reports the renewals, trial ends and period-end cancels it ran, each at its own moment', async () => {
    const { price } = await s.plan('Daily', { interval: 'day' });
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 1 });
    const res = await s.control('POST', '/clock/advance', { seconds: 3 * DAY });
    expect(JSON.stringify(res.body)).toContain('subscription trial ended');
    expect(JSON.stringify(res.body)).toContain('subscriptions renewed');
    const updates = (await s.events('customer.subscription.updated')).filter((e) => (e.data.object as { id: string }).id === sub.id);
    expect(updates.map((e) => e.created)).toEqual([sub.trial_end, sub.trial_end! + DAY, sub.trial_end! + 2 * DAY]);
  });
});
