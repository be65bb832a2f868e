import type { TransitionTable } from '../treasury/transitions.js';
import type { OnrampStatus } from './shape.js';

/**
 * OnrampSession: onboarding brings the customer to payment, payment starts
 * delivery, delivery completes; KYC, sanctions or fraud checks reject before
 * payment. Each action is named after the status it leads to.
 */
export const ONRAMP_STATES: TransitionTable<OnrampStatus, Exclude<OnrampStatus, 'initialized'>> = {
  requires_payment: { from: ['initialized'], to: 'requires_payment', verb: 'moved to `requires_payment`' },
  rejected: { from: ['initialized', 'requires_payment'], to: 'rejected', verb: 'rejected' },
  fulfillment_processing: { from: ['requires_payment'], to: 'fulfillment_processing', verb: 'paid' },
  fulfillment_complete: { from: ['fulfillment_processing'], to: 'fulfillment_complete', verb: 'fulfilled' },
};

export const NEXT_STATUSES = Object.keys(ONRAMP_STATES) as Exclude<OnrampStatus, 'initialized'>[];
