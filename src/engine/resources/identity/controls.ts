import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { sandboxEmitter } from '../treasury/common.js';
import { submit, type Outcome } from './outcome.js';
import { SESSION, type VerificationSession } from './shape.js';
import { atomically } from '../../store/statements.js';

function flag(body: Record<string, any>, name: string): boolean {
  const v = body[name];
  if (v === undefined || v === false || v === 'false') return false;
  if (v === true || v === 'true') return true;
  throw invalidRequest(`Invalid boolean: ${String(v)}`, name);
}

function loadForControl(core: EngineCore, id: string): VerificationSession {
  const vs = core.store.get<VerificationSession>(id, SESSION);
  if (!vs) throw resourceMissing('verification session', id);
  return vs;
}

/** Submits for the user of a session, as Stripe's test-mode page does ("Complete with test data"). */
export function submitControl(core: EngineCore, id: string, body: Record<string, any>, verified: boolean): VerificationSession {
  const delay = flag(body, 'simulate_delay');
  const outcome: Outcome = verified ? { verified } : { verified, code: body.code };
  return atomically(core.db, () => submit(core, sandboxEmitter(core), loadForControl(core, id), outcome, delay));
}

/**
 * `/_counterfoil/identity/verification_sessions/:id/verify` and `/unverify`:
 * the test-mode outcomes Stripe's hosted page offers. Documented in docs/identity.md.
 */
export const identityControls: ControlRoute[] = [
  { method: 'POST', path: '/identity/verification_sessions/:id/verify', handler: ({ core, params, body }) => submitControl(core, params.id, body, true) },
  { method: 'POST', path: '/identity/verification_sessions/:id/unverify', handler: ({ core, params, body }) => submitControl(core, params.id, body, false) },
];
