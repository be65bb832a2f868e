import type { EngineCore } from '../../context.js';
import { previousAttributes, save } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { emitterFor, notifyBilling, type Cause } from './hooks.js';
import { JOBS } from './jobs.js';
import { addIntervals, periodEndAfter } from './periods.js';
import { recurringOf, SUBSCRIPTION_TYPE, withPeriod, type Subscription } from './subscription-shape.js';
import { SUBSCRIPTION } from './transitions.js';

/** Every subscription of a customer, oldest first. */
export function subscriptionsOf(core: EngineCore, customer: string): Subscription[] {
  return [...core.store.iterate<Subscription>(SUBSCRIPTION_TYPE, customer)];
}

/**
 * Puts the job that ends the subscription's current period (or trial) on the
 * sandbox clock. An earlier job for it needs no removal: it names the end it
 * was set for, and once the period moved it does nothing.
 */
export function schedulePeriodEnd(core: EngineCore, sub: Subscription): void {
  if (sub.status !== 'canceled') core.scheduler.schedule(JOBS.periodEnd, sub.current_period_end, { id: sub.id, at: sub.current_period_end });
}

/** Saves a changed subscription and emits customer.subscription.updated with what changed. */
export function saveUpdated(core: EngineCore, cause: Cause, before: Subscription, after: Subscription): Subscription {
  save(core, after);
  emitterFor(core, cause)('customer.subscription.updated', after, previousAttributes(before, after));
  return after;
}

/** Ends a subscription now (or at `at`, its period's end): final, and it grants nothing any more. */
export function cancelSubscription(core: EngineCore, cause: Cause, before: Subscription, at: number, reason: string, details: { comment?: string; feedback?: string } = {}): Subscription {
  const status = transition(SUBSCRIPTION, 'subscription', before, 'cancel');
  const sub: Subscription = {
    ...before,
    status,
    canceled_at: before.canceled_at ?? core.clock.now(),
    ended_at: at,
    cancel_at: before.cancel_at_period_end ? before.cancel_at : null,
    cancellation_details: { comment: details.comment ?? null, feedback: details.feedback ?? null, reason },
  };
  if (before.status === 'trialing' && (before.trial_end ?? 0) > at) sub.trial_end = at;
  save(core, sub);
  emitterFor(core, cause)('customer.subscription.deleted', sub, previousAttributes(before, sub));
  notifyBilling(core, (l) => l.subscriptionChanged?.(core, cause, sub, { kind: 'ended' }));
  return sub;
}

/** Ends a trial at `at`: the subscription turns active and its first paid period starts there. */
export function endTrial(core: EngineCore, cause: Cause, before: Subscription, at: number): Subscription {
  const status = transition(SUBSCRIPTION, 'subscription', before, 'end_trial');
  const end = addIntervals(at, recurringOf(before).interval, recurringOf(before).interval_count);
  const sub = withPeriod({ ...before, status, trial_end: at, billing_cycle_anchor: at }, at, end);
  saveUpdated(core, cause, before, sub);
  schedulePeriodEnd(core, sub);
  notifyBilling(core, (l) => l.subscriptionChanged?.(core, cause, sub, { kind: 'reset' }));
  return sub;
}

/** Starts the next period of an active subscription at `at`, the end of the last one. */
export function renew(core: EngineCore, cause: Cause, before: Subscription, at: number): Subscription {
  transition(SUBSCRIPTION, 'subscription', before, 'renew');
  const end = periodEndAfter(before.billing_cycle_anchor, recurringOf(before), at);
  const sub = withPeriod(before, at, end);
  saveUpdated(core, cause, before, sub);
  schedulePeriodEnd(core, sub);
  notifyBilling(core, (l) => l.subscriptionChanged?.(core, cause, sub, { kind: 'reset' }));
  return sub;
}
