/** The sandbox's scheduled Financial Connections work, by job kind (handlers live in schedule.ts). */
export const JOBS = {
  /** A pending refresh of one feature reaches its outcome at the bank. */
  finishRefresh: 'financial_connections.refresh.finish',
  /** A subscribed account's daily transaction refresh. */
  dailyRefresh: 'financial_connections.subscription.daily',
} as const;

/** How long a refresh stays pending before the bank answers, in sandbox seconds. */
export const REFRESH_SECONDS = 5;
/** How often a subscribed account refreshes its transactions. */
export const SUBSCRIPTION_PERIOD_SECONDS = 86_400;
