import fc from 'fast-check';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxLine } from '../../src/engine/resources/tax/compute.js';
import type { Placement } from '../../src/engine/resources/tax/jurisdictions.js';
import { D, allocate, inclusiveSplit } from '../../src/engine/resources/tax/money.js';
import { startTax, type TaxServer } from './support.js';

const rate = fc.integer({ min: 0, max: 300_000 }).map((n) => new D(n).dividedBy(1_000_000)); // 0%–30%, to 4 decimals of a percent

describe('tax money: exact splits', () => {
  it('tax money: an inclusive amount splits into net and per-jurisdiction tax that add up exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.array(rate, { minLength: 1, maxLength: 4 }), (amount, rates) => {
        const { net, taxes } = inclusiveSplit(amount, rates);
        expect(net + taxes.reduce((a, b) => a + b, 0)).toBe(amount);
        expect(taxes.every((t) => Number.isInteger(t) && t >= 0)).toBe(true);
        expect(Number.isInteger(net) && net >= 0).toBe(true);
      }),
    );
  });

  it('tax money: allocation gives integer parts, never above their exact share rounded up, summing to the whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.array(fc.integer({ min: 0, max: 10 ** 6 }), { minLength: 1, maxLength: 12 }), (whole, weights) => {
        const parts = allocate(whole, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(whole);
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum > 0) {
          parts.forEach((p, i) => {
            const exact = new D(Math.abs(whole)).times(weights[i]).dividedBy(sum);
            expect(Math.abs(p)).toBeLessThanOrEqual(exact.ceil().toNumber());
            expect(Math.abs(p)).toBeGreaterThanOrEqual(exact.floor().toNumber());
          });
        }
      }),
    );
  });

  it('tax money: a line\'s tax is the sum of its jurisdictions, each rounded half up on its own', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), fc.array(rate, { minLength: 1, maxLength: 3 }), fc.boolean(), (amount, rates, inclusive) => {
        const place: Placement = {
          supported: true,
          components: rates.map((r, i) => ({
            jurisdiction: { country: 'CA', display_name: `J${i}`, level: 'state', state: `S${i}` },
            taxType: 'gst',
            displayName: 'GST',
            rate: r,
            collecting: true,
            national: false,
          })),
        };
        const line = taxLine({ amount, taxBehavior: inclusive ? 'inclusive' : 'exclusive', taxCode: 'txcd_99999999' }, place, { exempt: false, reverseCharge: false });
        expect(line.amountTax).toBe(line.breakdown.reduce((a, b) => a + b.amount, 0));
        if (!inclusive) {
          line.breakdown.forEach((b, i) => {
            const exact = new D(amount).times(rates[i]);
            expect(b.amount).toBe(exact.toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber());
          });
        } else {
          const taxed = line.breakdown.filter((b) => b.amount > 0);
          if (taxed.length > 0) expect(taxed[0].taxable_amount + line.amountTax).toBe(amount);
        }
      }),
    );
  });
});

