import type { ObjectAction } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import { allows } from '../treasury/transitions.js';
import { SUBSCRIPTION } from './transitions.js';

const path = (o: StripeObject) => `/v1/subscriptions/${o.id}`;

/** The buttons the UI may show on a subscription, legal exactly when the state machine allows them. */
export const billingActions: Record<string, ObjectAction[]> = {
  subscription: [
    {
      name: 'end_trial',
      label: 'End trial now',
      available: (o) => allows(SUBSCRIPTION, o, 'end_trial'),
      request: (o) => ({ method: 'POST', path: path(o), body: { trial_end: 'now' } }),
    },
    {
      name: 'cancel_at_period_end',
      label: 'Cancel at period end',
      available: (o) => allows(SUBSCRIPTION, o, 'cancel') && o.cancel_at_period_end !== true,
      request: (o) => ({ method: 'POST', path: path(o), body: { cancel_at_period_end: true } }),
    },
    {
      name: 'resume',
      label: 'Keep subscription',
      available: (o) => allows(SUBSCRIPTION, o, 'update') && o.cancel_at_period_end === true,
      request: (o) => ({ method: 'POST', path: path(o), body: { cancel_at_period_end: false } }),
    },
  ],
};
