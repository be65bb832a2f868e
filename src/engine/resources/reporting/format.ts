import { currencyExponent } from '../../money.js';

/** Minor-unit exponent of a currency (usd 2, jpy 0); unknown codes count as 2. */
function exponentOf(currency: string): number {
  return currencyExponent(currency) ?? 2;
}

/** Whether a code is an ISO 4217 currency. */
export function isCurrency(code: string): boolean {
  return currencyExponent(code) !== undefined;
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
const offsets = new Map<string, Map<number, number>>();
// Offsets change only at quarter hours (UTC), so one Intl lookup serves each 15 minutes of a report.
const BUCKET = 900;

function formatterOf(timeZone: string): Intl.DateTimeFormat {
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
  return f;
}

/** Seconds to add to a UTC time to read it in a zone, at that time. */
function offsetAt(seconds: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(seconds / BUCKET);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const at = bucket * BUCKET;
    const p: Record<string, string> = {};
    for (const part of formatterOf(timeZone).formatToParts(new Date(at * 1000))) p[part.type] = part.value;
    offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) / 1000 - at;
    if (zone.size > 100_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

/** A timestamp as the reports write it, `YYYY-MM-DD HH:MM:SS`, in the given IANA time zone. */
export function reportTime(seconds: number | null | undefined, timeZone = 'Etc/UTC'): string {
  if (seconds === null || seconds === undefined) return '';
  const local = timeZone === 'Etc/UTC' || timeZone === 'UTC' ? seconds : seconds + offsetAt(seconds, timeZone);
  const iso = new Date(local * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
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
