import type { EngineCore } from '../../context.js';
import { baseUrlOf, linkToken } from '../../http/hosted.js';
import { randomTail } from '../../ids.js';
import { insert, previousAttributes, save, type Emit } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { ERROR_CODES, checkFailureCode, checksOf } from './codes.js';
import { buildReport } from './reports.js';
import { SESSION, TEST_PERSON, type VerificationSession } from './shape.js';
import { SESSION_STATES } from './transitions.js';

/** How long after an async submission the outcome arrives, in sandbox seconds ("most checks < 1 min"). */
export const PROCESSING_SECONDS = 60;

export const IDENTITY_JOBS = {
  /** A submission made with `simulate_delay` reaches its outcome. */
  finishSubmission: 'identity.verification_session.finish',
  /** A redaction finishes: `redaction.status` becomes `redacted`. */
  finishRedaction: 'identity.verification_session.redacted',
} as const;

/** What the user (or the sandbox, for them) submitted: verified, or unverified with a code. */
export interface Outcome {
  verified: boolean;
  code?: string;
}

/** The path of a session's hosted test page, from its url. */
export const HOSTED_PREFIX = '/hosted/identity/';

/** A fresh single-use link and client secret, as Stripe issues for each attempt in `requires_input`. */
export function freshLinks(core: EngineCore, id: string): { url: string; client_secret: string } {
  return { url: `${baseUrlOf(core)}${HOSTED_PREFIX}${linkToken('test_')}`, client_secret: `${id}_secret_test_${randomTail(24)}` };
}

/** The verified outputs of a session: the test person, limited to what its checks collect. */
function verifiedOutputs(vs: VerificationSession): Record<string, unknown> {
  const checks = checksOf(vs);
  const p = TEST_PERSON;
  return {
    address: checks.has('document') ? { ...p.address } : null,
    email: checks.has('email') ? (vs.provided_details?.email ?? null) : null,
    first_name: p.first_name,
    id_number_type: checks.has('id_number') ? p.id_number_type : null,
    last_name: p.last_name,
    phone: checks.has('phone') ? (vs.provided_details?.phone ?? null) : null,
  };
}

/** Checks an outcome before anything is written: Stripe's 400 when its code does not fit the session. */
export function checkOutcome(vs: VerificationSession, outcome: Outcome): Outcome {
  return outcome.verified ? outcome : { verified: false, code: checkFailureCode(vs, outcome.code) };
}

/**
 * Applies a submission's outcome now: `verified` with a report and the test
 * person's outputs, or back to `requires_input` with `last_error`, an
 * unverified report (for check-level codes) and a fresh link for a retry.
 */
export function finishSubmission(core: EngineCore, emit: Emit, before: VerificationSession, outcome: Outcome): VerificationSession {
  const { verified, code } = checkOutcome(before, outcome);
  const status = transition(SESSION_STATES, 'VerificationSession', before, verified ? 'verify' : 'unverify');
  const vs: VerificationSession = { ...before, status };
  const sessionLevel = !verified && ERROR_CODES[code!].check === 'session';
  if (!sessionLevel) {
    const report = insert(core, buildReport(core, before, verified ? undefined : code), before.id);
    vs.last_verification_report = report.id;
  }
  if (verified) {
    vs.last_error = null;
    vs.verified_outputs = verifiedOutputs(before);
    vs.url = null;
    vs.client_secret = null;
  } else {
    vs.last_error = { code: code!, reason: ERROR_CODES[code!].reason };
    vs.verified_outputs = null;
    Object.assign(vs, freshLinks(core, vs.id));
  }
  save(core, vs);
  core.scheduler.cancel(IDENTITY_JOBS.finishSubmission, (p) => p.id === vs.id);
  emit(`identity.verification_session.${verified ? 'verified' : 'requires_input'}`, vs, previousAttributes(before, vs));
  return vs;
}

/**
 * The user submits: with `delay` the session waits in `processing` and the
 * outcome arrives on the sandbox clock a minute later; without, it applies now.
 */
export function submit(core: EngineCore, emit: Emit, before: VerificationSession, outcome: Outcome, delay: boolean): VerificationSession {
  const checked = checkOutcome(before, outcome);
  if (!delay) return finishSubmission(core, emit, before, checked);
  const status = transition(SESSION_STATES, 'VerificationSession', before, 'submit');
  // The link and secret were used by this submission.
  const vs: VerificationSession = { ...before, status, url: null, client_secret: null };
  save(core, vs);
  core.scheduler.schedule(IDENTITY_JOBS.finishSubmission, core.clock.now() + PROCESSING_SECONDS, { id: vs.id, ...checked });
  emit('identity.verification_session.processing', vs, previousAttributes(before, vs));
  return vs;
}

/** Finds the session a hosted link belongs to (its current url only: a used or replaced link opens nothing). */
export function sessionOfLink(core: EngineCore, token: string): VerificationSession | undefined {
  const suffix = `${HOSTED_PREFIX}${token}`;
  const row = core.db
    .prepare(`SELECT data FROM objects WHERE type = ? AND substr(json_extract(data, '$.url'), -length(?)) = ?`)
    .get(SESSION, suffix, suffix) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as VerificationSession) : undefined;
}
