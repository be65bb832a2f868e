import type { StripeObject } from '../../store/objects.js';
import type { Price, Recurring } from './catalog.js';
import type { SubscriptionStatus } from './transitions.js';

export const SUBSCRIPTION_TYPE = 'subscription';

export type SubscriptionItem = StripeObject & {
  price: Price;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
  metadata: Record<string, string>;
};

export type Subscription = StripeObject & {
  status: SubscriptionStatus;
  customer: string;
  currency: string;
  billing_cycle_anchor: number;
  current_period_start: number;
  current_period_end: number;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  trial_start: number | null;
  trial_end: number | null;
  items: { object: 'list'; data: SubscriptionItem[]; has_more: false; total_count: number; url: string };
  metadata: Record<string, string>;
};

/** The interval every item of a subscription shares. */
export function recurringOf(sub: Subscription): Recurring {
  return sub.items.data[0].price.recurring!;
}

/** The products a subscription's items are for, each once. */
export function productsOf(sub: Subscription): string[] {
  return [...new Set(sub.items.data.map((i) => i.price.product))];
}

/** Sets the period on the subscription and on each item (the newer API keeps it per item). */
export function withPeriod(sub: Subscription, start: number, end: number): Subscription {
  return {
    ...sub,
    current_period_start: start,
    current_period_end: end,
    items: { ...sub.items, data: sub.items.data.map((i) => ({ ...i, current_period_start: start, current_period_end: end })) },
  };
}

/** The fields a new subscription starts with beyond what its params decide (no invoicing, no payments). */
export function subscriptionDefaults(): Record<string, unknown> {
  return {
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_thresholds: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discount: null,
    discounts: [],
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    latest_invoice: null,
    livemode: false,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    test_clock: null,
    transfer_data: null,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
  };
}
