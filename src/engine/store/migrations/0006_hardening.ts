import type { Migration } from './index.js';

/**
 * The request log's size per row (to bound it by bytes) and what was cut from
 * a row; webhook attempts in flight, so one a hard crash interrupted is known
 * at restart, recorded as of unknown outcome and sent again.
 */
export const migration: Migration = {
  name: '0006_hardening',
  sql: `
    ALTER TABLE request_log ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
    -- 'params', 'response' or 'params,response' when the stored text was cut to the cap.
    ALTER TABLE request_log ADD COLUMN truncated TEXT;

    -- An attempt being sent right now; removed when its outcome is recorded.
    CREATE TABLE delivery_attempts_in_flight (
      delivery_id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      endpoint_id TEXT NOT NULL,
      at_ms INTEGER NOT NULL,
      url TEXT NOT NULL,
      request_headers TEXT NOT NULL,
      request_body TEXT NOT NULL
    );
    -- 1 for an attempt the sandbox stopped during: it may or may not have reached the endpoint.
    ALTER TABLE delivery_attempts ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0;
  `,
};
