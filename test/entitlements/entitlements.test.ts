import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec, expectObjectMatchesSchema } from '../support/openapi.js';
import { DAY, startBilling, type BillingServer } from '../billing/support.js';

let s: BillingServer;
beforeAll(async () => {
  s = await startBilling();
});
afterAll(() => s.close());

let keys = 0;
const feature = (name = 'Feature') => s.stripe.entitlements.features.create({ name, lookup_key: `key_${++keys}_${Date.now()}` });
const active = async (customer: string) => (await s.stripe.entitlements.activeEntitlements.list({ customer, limit: 100 })).data.map((e) => e.lookup_key).sort();
const summaries = async (customer: string) =>
  (await s.events('entitlements.active_entitlement_summary.updated')).filter((e) => (e.data.object as { customer: string }).customer === customer);

describe('features', () => {
  test('create, retrieve, list with filters, update and archive a feature', async () => {
    const f = await s.stripe.entitlements.features.create({ name: 'SSO', lookup_key: 'sso', metadata: { team: 'id' } });
    expectMatchesSpec('POST', '/v1/entitlements/features', f);
    expect(f).toMatchObject({ object: 'entitlements.feature', active: true, lookup_key: 'sso', name: 'SSO', livemode: false });
    expect(f.id).toMatch(/^feat_test_/);
    expectMatchesSpec('GET', '/v1/entitlements/features/{id}', await s.stripe.entitlements.features.retrieve(f.id));
    const renamed = await s.stripe.entitlements.features.update(f.id, { name: 'Single sign-on', metadata: { team: '' } });
    expectMatchesSpec('POST', '/v1/entitlements/features/{id}', renamed);
    expect(renamed).toMatchObject({ name: 'Single sign-on', metadata: {} });
    const byKey = await s.stripe.entitlements.features.list({ lookup_key: 'sso' });
    expectMatchesSpec('GET', '/v1/entitlements/features', byKey);
    expect(byKey.data.map((x) => x.id)).toEqual([f.id]);
    const archived = await s.stripe.entitlements.features.update(f.id, { active: false });
    expect(archived.active).toBe(false);
    expect((await s.stripe.entitlements.features.list({ lookup_key: 'sso' })).data).toEqual([]);
    expect((await s.stripe.entitlements.features.list({ archived: true })).data.map((x) => x.id)).toContain(f.id);
  });

  test('an archived feature cannot be edited or unarchived, and changes nothing', async () => {
    const f = await feature('Old');
    const archived = await s.stripe.entitlements.features.update(f.id, { active: false });
    for (const params of [{ name: 'New' }, { active: true }, { metadata: { a: 'b' } }]) {
      const e = await s.refused(s.stripe.entitlements.features.update(f.id, params));
      expect(e, JSON.stringify(params)).toMatchObject({ statusCode: 400, type: 'invalid_request_error' });
    }
    expect(await s.stripe.entitlements.features.retrieve(f.id)).toEqual(archived);
  });

  test('lookup_key is unique among features that are not archived, and at most 80 characters', async () => {
    const f = await s.stripe.entitlements.features.create({ name: 'A', lookup_key: 'reused' });
    const dup = await s.refused(s.stripe.entitlements.features.create({ name: 'B', lookup_key: 'reused' }));
    expect(dup).toMatchObject({ statusCode: 400, param: 'lookup_key' });
    await s.stripe.entitlements.features.update(f.id, { active: false });
    const again = await s.stripe.entitlements.features.create({ name: 'B', lookup_key: 'reused' });
    expect(again.lookup_key).toBe('reused');
    const long = await s.refused(s.stripe.entitlements.features.create({ name: 'C', lookup_key: 'x'.repeat(81) }));
    expect(long).toMatchObject({ statusCode: 400, param: 'lookup_key' });
    const missing = await s.refused(s.stripe.entitlements.features.create({ name: 'D' } as never));
    expect(missing).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'lookup_key' });
    expect((await s.stripe.entitlements.features.list({ lookup_key: 'x'.repeat(81) })).data).toEqual([]);
  });
});

