import type { Migration } from './index.js';

/** Endpoint secrets (never part of the object), the delivery queue and every attempt. */
export const migration: Migration = {
  name: '0002_webhooks',
  sql: `
    CREATE TABLE endpoint_secrets (endpoint_id TEXT PRIMARY KEY, secret TEXT NOT NULL);

    CREATE TABLE deliveries (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      endpoint_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempt_count INTEGER NOT NULL DEFAULT 0,
      next_attempt_ms INTEGER,
      created_ms INTEGER NOT NULL,
      last_status INTEGER,
      last_error TEXT
    );
    CREATE INDEX deliveries_due ON deliveries (status, next_attempt_ms);
    CREATE INDEX deliveries_event ON deliveries (event_id);
    CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, created_ms);

    CREATE TABLE delivery_attempts (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      delivery_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      endpoint_id TEXT NOT NULL,
      at_ms INTEGER NOT NULL,
      url TEXT NOT NULL,
      request_headers TEXT NOT NULL,
      request_body TEXT NOT NULL,
      response_status INTEGER,
      response_headers TEXT,
      response_body TEXT,
      latency_ms REAL,
      error TEXT
    );
    CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, seq);
  `,
};
