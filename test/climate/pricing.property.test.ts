import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { D, quoteForAmount, quoteForTons, tonPrice } from '../../src/engine/resources/climate/pricing.js';
import { FRONTIER, startClimate, tons, type ClimateServer } from './support.js';

const SCALE = 10n ** 12n;

/** A decimal string as an integer count of 10⁻¹² tons: the oracle works in BigInt, never in floats. */
function scaled(value: string): bigint {
  const [whole, frac = ''] = value.split('.');
  return BigInt(whole) * SCALE + BigInt(frac.padEnd(12, '0'));
}

/** n / SCALE rounded half up, in BigInt. */
function roundHalfUp(n: bigint): number {
  return Number((n * 2n + SCALE) / (2n * SCALE));
}

const tonStrings = fc
  .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 4 }))
  .map(([whole, frac, places]) => (places === 0 ? String(whole) : `${whole}.${String(frac).padStart(4, '0').slice(0, places)}`))
  .filter((t) => scaled(t) > 0n);

const prices = fc.integer({ min: 100, max: 200_000 }).map((subtotal) => tonPrice(subtotal));

describe('climate amounts (properties)', () => {
  test('by tons: subtotal and fees are each the exact product rounded half up, and sum to the total', () => {
    fc.assert(
      fc.property(tonStrings, prices, (t, price) => {
        const q = quoteForTons(price, new D(t));
        expect(q.amount_subtotal).toBe(roundHalfUp(scaled(t) * BigInt(price.amount_subtotal)));
        expect(q.amount_fees).toBe(roundHalfUp(scaled(t) * BigInt(price.amount_fees)));
        expect(q.amount_total).toBe(q.amount_subtotal + q.amount_fees);
        expect(scaled(q.metric_tons)).toBe(scaled(t));
      }),
      { numRuns: 500 },
    );
  });

  test('by amount: the total is the amount exactly, and the tons never buy more than the subtotal pays for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), prices, (amount, price) => {
        const q = quoteForAmount(price, amount);
        expect(q.amount_total).toBe(amount);
        expect(q.amount_subtotal + q.amount_fees).toBe(amount);
        const paidFor = scaled(q.metric_tons) * BigInt(price.amount_subtotal);
        expect(paidFor <= BigInt(q.amount_subtotal) * SCALE).toBe(true);
        // Cut at 12 places: at most one 10⁻¹² ton short.
        expect(BigInt(q.amount_subtotal) * SCALE - paidFor < BigInt(price.amount_subtotal)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test("the per-ton fee rule reproduces Stripe's example: 55000 → 1650, and 0.01 t → 550 + 17", () => {
    expect(tonPrice(55_000)).toEqual({ amount_subtotal: 55_000, amount_fees: 1_650, amount_total: 56_650 });
    expect(quoteForTons(tonPrice(55_000), new D('0.01'))).toEqual({ metric_tons: '0.01', amount_subtotal: 550, amount_fees: 17, amount_total: 567 });
  });
});

describe('climate orders through the API (properties)', () => {
  let s: ClimateServer;
  beforeAll(async () => {
    s = await startClimate();
  });
  afterAll(() => s.close());

  test('availability falls by exactly the tons ordered, and a cancel gives exactly those back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(tonStrings, fc.boolean()), { minLength: 1, maxLength: 6 }), async (orders) => {
        const start = scaled(await s.available(FRONTIER));
        let expected = start;
        for (const [t, cancel] of orders) {
          const order = await s.stripe.climate.orders.create({ product: FRONTIER, metric_tons: tons(t) });
          expect(order.amount_total).toBe(order.amount_subtotal + order.amount_fees);
          expected -= scaled(t);
          if (cancel) {
            await s.stripe.climate.orders.cancel(order.id);
            expected += scaled(t);
          }
          expect(scaled(await s.available(FRONTIER))).toBe(expected);
        }
      }),
      { numRuns: 15 },
    );
  });
});
