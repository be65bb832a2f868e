const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase(), currencyDisplay: 'narrowSymbol' });
    moneyFormats.set(currency, f);
  }
  return f;
}

/** The one minus sign every amount on screen uses (U+2212, as wide as the plus). */
export const MINUS = '\u2212';

/** An amount in the currency's minor unit, shown in major units (JPY has none). */
export function formatMoney(minor: number, currency: string): string {
  const f = moneyFormat(currency);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  const text = f.format(Math.abs(minor) / 10 ** digits);
  return minor < 0 ? `${MINUS}${text}` : text;
}

/** Like formatMoney, with an explicit sign, for balance impacts; zero shows as a dash. */
export function formatImpact(minor: number, currency: string): string {
  if (minor === 0) return '—';
  const s = formatMoney(Math.abs(minor), currency);
  return minor > 0 ? `+${s}` : `${MINUS}${s}`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** A sandbox time in seconds, in UTC so every screen shows the same clock. */
export function formatTime(seconds: number): string {
  return `${dateTime.format(new Date(seconds * 1000))} UTC`;
}

const day = new Intl.DateTimeFormat('en-GB', { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

/** Compact: `26 Nov, 08:22`. */
export function formatDay(seconds: number): string {
  return day.format(new Date(seconds * 1000));
}

export function formatTimeMs(ms: number): string {
  return formatTime(ms / 1000);
}

/** "in 2h 5m" / "3m ago" relative to the sandbox now. */
export function formatRelative(targetMs: number, nowMs: number): string {
  const diff = Math.round((targetMs - nowMs) / 1000);
  const abs = Math.abs(diff);
  const parts =
    abs < 60 ? `${abs}s` : abs < 3600 ? `${Math.floor(abs / 60)}m` : abs < 86400 ? `${Math.floor(abs / 3600)}h ${Math.floor((abs % 3600) / 60)}m` : `${Math.floor(abs / 86400)}d ${Math.floor((abs % 86400) / 3600)}h`;
  return diff >= 0 ? `in ${parts}` : `${parts} ago`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  // Latencies are measured to the microsecond; most reads take a few dozen.
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A duration Stripe gives in whole milliseconds (a forwarding request's destination_duration). */
export function formatWholeMs(ms: number | null): string {
  return ms === 0 ? '< 1 ms' : formatLatency(ms);
}

export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

/** `outbound_payment` → `Outbound payment`. */
export function humanize(snake: string): string {
  const s = snake.replace(/^treasury\./, '').replace(/[._]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
