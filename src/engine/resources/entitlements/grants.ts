import type { EngineCore } from '../../context.js';
import { derivedId } from '../../ids.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';
import type { Cause } from '../billing/hooks.js';
import { FEATURE, type Feature } from './features.js';

export const ACTIVE_ENTITLEMENT = 'entitlements.active_entitlement';

export interface ActiveEntitlement {
  id: string;
  object: typeof ACTIVE_ENTITLEMENT;
  feature: string;
  livemode: false;
  lookup_key: string;
}

/** The id of the entitlement a customer has to a feature: one per pair, whatever grants it. */
export function entitlementId(customer: string, feature: string): string {
  return derivedId('entitlements.active_entitlement', `${customer}|${feature}`);
}

function render(core: EngineCore, id: string, feature: string): ActiveEntitlement {
  const f = core.store.get<Feature>(feature, FEATURE);
  return { id, object: ACTIVE_ENTITLEMENT, feature, livemode: false, lookup_key: f?.lookup_key ?? '' };
}

// A customer with thousands of subscriptions has thousands of grants of the same few features:
// the features are found by skipping along the (customer, feature) index, one seek per feature,
// and each one's first grant is the first entry of its run (seq is the rowid the index ends
// with), so the cost follows the features, not the grants.
const ACTIVE_SQL = `WITH RECURSIVE f(feature) AS (
    SELECT min(feature) FROM entitlement_grants WHERE customer = @customer
    UNION ALL
    SELECT (SELECT min(feature) FROM entitlement_grants WHERE customer = @customer AND feature > f.feature) FROM f WHERE f.feature IS NOT NULL
  )
  SELECT feature, (SELECT min(seq) FROM entitlement_grants WHERE customer = @customer AND feature = f.feature) AS first
  FROM f WHERE feature IS NOT NULL ORDER BY first DESC`;

/**
 * A customer's active entitlements, derived from what grants them: one per
 * feature however many sources grant it, the newest first.
 */
export function activeEntitlements(core: EngineCore, customer: string): ActiveEntitlement[] {
  const rows = stmt(core.db, ACTIVE_SQL).all({ customer }) as { feature: string }[];
  return rows.map((r) => render(core, entitlementId(customer, r.feature), r.feature));
}

/** SQLite's plan for the active-entitlements query (a test checks it only seeks). */
export function explainActiveEntitlements(core: EngineCore): string[] {
  return (core.db.prepare(`EXPLAIN QUERY PLAN ${ACTIVE_SQL}`).all({ customer: 'cus_x' }) as { detail: string }[]).map((r) => r.detail);
}

/** The entitlement with this id, and its customer, if anything grants it. */
export function findEntitlement(core: EngineCore, id: string): { customer: string; entitlement: ActiveEntitlement } | undefined {
  const row = stmt(core.db, 'SELECT customer, feature FROM entitlement_grants WHERE entitlement = ? LIMIT 1').get(id) as
    | { customer: string; feature: string }
    | undefined;
  return row && { customer: row.customer, entitlement: render(core, id, row.feature) };
}

/** The features one source grants a customer now. */
export function grantedBy(core: EngineCore, customer: string, source: string): string[] {
  const rows = stmt(core.db, 'SELECT feature FROM entitlement_grants WHERE customer = ? AND source = ? ORDER BY seq').all(customer, source) as {
    feature: string;
  }[];
  return rows.map((r) => r.feature);
}

/** Every (customer, source) pair whose grants include a feature. */
export function sourcesGranting(core: EngineCore, feature: string): { customer: string; source: string }[] {
  return stmt(core.db, 'SELECT DISTINCT customer, source FROM entitlement_grants WHERE feature = ?').all(feature) as { customer: string; source: string }[];
}

/** Every source granting a customer anything. */
export function sourcesOf(core: EngineCore, customer: string): string[] {
  const rows = stmt(core.db, 'SELECT DISTINCT source FROM entitlement_grants WHERE customer = ?').all(customer) as { source: string }[];
  return rows.map((r) => r.source);
}

/**
 * Makes one source grant exactly these features to a customer, and when that
 * changes the customer's set, emits the summary event Stripe sends.
 */
export function setGrants(core: EngineCore, cause: Cause, customer: string, source: string, features: Iterable<string>): void {
  const want = new Set(features);
  const have = new Set(grantedBy(core, customer, source));
  const added = [...want].filter((f) => !have.has(f));
  const removed = [...have].filter((f) => !want.has(f));
  if (added.length === 0 && removed.length === 0) return;
  // The customer's set changes only where no other source grants the feature.
  const elsewhere = stmt(core.db, 'SELECT 1 FROM entitlement_grants WHERE customer = ? AND feature = ? AND source != ? LIMIT 1');
  const changes = [...added, ...removed].some((f) => !elsewhere.get(customer, f, source));
  const before = changes ? activeEntitlements(core, customer) : [];
  const del = stmt(core.db, 'DELETE FROM entitlement_grants WHERE customer = ? AND source = ? AND feature = ?');
  for (const f of removed) del.run(customer, source, f);
  const add = stmt(core.db, 'INSERT INTO entitlement_grants (customer, source, feature, entitlement) VALUES (?, ?, ?, ?)');
  for (const f of added) add.run(customer, source, f, entitlementId(customer, f));
  if (!changes) return;
  core.emitEvent('entitlements.active_entitlement_summary.updated', summary(customer, activeEntitlements(core, customer)) as unknown as StripeObject, {
    previousAttributes: { entitlements: entitlementList(customer, before) },
    request: cause,
    owner: customer,
  });
  core.changes.publish({ kind: 'object', type: 'customer', id: customer });
}

function entitlementList(customer: string, data: ActiveEntitlement[]) {
  return { object: 'list', data, has_more: false, url: `/v1/customer/${customer}/entitlements` };
}

/** Stripe's `entitlements.active_entitlement_summary`: the customer's whole set, no id of its own. */
export function summary(customer: string, data: ActiveEntitlement[]) {
  return { object: 'entitlements.active_entitlement_summary', customer, entitlements: entitlementList(customer, data), livemode: false };
}
