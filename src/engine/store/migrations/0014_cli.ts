import type { Migration } from './index.js';

/**
 * Delivery chaos per endpoint, the secrets an endpoint rolled (still valid
 * until they expire), and what chaos each attempt carried.
 */
export const migration: Migration = {
  name: '0014_cli',
  sql: `
    CREATE TABLE endpoint_chaos (endpoint_id TEXT PRIMARY KEY, settings TEXT NOT NULL);

    CREATE TABLE endpoint_rolled_secrets (
      endpoint_id TEXT NOT NULL,
      secret TEXT NOT NULL,
      expires_ms INTEGER NOT NULL,
      PRIMARY KEY (endpoint_id, secret)
    );

    ALTER TABLE deliveries ADD COLUMN chaos_held_ms INTEGER;
    ALTER TABLE delivery_attempts ADD COLUMN chaos TEXT;
  `,
};
