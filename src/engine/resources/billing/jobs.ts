/** The sandbox's scheduled Billing work, by job kind (handlers live in schedule.ts). */
export const JOBS = {
  /** A subscription's period (or trial) reaches its end: it renews, leaves its trial or cancels. */
  periodEnd: 'billing.subscription.period_end',
} as const;
