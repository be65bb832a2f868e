import type { EngineCore, RequestInfo } from '../../context.js';
import type { Emit } from '../treasury/common.js';
import type { Subscription } from './subscription-shape.js';

/**
 * What a subscription's change means for what it grants. `reset`: the period
 * (re)started, so it grants its products' features as they are now. `items`:
 * the items changed mid-period, so products newly on it grant at once while the
 * rest keep what the period began with. `ended`: it grants nothing any more.
 */
export type SubscriptionChange = { kind: 'reset' } | { kind: 'items'; addedProducts: string[] } | { kind: 'ended' };

/** The API request behind a change, or null when the sandbox's clock or a control made it. */
export type Cause = RequestInfo | null;

/** Emits events stamped with the change's cause. */
export function emitterFor(core: EngineCore, cause: Cause): Emit {
  return (type, object, previousAttributes) => {
    core.emitEvent(type, object, { previousAttributes, request: cause });
  };
}

/** What groups standing on Billing hear about (Entitlements derives from it). */
export interface BillingListener {
  subscriptionChanged?(core: EngineCore, cause: Cause, sub: Subscription, change: SubscriptionChange): void;
  productDeleted?(core: EngineCore, cause: Cause, productId: string): void;
  customerDeleted?(core: EngineCore, cause: Cause, customerId: string): void;
}

// Per engine, so engines sharing a process (tests) never hear each other.
const listeners = new WeakMap<EngineCore, BillingListener[]>();

/** Registers a listener for this engine's Billing changes (from a module's setup). */
export function onBilling(core: EngineCore, listener: BillingListener): void {
  listeners.set(core, [...(listeners.get(core) ?? []), listener]);
}

/** Tells every listener of this engine, in the caller's transaction. */
export function notifyBilling(core: EngineCore, call: (l: BillingListener) => void): void {
  for (const l of listeners.get(core) ?? []) call(l);
}
