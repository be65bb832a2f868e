import type { Recurring } from './catalog.js';

const DAY = 86_400;

/** `anchor` moved forward by `n` intervals; months keep the anchor's day, clamped to the month's last. */
export function addIntervals(anchor: number, interval: Recurring['interval'], n: number): number {
  if (interval === 'day') return anchor + n * DAY;
  if (interval === 'week') return anchor + n * 7 * DAY;
  const months = interval === 'year' ? 12 * n : n;
  const d = new Date(anchor * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const ms = Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  return Math.floor(ms / 1000);
}

/**
 * The end of the billing period that contains `after`: the first anchor +
 * k·count intervals past it. Counting from the anchor (not from the previous
 * end) keeps a 31st-of-the-month anchor on the 31st after a short month.
 */
export function periodEndAfter(anchor: number, recurring: Pick<Recurring, 'interval' | 'interval_count'>, after: number): number {
  const step = recurring.interval_count;
  // A first guess from the average length, then a bounded walk to the exact period.
  const avg = { day: DAY, week: 7 * DAY, month: 30.436875 * DAY, year: 365.2425 * DAY }[recurring.interval] * step;
  let k = Math.max(1, Math.floor((after - anchor) / avg) - 1);
  while (k > 1 && addIntervals(anchor, recurring.interval, k * step) > after) k--;
  for (let i = 0; i < 10_000; i++, k++) {
    const end = addIntervals(anchor, recurring.interval, k * step);
    if (end > after) return end;
  }
  throw new Error('billing period out of range');
}
