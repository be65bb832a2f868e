import type { TransitionTable } from '../treasury/transitions.js';
import type { SessionStatus } from './shape.js';

export type SessionAction = 'update' | 'cancel' | 'redact' | 'submit' | 'verify' | 'unverify';

const notRedacted = (o: Record<string, any>) => (o.redaction ? 'it has been redacted' : null);

/**
 * VerificationSession, as Stripe documents it: update and cancel only in
 * `requires_input`; the user's submission (`submit`, with a delayed outcome)
 * goes to `processing`; the outcome is `verified` or back to `requires_input`;
 * redaction from `requires_input` (which also cancels) or `verified`, once.
 */
export const SESSION_STATES: TransitionTable<SessionStatus, SessionAction> = {
  update: { from: ['requires_input'], verb: 'updated', guard: notRedacted },
  cancel: { from: ['requires_input'], to: 'canceled', verb: 'canceled', guard: notRedacted },
  redact: { from: ['requires_input', 'verified'], verb: 'redacted', guard: (o) => (o.redaction ? 'it has already been redacted' : null) },
  submit: { from: ['requires_input'], to: 'processing', verb: 'submitted', guard: notRedacted },
  verify: { from: ['requires_input', 'processing'], to: 'verified', verb: 'verified', guard: notRedacted },
  unverify: { from: ['requires_input', 'processing'], to: 'requires_input', verb: 'unverified', guard: notRedacted },
};