describe('product features', () => {
  test('attach, list, retrieve and detach a feature; the response embeds the whole Feature', async () => {
    const { product } = await s.plan('Team');
    const f = await feature('Audit log');
    const pf = await s.stripe.products.createFeature(product.id, { entitlement_feature: f.id });
    expectMatchesSpec('POST', '/v1/products/{product}/features', pf);
    expect(pf).toMatchObject({ object: 'product_feature', entitlement_feature: { id: f.id, lookup_key: f.lookup_key, object: 'entitlements.feature' } });
    const list = await s.stripe.products.listFeatures(product.id);
    expectMatchesSpec('GET', '/v1/products/{product}/features', list);
    expect(list.data.map((x) => x.id)).toEqual([pf.id]);
    expectMatchesSpec('GET', '/v1/products/{product}/features/{id}', await s.stripe.products.retrieveFeature(product.id, pf.id));
    const del = await s.stripe.products.deleteFeature(product.id, pf.id);
    expectMatchesSpec('DELETE', '/v1/products/{product}/features/{id}', del);
    expect(del).toEqual({ id: pf.id, object: 'product_feature', deleted: true });
    expect((await s.stripe.products.listFeatures(product.id)).data).toEqual([]);
  });

  test('missing product or feature is resource_missing naming the right param; duplicates and archived features are refused', async () => {
    const { product } = await s.plan('Refusals');
    const f = await feature();
    expect(await s.refused(s.stripe.products.createFeature('prod_missing', { entitlement_feature: f.id }))).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'product' });
    expect(await s.refused(s.stripe.products.createFeature(product.id, { entitlement_feature: 'feat_test_missing' }))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'entitlement_feature',
    });
    expect(await s.refused(s.stripe.products.listFeatures('prod_missing'))).toMatchObject({ statusCode: 404, param: 'product' });
    expect(await s.refused(s.stripe.products.deleteFeature(product.id, 'prodft_missing'))).toMatchObject({ statusCode: 404, param: 'id' });
    await s.stripe.products.createFeature(product.id, { entitlement_feature: f.id });
    expect(await s.refused(s.stripe.products.createFeature(product.id, { entitlement_feature: f.id }))).toMatchObject({ statusCode: 400, param: 'entitlement_feature' });
    const old = await feature();
    await s.stripe.entitlements.features.update(old.id, { active: false });
    expect(await s.refused(s.stripe.products.createFeature(product.id, { entitlement_feature: old.id }))).toMatchObject({ statusCode: 400, param: 'entitlement_feature' });
    expect((await s.stripe.products.listFeatures(product.id)).data).toHaveLength(1);
  });
});

async function planWith(...features: Stripe.Entitlements.Feature[]) {
  const plan = await s.plan('Plan');
  for (const f of features) await s.stripe.products.createFeature(plan.product.id, { entitlement_feature: f.id });
  return plan;
}

