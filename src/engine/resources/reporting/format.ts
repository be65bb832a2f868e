import cc from 'currency-codes';

/** Minor-unit exponent of a currency (usd 2, jpy 0); unknown codes count as 2. */
function exponentOf(currency: string): number {
  const digits = cc.code(currency.toUpperCase())?.digits;
  return typeof digits === 'number' ? digits : 2;
}

/** Whether a code is an ISO 4217 currency. */
export function isCurrency(code: string): boolean {
  return cc.code(code.toUpperCase()) !== undefined;
}

/**
 * An integer amount in minor units as the reports write it, in major units
 * (`-1234` usd → `-12.34`), with integer arithmetic only.
 */
export function majorUnits(minor: number, currency: string, decimalSeparator = '.'): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`amount ${minor} is not an integer in minor units`);
  const exp = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  if (exp === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exp)}${decimalSeparator}${digits.slice(-exp)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A timestamp as the reports write it, `YYYY-MM-DD HH:MM:SS`, in the given IANA time zone. */
export function reportTime(seconds: number | null | undefined, timeZone = 'Etc/UTC'): string {
  if (seconds === null || seconds === undefined) return '';
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(seconds * 1000))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Whether the runtime knows an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const DAY = 86_400;

/** Midnight UTC at or before a time. */
export function startOfDay(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY;
}
