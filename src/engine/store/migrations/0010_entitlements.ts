import type { Migration } from './index.js';

/**
 * What each source (a subscription, or the sandbox's grant control) entitles a
 * customer to, per feature. Active entitlements are derived from these rows;
 * `entitlement` is the derived entitlement's id, the same for every source
 * granting one customer the same feature, so a retrieve is one indexed lookup.
 */
export const migration: Migration = {
  name: '0010_entitlements',
  sql: `
    CREATE TABLE entitlement_grants (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      customer TEXT NOT NULL,
      source TEXT NOT NULL,
      feature TEXT NOT NULL,
      entitlement TEXT NOT NULL,
      UNIQUE (customer, source, feature)
    );
    CREATE INDEX entitlement_grants_by_entitlement ON entitlement_grants (entitlement);
    CREATE INDEX entitlement_grants_by_feature ON entitlement_grants (customer, feature);
    CREATE INDEX entitlement_grants_by_source ON entitlement_grants (source);
  `,
};
