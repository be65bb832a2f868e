const DAY = 86_400;

export type Schedule = 'daily' | 'weekly' | 'monthly';
export const SCHEDULES: readonly Schedule[] = ['daily', 'weekly', 'monthly'];

/**
 * The first period boundary after a time (UTC): the next midnight, the next
 * Monday, or the first of the next month. A run at a boundary covers the
 * period that just ended.
 */
export function nextBoundary(t: number, schedule: Schedule): number {
  const day = Math.floor(t / DAY);
  if (schedule === 'daily') return (day + 1) * DAY;
  if (schedule === 'weekly') {
    // 1970-01-01 was a Thursday: Monday is three days on.
    const weekday = (day + 3) % 7;
    return (day - weekday + 7) * DAY;
  }
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}
