import type { ControlRoute } from '../../context.js';
import { parameterMissing, resourceMissing } from '../../errors.js';
import { sandboxEmitter } from '../treasury/common.js';
import { advance, choicesOf } from './advance.js';
import { ONRAMP_SESSION, type OnrampSession, type OnrampStatus } from './shape.js';
import { settingsControls } from './settings.js';
import { atomically } from '../../store/statements.js';

/**
 * `POST /_counterfoil/crypto/onramp_sessions/:id/advance {"status": …}`: what
 * the customer (or Stripe) does next, one legal step at a time. Documented in docs/crypto.md.
 */
export const cryptoControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/crypto/onramp_sessions/:id/advance',
    handler: ({ core, params, body }) => {
      if (body.status === undefined) throw parameterMissing('status');
      const choices = choicesOf(body);
      return atomically(core.db, () => {
        const session = core.store.get<OnrampSession>(params.id, ONRAMP_SESSION);
        if (!session) throw resourceMissing('crypto onramp session', params.id);
        return advance(core, sandboxEmitter(core), session, body.status as OnrampStatus, choices);
      });
    },
  },
  ...settingsControls,
];
