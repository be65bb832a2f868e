import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import { addRange } from '../../store/objects.js';
import { insert, load } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { loadCustomer } from './customers.js';
import { notifyBilling } from './hooks.js';
import { addIntervals } from './periods.js';
import { applyItems } from './subscription-items.js';
import { cancelSubscription, endTrial, saveUpdated, schedulePeriodEnd } from './subscription-flow.js';
import { productsOf, recurringOf, subscriptionDefaults, SUBSCRIPTION_TYPE, withPeriod, type Subscription } from './subscription-shape.js';
import { SUBSCRIPTION } from './transitions.js';

const MAX_TRIAL_DAYS = 730;
const BASE = '/v1/subscriptions';
const ONE = `${BASE}/{subscription_exposed_id}`;

function loadSubscription(ctx: RequestContext): Subscription {
  return load<Subscription>(ctx.core, SUBSCRIPTION_TYPE, ctx.path.subscription_exposed_id, 'subscription', 'id');
}

/** The trial's end from `trial_end` or `trial_period_days`, or null for none. */
function trialEndOf(p: Record<string, any>, now: number): number | null {
  if (p.trial_end !== undefined) {
    if (p.trial_end === 'now') return null;
    if (p.trial_end <= now || p.trial_end > now + MAX_TRIAL_DAYS * 86_400) {
      throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future and at most two years away.', 'trial_end');
    }
    return p.trial_end;
  }
  if (p.trial_period_days === undefined || p.trial_period_days === 0) return null;
  if (!Number.isSafeInteger(p.trial_period_days) || p.trial_period_days < 0 || p.trial_period_days > MAX_TRIAL_DAYS) {
    throw invalidRequest(`trial_period_days must be an integer between 0 and ${MAX_TRIAL_DAYS}.`, 'trial_period_days');
  }
  return now + p.trial_period_days * 86_400;
}

// Params that would change what the sandbox models (the billing cycle, pausing): refused rather than ignored.
const NOT_SERVED = ['backdate_start_date', 'billing_cycle_anchor', 'billing_cycle_anchor_config', 'cancel_at', 'pause_collection', 'trial_from_plan'];

function refuseUnserved(p: Record<string, unknown>): void {
  const name = NOT_SERVED.find((k) => p[k] !== undefined);
  if (name) throw invalidRequest(`The sandbox does not serve \`${name}\` on subscriptions (see docs/billing.md).`, name);
}

function create(ctx: RequestContext): Subscription {
  const core = ctx.core;
  const p = ctx.params;
  refuseUnserved(p);
  const customer = loadCustomer(core, p.customer, 'customer');
  if (p.items === undefined) throw parameterMissing('items');
  const now = core.clock.now();
  const id = newId('subscription');
  const trialEnd = trialEndOf(p, now);
  const items = applyItems(core, id, [], p.items, { start: now, end: now });
  const recurring = items[0].price.recurring!;
  const end = trialEnd ?? addIntervals(now, recurring.interval, recurring.interval_count);
  const sub = withPeriod(
    {
      id,
      object: SUBSCRIPTION_TYPE,
      ...subscriptionDefaults(),
      billing_cycle_anchor: trialEnd ?? now,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      created: now,
      currency: items[0].price.currency,
      current_period_end: end,
      current_period_start: now,
      customer: customer.id,
      description: p.description ?? null,
      ended_at: null,
      items: { object: 'list', data: items, has_more: false, total_count: items.length, url: `/v1/subscription_items?subscription=${id}` },
      metadata: applyMetadata({}, p.metadata),
      start_date: now,
      status: trialEnd ? 'trialing' : 'active',
      trial_end: trialEnd,
      trial_start: trialEnd ? now : null,
    } as Subscription,
    now,
    end,
  );
  if (p.cancel_at_period_end === true) Object.assign(sub, { cancel_at_period_end: true, cancel_at: end, canceled_at: now });
  insert(core, sub, customer.id);
  schedulePeriodEnd(core, sub);
  ctx.emit('customer.subscription.created', sub);
  notifyBilling(core, (l) => l.subscriptionChanged?.(core, ctx.request, sub, { kind: 'reset' }));
  return sub;
}

// What a canceled subscription still lets a caller change.
const AFTER_CANCEL = new Set(['metadata', 'cancellation_details']);

