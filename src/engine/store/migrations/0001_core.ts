import type { Migration } from './index.js';

/** Objects of every type, the idempotency store, the request log, the scheduler and settings. */
export const migration: Migration = {
  name: '0001_core',
  sql: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    -- Every Stripe object, as the JSON the API returns. seq orders lists (newest first);
    -- owner is the object's scoping parent (a financial account, an endpoint) for indexed filters.
    CREATE TABLE objects (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      owner TEXT,
      created INTEGER NOT NULL,
      data TEXT NOT NULL
    );
    CREATE INDEX objects_type_seq ON objects (type, seq);
    CREATE INDEX objects_type_owner_seq ON objects (type, owner, seq);
    CREATE INDEX objects_type_created ON objects (type, created, seq);

    CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      params_hash TEXT NOT NULL,
      status INTEGER NOT NULL,
      response TEXT NOT NULL,
      request_id TEXT NOT NULL,
      created_ms INTEGER NOT NULL
    );
    CREATE INDEX idempotency_keys_created ON idempotency_keys (created_ms);

    CREATE TABLE request_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL,
      at_ms INTEGER NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      status INTEGER NOT NULL,
      latency_ms REAL NOT NULL,
      idempotency_key TEXT,
      params TEXT NOT NULL,
      response TEXT NOT NULL,
      object_id TEXT
    );
    CREATE INDEX request_log_id ON request_log (id);

    -- Work that happens when the sandbox clock passes run_at_ms.
    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      run_at_ms INTEGER NOT NULL,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL
    );
    CREATE INDEX jobs_run_at ON jobs (run_at_ms, id);
  `,
};
