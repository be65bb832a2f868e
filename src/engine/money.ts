import cc from 'currency-codes';

let exponents: Map<string, number> | undefined;

/**
 * The ISO 4217 minor-unit exponent of a currency code in any case (usd 2,
 * jpy 0), or undefined when the code is not a currency. The package's own lookup scans its whole table each call;
 * this is one map, built on first use.
 */
export function currencyExponent(code: string): number | undefined {
  if (!exponents) {
    exponents = new Map();
    for (const c of cc.data) exponents.set(c.code, c.digits);
  }
  return exponents.get(code.toUpperCase());
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An amount in the currency's minor unit as a person reads it in a message:
 * `32500, 'usd'` → `$325.00`, `500, 'jpy'` → `¥500`. Intl knows each currency's
 * minor unit, so the division matches the ISO 4217 exponent.
 */
export function formatMoney(minor: number | bigint, currency: string): string {
  const code = currency.toUpperCase();
  let f = formats.get(code);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    } catch {
      return `${minor} ${currency} (minor units)`;
    }
    formats.set(code, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  if (typeof minor === 'number') return f.format(minor / 10 ** digits);
  // Past 2^53 a division would round: hand Intl the exact decimal string instead.
  const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  const decimal = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return f.format(`${minor < 0n ? '-' : ''}${decimal}` as unknown as number);
}