describe('tax money through the API', () => {
  let s: TaxServer;
  beforeAll(async () => {
    s = await startTax();
    await s.activate();
    await s.register('CA', { type: 'standard' });
    await s.register('CA', { type: 'province_standard', province_standard: { province: 'QC' } });
  });
  afterAll(() => s.close());

  const lineArb = fc.record({
    amount: fc.integer({ min: 0, max: 10_000_000 }),
    tax_behavior: fc.constantFrom('exclusive' as const, 'inclusive' as const),
    tax_code: fc.constantFrom('txcd_99999999', 'txcd_00000000', 'txcd_40060003'),
  });

  it('tax money: no line set makes the calculation\'s totals disagree with its lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('QC', 'ON', 'BC', 'AB'),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        async (items, province, shipping) => {
          const calc = await s.stripe.tax.calculations.create({
            currency: 'cad',
            line_items: items.map((l, i) => ({ ...l, reference: `L${i}` })),
            customer_details: { address: { country: 'CA', state: province }, address_source: 'billing' },
            ...(shipping !== undefined ? { shipping_cost: { amount: shipping } } : {}),
          });
          const lines = (await s.stripe.tax.calculations.listLineItems(calc.id!, { limit: 100 })).data;
          const parts: { amount: number; tax: number; inclusive: boolean; breakdown: Stripe.Tax.CalculationLineItem.TaxBreakdown[] }[] = lines.map((l) => ({
            amount: l.amount,
            tax: l.amount_tax,
            inclusive: l.tax_behavior === 'inclusive',
            breakdown: l.tax_breakdown ?? [],
          }));
          if (calc.shipping_cost) {
            parts.push({ amount: calc.shipping_cost.amount, tax: calc.shipping_cost.amount_tax, inclusive: calc.shipping_cost.tax_behavior === 'inclusive', breakdown: calc.shipping_cost.tax_breakdown ?? [] });
          }
          const exclusive = parts.filter((p) => !p.inclusive).reduce((a, p) => a + p.tax, 0);
          const inclusive = parts.filter((p) => p.inclusive).reduce((a, p) => a + p.tax, 0);
          expect(calc.tax_amount_exclusive).toBe(exclusive);
          expect(calc.tax_amount_inclusive).toBe(inclusive);
          expect(calc.amount_total).toBe(parts.reduce((a, p) => a + p.amount, 0) + exclusive);
          expect(calc.tax_breakdown.reduce((a, b) => a + b.amount, 0)).toBe(exclusive + inclusive);
          for (const p of parts) {
            expect(p.breakdown.reduce((a, b) => a + b.amount, 0)).toBe(p.tax);
            // Inclusive: what is taxed plus the tax is the price, exactly.
            const taxed = p.breakdown.find((b) => b.amount > 0);
            if (p.inclusive && taxed) expect(taxed.taxable_amount + p.tax).toBe(p.amount);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  const step = fc.oneof(
    fc.record({ kind: fc.constant('lines' as const), picks: fc.array(fc.record({ line: fc.nat(3), amount: fc.integer({ min: 0, max: 6000 }), tax: fc.integer({ min: 0, max: 500 }) }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('shipping' as const), amount: fc.integer({ min: 0, max: 900 }), tax: fc.integer({ min: 0, max: 200 }) }),
    fc.record({ kind: fc.constant('flat' as const), amount: fc.integer({ min: 1, max: 8000 }) }),
    fc.record({ kind: fc.constant('full' as const) }),
  );

  it('tax money: no sequence of reversals takes back more than was charged, line by line', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        run++;
        const calc = await s.stripe.tax.calculations.create({
          currency: 'cad',
          line_items: [
            { amount: 1999, reference: 'a', tax_behavior: 'exclusive' },
            { amount: 4999, reference: 'b', tax_behavior: 'inclusive' },
            { amount: 250, reference: 'c', tax_behavior: 'exclusive' },
          ],
          shipping_cost: { amount: 799 },
          customer_details: { address: { country: 'CA', state: 'QC' }, address_source: 'billing' },
        });
        const txn = await s.stripe.tax.transactions.createFromCalculation({ calculation: calc.id!, reference: `prop-${run}` });
        const originals = (await s.stripe.tax.transactions.listLineItems(txn.id)).data;
        let k = 0;
        for (const st of steps) {
          const base = { original_transaction: txn.id, reference: `prop-${run}-${k++}` };
          const params: Stripe.Tax.TransactionCreateReversalParams =
            st.kind === 'full'
              ? { ...base, mode: 'full' }
              : st.kind === 'flat'
                ? { ...base, mode: 'partial', flat_amount: -st.amount }
                : st.kind === 'shipping'
                  ? { ...base, mode: 'partial', shipping_cost: { amount: -st.amount, amount_tax: -st.tax } }
                  : {
                      ...base,
                      mode: 'partial',
                      line_items: [...new Map(st.picks.map((p) => [p.line % originals.length, p])).values()].map((p, i) => ({
                        original_line_item: originals[p.line % originals.length].id,
                        amount: -p.amount,
                        amount_tax: -p.tax,
                        reference: `r${i}`,
                      })),
                    };
          await s.stripe.tax.transactions.createReversal(params).catch((err: Stripe.errors.StripeError) => {
            if (err.statusCode !== 400) throw err;
          });
        }
        // Sum every reversal of this transaction, per original line and for shipping.
        const reversed = new Map<string, { amount: number; tax: number }>();
        let shipping = { amount: 0, tax: 0 };
        for (const t of ([...s.engine.core.store.iterate('tax.transaction', txn.id)] as unknown as Stripe.Tax.Transaction[])) {
          expect(t.type).toBe('reversal');
          if (t.shipping_cost) shipping = { amount: shipping.amount + t.shipping_cost.amount, tax: shipping.tax + t.shipping_cost.amount_tax };
          for (const li of (await s.stripe.tax.transactions.listLineItems(t.id, { limit: 100 })).data) {
            expect(li.amount).toBeLessThanOrEqual(0);
            expect(li.amount_tax).toBeLessThanOrEqual(0);
            const r = reversed.get(li.reversal!.original_line_item) ?? { amount: 0, tax: 0 };
            reversed.set(li.reversal!.original_line_item, { amount: r.amount + li.amount, tax: r.tax + li.amount_tax });
          }
        }
        for (const o of originals) {
          const r = reversed.get(o.id) ?? { amount: 0, tax: 0 };
          expect(-r.amount).toBeLessThanOrEqual(o.amount);
          expect(-r.tax).toBeLessThanOrEqual(o.amount_tax);
        }
        expect(-shipping.amount).toBeLessThanOrEqual(txn.shipping_cost!.amount);
        expect(-shipping.tax).toBeLessThanOrEqual(txn.shipping_cost!.amount_tax);
      }),
      { numRuns: 30 },
    );
  });
});
