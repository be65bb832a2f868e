import type { ObjectAction } from '../../context.js';
import { REGISTRATION_CHANGES, type RegistrationStatus } from './registration-status.js';

const statusOf = (o: Record<string, unknown>) => o.status as RegistrationStatus;

/** Buttons on a registration, offered exactly when its status lets that time change. */
export const taxActions: Record<string, ObjectAction[]> = {
  'tax.registration': [
    {
      name: 'activate',
      label: 'Activate now',
      available: (o) => REGISTRATION_CHANGES[statusOf(o)]?.active_from === true,
      request: (o) => ({ method: 'POST', path: `/v1/tax/registrations/${o.id}`, body: { active_from: 'now' } }),
    },
    {
      name: 'expire',
      label: 'Expire now',
      available: (o) => REGISTRATION_CHANGES[statusOf(o)]?.expires_at === true,
      request: (o) => ({ method: 'POST', path: `/v1/tax/registrations/${o.id}`, body: { expires_at: 'now' } }),
    },
  ],
};
