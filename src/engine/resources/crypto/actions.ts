import type { ObjectAction } from '../../context.js';
import { allows } from '../treasury/transitions.js';
import { ONRAMP_SESSION } from './shape.js';
import { NEXT_STATUSES, ONRAMP_STATES } from './transitions.js';

const LABELS: Record<(typeof NEXT_STATUSES)[number], string> = {
  requires_payment: 'Finish onboarding',
  rejected: 'Reject (KYC)',
  fulfillment_processing: 'Pay with test card',
  fulfillment_complete: 'Confirm delivery',
};

/** One button per next status, shown exactly while the transition table allows it. */
export const cryptoActions: Record<string, ObjectAction[]> = {
  [ONRAMP_SESSION]: NEXT_STATUSES.map((status) => ({
    name: status,
    label: LABELS[status],
    available: (o) => allows(ONRAMP_STATES, o, status),
    request: (o) => ({ method: 'POST', path: `/_counterfoil/crypto/onramp_sessions/${o.id}/advance`, body: { status } }),
  })),
};
