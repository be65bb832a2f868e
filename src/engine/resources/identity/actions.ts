import type { ObjectAction } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import { allows } from '../treasury/transitions.js';
import { defaultCodeFor } from './codes.js';
import { SESSION, type VerificationSession } from './shape.js';
import { SESSION_STATES, type SessionAction } from './transitions.js';

const CONTROL = '/_counterfoil/identity/verification_sessions';
const API = '/v1/identity/verification_sessions';

function act(name: string, label: string, needs: SessionAction, request: (o: StripeObject) => ReturnType<ObjectAction['request']>): ObjectAction {
  return { name, label, available: (o) => allows(SESSION_STATES, o, needs), request };
}

const code = (o: StripeObject) => defaultCodeFor(o as unknown as VerificationSession);

/** The buttons the UI offers on a VerificationSession, exactly while its state machine allows them. */
export const identityActions: Record<string, ObjectAction[]> = {
  [SESSION]: [
    act('verify', 'Verify', 'verify', (o) => ({ method: 'POST', path: `${CONTROL}/${o.id}/verify`, body: { simulate_delay: false } })),
    act('verify_async', 'Verify (async)', 'submit', (o) => ({ method: 'POST', path: `${CONTROL}/${o.id}/verify`, body: { simulate_delay: true } })),
    act('unverify', 'Fail verification', 'unverify', (o) => ({ method: 'POST', path: `${CONTROL}/${o.id}/unverify`, body: { code: code(o), simulate_delay: false } })),
    act('unverify_async', 'Fail verification (async)', 'submit', (o) => ({ method: 'POST', path: `${CONTROL}/${o.id}/unverify`, body: { code: code(o), simulate_delay: true } })),
    act('cancel', 'Cancel', 'cancel', (o) => ({ method: 'POST', path: `${API}/${o.id}/cancel` })),
    act('redact', 'Redact', 'redact', (o) => ({ method: 'POST', path: `${API}/${o.id}/redact` })),
  ],
};
