import type { TransitionTable } from '../treasury/transitions.js';

export type SubscriptionStatus = 'trialing' | 'active' | 'canceled';
export type SubscriptionAction = 'update' | 'end_trial' | 'renew' | 'cancel';

/** Statuses whose subscriptions grant their products' features. */
export const GRANTING: readonly SubscriptionStatus[] = ['trialing', 'active'];

/**
 * The subset of Stripe's subscription machine the sandbox serves: no payments,
 * so no incomplete, past_due or unpaid. A canceled subscription is final.
 */
export const SUBSCRIPTION: TransitionTable<SubscriptionStatus, SubscriptionAction> = {
  update: { from: ['trialing', 'active'], verb: 'updated' },
  end_trial: { from: ['trialing'], to: 'active', verb: 'moved out of its trial' },
  renew: { from: ['active'], verb: 'renewed' },
  cancel: { from: ['trialing', 'active'], to: 'canceled', verb: 'canceled' },
};
