import type { Migration } from './index.js';

/**
 * The demo's webhook endpoint is found by its metadata marker at every start
 * (dashboard/demo-scenario.ts, to point it at a new receiver). SQLite read the
 * marker out of every endpoint's JSON to find it: a sandbox of 200,000
 * endpoints (a test suite makes one or more a test) took 113 ms of each start
 * and 16 MB more RSS from then on. The marker now sits in the `ref` column
 * (store/filter-columns.ts), filled here for the endpoints already stored, and
 * the index holds only the endpoints that have one.
 */
export const migration: Migration = {
  name: '0019_demo_endpoint_marker',
  sql: `
    UPDATE objects SET ref = json_extract(data, '$.metadata.counterfoil_demo') WHERE type = 'webhook_endpoint';
    CREATE INDEX webhook_endpoint_by_demo_marker ON objects (ref) WHERE type = 'webhook_endpoint' AND ref IS NOT NULL;
  `,
};
