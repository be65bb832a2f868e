import { currencyExponent } from '../money.js';
import { invalidRequest, type StripeError } from '../errors.js';
import { paramName } from './validate.js';

/**
 * Stripe's ceiling for an amount: eight digits in the currency's minor unit
 * ($999,999.99), twelve for the Indonesian rupiah. Below it every balance the
 * sandbox keeps stays an exact integer for ~90 million movements, and the
 * ledger refuses a movement that would take a balance past 2^53 (impact.ts).
 */
const DEFAULT_MAX = 99_999_999;
const MAX_BY_CURRENCY: Record<string, number> = { idr: 999_999_999_999 };

/** The largest `amount` Stripe takes in `currency`, in minor units. */
export function maxAmount(currency: string | undefined): number {
  return MAX_BY_CURRENCY[currency?.toLowerCase() ?? ''] ?? DEFAULT_MAX;
}

function formatted(amount: number, currency: string): string {
  const digits = currencyExponent(currency) ?? 2;
  const major = (amount / 10 ** digits).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return currency.toLowerCase() === 'usd' ? `$${major}` : `${major} ${currency.toUpperCase()}`;
}

function tooLarge(path: (string | number)[], currency: string): StripeError {
  return invalidRequest(
    `Amount must be no more than ${formatted(maxAmount(currency), currency)}`,
    paramName(path),
    'amount_too_large',
  );
}

/**
 * Refuses any `amount` param (top level or nested, as in line items) above
 * Stripe's limit for its currency: the `currency` beside it, else the
 * request's, else USD.
 */
export function checkAmounts(params: Record<string, unknown>): void {
  walk(params, [], typeof params.currency === 'string' ? params.currency : 'usd');
}

function walk(value: unknown, path: (string | number)[], currency: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, i], currency));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const own = typeof o.currency === 'string' && o.currency !== '' ? o.currency : currency;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'amount' && typeof v === 'number' && v > maxAmount(own)) throw tooLarge([...path, k], own);
    if (k !== 'metadata') walk(v, [...path, k], own);
  }
}
