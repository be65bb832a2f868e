const formats = new Map<string, Intl.NumberFormat>();

/**
 * An amount in the currency's minor unit as a person reads it in a message:
 * `32500, 'usd'` → `$325.00`, `500, 'jpy'` → `¥500`. Intl knows each currency's
 * minor unit, so the division matches the ISO 4217 exponent.
 */
export function formatMoney(minor: number, currency: string): string {
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
  return f.format(minor / 10 ** digits);
}
