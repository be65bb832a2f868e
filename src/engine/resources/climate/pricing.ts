import Decimal from 'decimal.js';
import { invalidRequest } from '../../errors.js';

/** Exact decimals, wide enough that no order's arithmetic ever rounds before we choose to. */
export const D = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** A product's price for one metric ton, in the currency's minor unit. */
export interface TonPrice {
  amount_subtotal: number;
  amount_fees: number;
  amount_total: number;
}

export interface Quote {
  metric_tons: string;
  amount_subtotal: number;
  amount_fees: number;
  amount_total: number;
}

/** The most decimal places an order's tonnage carries (the sandbox's limit). */
export const TONS_PLACES = 12;

const DECIMAL = /^\d+(\.\d+)?$/;

/** Parses a `metric_tons` param: a positive decimal string of at most TONS_PLACES places. */
export function parseTons(value: string, param = 'metric_tons'): Dec {
  if (!DECIMAL.test(value)) throw invalidRequest(`Invalid decimal: ${value}`, param);
  const tons = new D(value);
  if (tons.lte(0)) throw invalidRequest('metric_tons must be greater than 0.', param);
  if (tons.decimalPlaces() > TONS_PLACES) throw invalidRequest(`metric_tons can have at most ${TONS_PLACES} decimal places.`, param);
  return tons;
}

/** A decimal as the API writes one: plain notation, no trailing zeros. */
export function decimalString(d: Dec): string {
  return d.toFixed();
}

/**
 * The price of `tons` at a per-ton price. Subtotal and fees are each the exact
 * product rounded half up, and the total is their sum: Stripe's worked example
 * (0.01 t at 550 00 + 16 50 a ton) is 550 + 17 = 567.
 */
export function quoteForTons(price: TonPrice, tons: Dec): Quote {
  const subtotal = tons.mul(price.amount_subtotal).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  const fees = tons.mul(price.amount_fees).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  return { metric_tons: decimalString(tons), amount_subtotal: subtotal, amount_fees: fees, amount_total: subtotal + fees };
}

/**
 * What `amount` (the total to spend) buys: the fees are the price's share of
 * it rounded half up, the rest is the subtotal, and the tons are the subtotal
 * over the per-ton subtotal, cut (never rounded up) to TONS_PLACES places.
 */
export function quoteForAmount(price: TonPrice, amount: number): Quote {
  const fees = new D(amount).mul(price.amount_fees).div(price.amount_total).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  const subtotal = amount - fees;
  const tons = new D(subtotal).div(price.amount_subtotal).toDecimalPlaces(TONS_PLACES, Decimal.ROUND_DOWN);
  return { metric_tons: decimalString(tons), amount_subtotal: subtotal, amount_fees: fees, amount_total: amount };
}

/** A per-ton price from a subtotal, with the fee rule of Stripe's example (3 %, half up) unless fees are given. */
export function tonPrice(amountSubtotal: number, amountFees?: number): TonPrice {
  const fees = amountFees ?? new D(amountSubtotal).mul('0.03').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  return { amount_subtotal: amountSubtotal, amount_fees: fees, amount_total: amountSubtotal + fees };
}