describe('active entitlements', () => {
  test('a subscription grants its products’ features: one entitlement per feature, lookup_key copied, summary event sent', async () => {
    const a = await feature('A');
    const b = await feature('B');
    const plan = await planWith(a, b);
    const customer = await s.customer();
    expect(await active(customer.id)).toEqual([]);
    await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: plan.price.id }] });
    const list = await s.stripe.entitlements.activeEntitlements.list({ customer: customer.id });
    expectMatchesSpec('GET', '/v1/entitlements/active_entitlements', list);
    expect(list.data.map((e) => e.feature).sort()).toEqual([a.id, b.id].sort());
    expect(await active(customer.id)).toEqual([a.lookup_key, b.lookup_key].sort());
    const one = await s.stripe.entitlements.activeEntitlements.retrieve(list.data[0].id);
    expectMatchesSpec('GET', '/v1/entitlements/active_entitlements/{id}', one);
    expect(one).toEqual(list.data[0]);
    const [event] = await summaries(customer.id);
    expect(event.data.object).toMatchObject({ object: 'entitlements.active_entitlement_summary', customer: customer.id, livemode: false, entitlements: { object: 'list', has_more: false } });
    for (const e of (event.data.object as any).entitlements.data) expectObjectMatchesSchema('entitlements.active_entitlement', e);
    expect((event.data.previous_attributes as any).entitlements.data).toEqual([]);
  });

  test('two subscriptions granting one feature give one entitlement; it goes only when both are canceled', async () => {
    const shared = await feature('Shared');
    const p1 = await planWith(shared);
    const p2 = await planWith(shared);
    const customer = await s.customer();
    const s1 = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: p1.price.id }] });
    const s2 = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: p2.price.id }] });
    const list = await s.stripe.entitlements.activeEntitlements.list({ customer: customer.id });
    expect(list.data).toHaveLength(1);
    expect(await summaries(customer.id)).toHaveLength(1);
    await s.stripe.subscriptions.cancel(s1.id);
    expect(await active(customer.id)).toEqual([shared.lookup_key]);
    expect(await summaries(customer.id)).toHaveLength(1);
    await s.stripe.subscriptions.cancel(s2.id);
    expect(await active(customer.id)).toEqual([]);
    const events = await summaries(customer.id);
    expect(events).toHaveLength(2);
    expect((events[1].data.previous_attributes as any).entitlements.data.map((e: any) => e.lookup_key)).toEqual([shared.lookup_key]);
    expect(await s.refused(s.stripe.entitlements.activeEntitlements.retrieve(list.data[0].id))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  test('a trialing subscription grants; cancel_at_period_end keeps granting until the period ends', async () => {
    const f = await feature('Trial');
    const plan = await planWith(f);
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: plan.price.id }], trial_period_days: 7 });
    expect(await active(customer.id)).toEqual([f.lookup_key]);
    await s.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(await active(customer.id)).toEqual([f.lookup_key]);
    await s.advance(7 * DAY);
    expect(await active(customer.id)).toEqual([]);
  });

  test('a feature attached later reaches an existing subscription at its next period, not before', async () => {
    const first = await feature('First');
    const later = await feature('Later');
    const plan = await planWith(first);
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: plan.price.id }] });
    await s.stripe.products.createFeature(plan.product.id, { entitlement_feature: later.id });
    expect(await active(customer.id)).toEqual([first.lookup_key]);
    // A new subscriber gets it at once.
    const other = await s.customer();
    await s.stripe.subscriptions.create({ customer: other.id, items: [{ price: plan.price.id }] });
    expect(await active(other.id)).toEqual([first.lookup_key, later.lookup_key].sort());
    const end = sub.items.data[0].current_period_end;
    await s.advance(end - (await s.control('GET', '/clock')).body.now);
    expect(await active(customer.id)).toEqual([first.lookup_key, later.lookup_key].sort());
  });

  test('detaching a feature from a product takes it away now', async () => {
    const f = await feature('Detached');
    const plan = await planWith(f);
    const customer = await s.customer();
    await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: plan.price.id }] });
    const [pf] = (await s.stripe.products.listFeatures(plan.product.id)).data;
    await s.stripe.products.deleteFeature(plan.product.id, pf.id);
    expect(await active(customer.id)).toEqual([]);
  });

  test('updating items grants a new product’s features at once and drops the removed one’s', async () => {
    const a = await feature('Basic');
    const b = await feature('Premium');
    const basic = await planWith(a);
    const premium = await planWith(b);
    const customer = await s.customer();
    const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: basic.price.id }] });
    await s.stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0].id, price: premium.price.id }] });
    expect(await active(customer.id)).toEqual([b.lookup_key]);
    const [, event] = await summaries(customer.id);
    expect((event.data.previous_attributes as any).entitlements.data.map((e: any) => e.lookup_key)).toEqual([a.lookup_key]);
  });

  test('the grant and revoke controls move entitlements without a subscription', async () => {
    const f = await feature('Demo');
    const plan = await planWith(f);
    const customer = await s.customer();
    const granted = await s.control('POST', `/entitlements/customers/${customer.id}/grant`, { product: plan.product.id });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ object: 'entitlements.active_entitlement_summary', customer: customer.id });
    expect(await active(customer.id)).toEqual([f.lookup_key]);
    await s.control('POST', `/entitlements/customers/${customer.id}/revoke`, { product: plan.product.id });
    expect(await active(customer.id)).toEqual([]);
    expect(await summaries(customer.id)).toHaveLength(2);
    const missing = await s.control('POST', `/entitlements/customers/${customer.id}/grant`, { product: 'prod_missing' });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'resource_missing', param: 'product' } } });
    const noCustomer = await s.control('POST', '/entitlements/customers/cus_missing/grant', { product: plan.product.id });
    expect(noCustomer).toMatchObject({ status: 404, body: { error: { param: 'customer' } } });
  });

  test('the list needs a customer that exists, and pages by cursor', async () => {
    const missing = await s.refused(s.stripe.entitlements.activeEntitlements.list({} as never));
    expect(missing).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'customer' });
    expect(await s.refused(s.stripe.entitlements.activeEntitlements.list({ customer: 'cus_missing' }))).toMatchObject({ statusCode: 404, param: 'customer' });
    const fs = [await feature('p1'), await feature('p2'), await feature('p3')];
    const plan = await planWith(...fs);
    const customer = await s.customer();
    await s.stripe.subscriptions.create({ customer: customer.id, items: [{ price: plan.price.id }] });
    const first = await s.stripe.entitlements.activeEntitlements.list({ customer: customer.id, limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const rest = await s.stripe.entitlements.activeEntitlements.list({ customer: customer.id, limit: 2, starting_after: first.data[1].id });
    expect(rest.data).toHaveLength(1);
    expect(rest.has_more).toBe(false);
    const all = [];
    for await (const e of s.stripe.entitlements.activeEntitlements.list({ customer: customer.id, limit: 1 })) all.push(e.id);
    expect(new Set(all).size).toBe(3);
  });
});
