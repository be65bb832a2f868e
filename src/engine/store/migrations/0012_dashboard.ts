import type { Migration } from './index.js';

/**
 * What the inspector shows beyond the first cut: each logged request's headers
 * both ways and whether it was an idempotent replay, and why each webhook
 * delivery exists (the event itself, a resend, or a test event).
 */
export const migration: Migration = {
  name: '0012_dashboard',
  sql: `
    ALTER TABLE request_log ADD COLUMN request_headers TEXT;
    ALTER TABLE request_log ADD COLUMN response_headers TEXT;
    ALTER TABLE request_log ADD COLUMN replayed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE deliveries ADD COLUMN origin TEXT NOT NULL DEFAULT 'event' CHECK (origin IN ('event', 'resend', 'test'));
  `,
};