function update(ctx: RequestContext): Subscription {
  const core = ctx.core;
  const cause = ctx.request;
  const before = loadSubscription(ctx);
  const p = ctx.params;
  refuseUnserved(p);
  if (before.status === 'canceled' && Object.keys(p).some((k) => !AFTER_CANCEL.has(k))) {
    throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
  }
  const now = core.clock.now();
  let sub: Subscription = { ...before, metadata: applyMetadata(before.metadata, p.metadata) };
  if (p.description !== undefined) sub.description = p.description === '' ? null : p.description;
  if (p.cancellation_details !== undefined) sub.cancellation_details = { ...(before.cancellation_details as object), ...p.cancellation_details };
  let added: string[] = [];
  if (p.items !== undefined) {
    transition(SUBSCRIPTION, 'subscription', before, 'update');
    const data = applyItems(core, sub.id, before.items.data, p.items, { start: sub.current_period_start, end: sub.current_period_end });
    sub = { ...sub, currency: data[0].price.currency, items: { ...sub.items, data, total_count: data.length } };
    if (recurringOf(sub).interval !== recurringOf(before).interval || recurringOf(sub).interval_count !== recurringOf(before).interval_count) {
      throw invalidRequest('The sandbox keeps a subscription on one billing interval: its new prices must share the current `recurring.interval` and `recurring.interval_count`.', 'items');
    }
    const had = new Set(productsOf(before));
    added = productsOf(sub).filter((prod) => !had.has(prod));
  }
  if (p.cancel_at_period_end !== undefined && p.cancel_at_period_end !== before.cancel_at_period_end) {
    transition(SUBSCRIPTION, 'subscription', before, 'update');
    sub = p.cancel_at_period_end
      ? { ...sub, cancel_at_period_end: true, cancel_at: sub.current_period_end, canceled_at: now }
      : { ...sub, cancel_at_period_end: false, cancel_at: null, canceled_at: null };
  }
  let trialEndNow = false;
  if (p.trial_end !== undefined) {
    if (before.status !== 'trialing') {
      throw invalidRequest(`The sandbox changes trial_end only on a trialing subscription; this one has a status of \`${before.status}\`.`, 'trial_end');
    }
    const end = trialEndOf({ trial_end: p.trial_end }, now);
    if (end === null) trialEndNow = true;
    else sub = withPeriod({ ...sub, trial_end: end, billing_cycle_anchor: end, cancel_at: sub.cancel_at_period_end ? end : null }, sub.current_period_start, end);
  }
  if (JSON.stringify(sub) !== JSON.stringify(before)) saveUpdated(core, cause, before, sub);
  if (sub.current_period_end !== before.current_period_end) schedulePeriodEnd(core, sub);
  if (p.items !== undefined) notifyBilling(core, (l) => l.subscriptionChanged?.(core, cause, sub, { kind: 'items', addedProducts: added }));
  if (trialEndNow) sub = endTrial(core, cause, sub, now);
  return sub;
}

function cancel(ctx: RequestContext): Subscription {
  const sub = loadSubscription(ctx);
  const details = ctx.params.cancellation_details ?? {};
  return cancelSubscription(ctx.core, ctx.request, sub, ctx.core.clock.now(), 'cancellation_requested', details);
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const sql: { clause: string; params: unknown[] }[] = [];
  const status = p.status;
  if (status === undefined) sql.push({ clause: `json_extract(data, '$.status') != 'canceled'`, params: [] });
  else if (status === 'ended') sql.push({ clause: `json_extract(data, '$.status') IN ('canceled', 'incomplete_expired')`, params: [] });
  else if (status !== 'all') sql.push({ clause: `json_extract(data, '$.status') = ?`, params: [status] });
  if (p.price !== undefined) {
    sql.push({ clause: `EXISTS (SELECT 1 FROM json_each(data, '$.items.data') WHERE json_extract(value, '$.price.id') = ?)`, params: [p.price] });
  }
  for (const key of ['current_period_start', 'current_period_end'] as const) {
    const where: string[] = [];
    const params: unknown[] = [];
    addRange(where, params, `json_extract(data, '$.${key}')`, p[key]);
    for (const clause of where) sql.push({ clause, params: [params.shift()] });
  }
  if (p.collection_method !== undefined) sql.push({ clause: `json_extract(data, '$.collection_method') = ?`, params: [p.collection_method] });
  return listObjects(ctx, SUBSCRIPTION_TYPE, BASE, { sql, ...(p.customer !== undefined ? { owner: p.customer } : {}) });
}

/**
 * The part of Subscriptions that entitlements need: create, retrieve, list,
 * update (items, cancel_at_period_end, trial_end, metadata), cancel. No invoices, no payments.
 */
export const subscriptionOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: ONE, handler: loadSubscription },
  { method: 'POST', path: ONE, handler: update },
  { method: 'DELETE', path: ONE, handler: cancel },
];
