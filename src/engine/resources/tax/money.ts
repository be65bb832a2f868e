import Decimal from 'decimal.js';

/** Decimal arithmetic for tax: rates and shares are exact decimals, results are integers in minor units. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** Rounds to a whole number of the currency's minor unit, half up (away from zero for negatives). */
export function roundMinor(value: Dec): number {
  return value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** Tax on an amount that excludes it: rounded once, for this jurisdiction alone. */
export function exclusiveTax(amount: number, rate: Dec): number {
  return roundMinor(new D(amount).times(rate));
}

/**
 * Splits an amount that includes tax at these rates into its net and each
 * jurisdiction's tax, so that net + Σ tax = amount exactly.
 */
export function inclusiveSplit(amount: number, rates: Dec[]): { net: number; taxes: number[] } {
  const total = rates.reduce((sum, r) => sum.plus(r), new D(0));
  if (total.isZero()) return { net: amount, taxes: rates.map(() => 0) };
  const net = roundMinor(new D(amount).dividedBy(total.plus(1)));
  const taxes = allocate(amount - net, rates);
  return { net, taxes };
}

/**
 * Divides an integer into parts proportional to the weights, each part an
 * integer and the parts summing to the whole exactly (largest remainder,
 * ties to the earliest part). Works for negative wholes too.
 */
export function allocate(whole: number, weights: (Dec | number)[]): number[] {
  const w = weights.map((x) => new D(x));
  const sum = w.reduce((a, b) => a.plus(b), new D(0));
  if (weights.length === 0) return [];
  if (sum.isZero()) return weights.map((_, i) => (i === 0 ? whole : 0));
  const sign = whole < 0 ? -1 : 1;
  const abs = Math.abs(whole);
  const exact = w.map((x) => new D(abs).times(x).dividedBy(sum));
  const parts = exact.map((x) => x.floor().toNumber());
  let left = abs - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x.minus(x.floor()) }))
    .sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) parts[order[k].i] += 1;
  return parts.map((p) => (p === 0 ? 0 : sign * p));
}

/** A rate as Stripe writes `percentage_decimal`: "19.0", "8.25", "9.975". */
export function percentageDecimal(rate: Dec): string {
  const pct = rate.times(100);
  return pct.isInteger() ? pct.toFixed(1) : pct.toString();
}
