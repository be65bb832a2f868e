import type { Migration } from './index.js';

/**
 * The delivery queue's index holds pending deliveries only, in the order the
 * worker takes them (due moment, then creation): picking the next few due is
 * a walk along its start instead of a sort of everything due, and delivered
 * or failed rows, which are most of the table, cost nothing to keep.
 */
export const migration: Migration = {
  name: '0015_delivery_queue',
  sql: `
    DROP INDEX deliveries_due;
    CREATE INDEX deliveries_pending ON deliveries (next_attempt_ms, created_ms) WHERE status = 'pending';
  `,
};
