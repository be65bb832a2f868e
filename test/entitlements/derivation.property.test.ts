import fc from 'fast-check';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBilling, type BillingServer } from '../billing/support.js';

let s: BillingServer;
let features: Stripe.Entitlements.Feature[];
let plans: { product: string; price: string; features: Set<string> }[];

// Four features spread over four products (one with none); attached before any subscription, so timing plays no part.
const LAYOUT = [[0, 1], [1, 2], [3], []];

beforeAll(async () => {
  s = await startBilling();
  features = [];
  for (let i = 0; i < 4; i++) features.push(await s.stripe.entitlements.features.create({ name: `F${i}`, lookup_key: `derive_${i}` }));
  plans = [];
  for (const attached of LAYOUT) {
    const { product, price } = await s.plan('Derived');
    for (const i of attached) await s.stripe.products.createFeature(product.id, { entitlement_feature: features[i].id });
    plans.push({ product: product.id, price: price.id, features: new Set(attached.map((i) => features[i].id)) });
  }
});
afterAll(() => s.close());

type Step = { kind: 'subscribe'; plans: number[] } | { kind: 'cancel'; which: number } | { kind: 'swap'; which: number; plan: number };

const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('subscribe' as const), plans: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), which: fc.nat(), plan: fc.integer({ min: 0, max: 3 }) }),
  ),
  { minLength: 1, maxLength: 7 },
);

describe('active entitlements are derived from subscriptions (property)', () => {
  test('after any sequence of subscribes, cancels and item swaps, the set is the union over live subscriptions, once per feature; a summary fires exactly when it changes', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence: Step[]) => {
        const customer = await s.customer();
        const live: { id: string; items: { id: string; plan: number }[] }[] = [];
        const expectedSet = () => new Set(live.flatMap((sub) => sub.items.flatMap((it) => [...plans[it.plan].features])));
        let previous = new Set<string>();
        let changes = 0;
        for (const step of sequence) {
          if (step.kind === 'subscribe') {
            const sub = await s.stripe.subscriptions.create({ customer: customer.id, items: step.plans.map((p) => ({ price: plans[p].price })) });
            live.push({ id: sub.id, items: sub.items.data.map((it, i) => ({ id: it.id, plan: step.plans[i] })) });
          } else if (live.length > 0 && step.kind === 'cancel') {
            const [sub] = live.splice(step.which % live.length, 1);
            await s.stripe.subscriptions.cancel(sub.id);
          } else if (live.length > 0 && step.kind === 'swap') {
            const sub = live[step.which % live.length];
            if (sub.items.some((it) => it.plan === step.plan)) continue;
            const updated = await s.stripe.subscriptions.update(sub.id, { items: [{ id: sub.items[0].id, price: plans[step.plan].price }] });
            sub.items[0] = { id: updated.items.data[0].id, plan: step.plan };
          }
          const want = expectedSet();
          if ([...want].sort().join() !== [...previous].sort().join()) changes++;
          previous = want;
          const got = (await s.stripe.entitlements.activeEntitlements.list({ customer: customer.id, limit: 100 })).data;
          expect(got.map((e) => e.feature).sort()).toEqual([...want].sort());
          expect(new Set(got.map((e) => e.id)).size).toBe(got.length);
          for (const e of got) expect(e.lookup_key).toBe(features.find((f) => f.id === e.feature)!.lookup_key);
        }
        const events = (await s.events('entitlements.active_entitlement_summary.updated')).filter(
          (e) => (e.data.object as { customer: string }).customer === customer.id,
        );
        expect(events).toHaveLength(changes);
      }),
      { numRuns: 12 },
    );
  });
});
