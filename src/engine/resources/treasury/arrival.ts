/** Networks money moves over, and what each means for timing. */
export type Network = 'ach' | 'us_domestic_wire' | 'stripe';

const DAY = 86_400;

function midnight(t: number): number {
  return t - (((t % DAY) + DAY) % DAY);
}

function isWeekend(t: number): boolean {
  const day = new Date(t * 1000).getUTCDay();
  return day === 0 || day === 6;
}

/** Midnight (UTC) of the day `days` business days after `t`'s day. */
export function addBusinessDays(t: number, days: number): number {
  let d = midnight(t);
  let left = days;
  while (left > 0 || isWeekend(d)) {
    d += DAY;
    if (!isWeekend(d)) left--;
  }
  return d;
}

/**
 * When funds sent now are expected to arrive: ACH in two business days, a wire
 * the same business day, the Stripe network at once (Stripe's documented timelines).
 */
export function expectedArrival(now: number, network: Network): number {
  if (network === 'stripe') return now;
  return addBusinessDays(now, network === 'ach' ? 2 : 0);
}

/** When the sandbox hands an ACH flow to the network (after which it cannot be canceled). */
export function submissionTime(created: number, network: Network): number | null {
  return network === 'ach' ? created + 3600 : null;
}

/** The ACH reversal window of a received credit or debit. */
export function reversalDeadline(created: number): number {
  return addBusinessDays(created, 5);
}
