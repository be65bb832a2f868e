import type { EngineCore } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import { previousAttributes, save, type Emit } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { IDENTITY_JOBS } from './outcome.js';
import { REDACTED, REPORT, SESSION, type VerificationReport, type VerificationSession } from './shape.js';
import { SESSION_STATES } from './transitions.js';

/** How long the sandbox takes to finish a redaction (Stripe: "up to four days"); the clock or "jump to next" finishes it. */
export const REDACTION_SECONDS = 3600;

const DATES = new Set(['dob', 'expiration_date', 'issued_date']);
const PERSONAL = new Set([
  'first_name', 'last_name', 'email', 'phone', 'number', 'id_number', 'issuing_country', 'sex',
  'unparsed_place_of_birth', 'unparsed_sex', 'line1', 'line2', 'city', 'state', 'postal_code', 'country',
]);

/** A hash with every personal value replaced by `[redacted]` (dates by empty dates), as Stripe redacts. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (DATES.has(k) && v && typeof v === 'object') out[k] = { day: null, month: null, year: null };
    else if (k === 'address' && v && typeof v === 'object') out[k] = scrub(v);
    else if (PERSONAL.has(k) && typeof v === 'string') out[k] = REDACTED;
    else out[k] = v && typeof v === 'object' && k !== 'error' ? scrub(v) : v;
  }
  return out;
}

const SECTIONS: Record<string, string[]> = {
  [SESSION]: ['verified_outputs', 'provided_details'],
  [REPORT]: ['document', 'id_number', 'selfie', 'email', 'phone'],
};

/** The object with its personal data redacted and its metadata wiped. */
export function redactObject<T extends StripeObject>(obj: T): T {
  const out: Record<string, unknown> = { ...obj };
  for (const key of SECTIONS[obj.object] ?? []) if (out[key] != null) out[key] = scrub(out[key]);
  if ('metadata' in out) out.metadata = {};
  return out as T;
}

/** Redacts the copies of an object that its events hold. */
function redactEvents(core: EngineCore, objectId: string): void {
  for (const ev of [...core.store.iterate<StripeObject & { data: { object: StripeObject; previous_attributes?: Record<string, unknown> } }>('event', objectId)]) {
    const data = { ...ev.data, object: redactObject(ev.data.object) };
    if (data.previous_attributes) data.previous_attributes = redactObject({ ...data.previous_attributes, object: ev.data.object.object } as StripeObject);
    if (data.previous_attributes) delete data.previous_attributes.object;
    core.store.update({ ...ev, data });
  }
}

/** Redacts what the request log kept of requests about an object: its responses, and the params that carried personal data. */
function redactRequestLog(core: EngineCore, objectId: string): void {
  const rows = core.db.prepare('SELECT seq, params, response FROM request_log WHERE object_id = ?').all(objectId) as { seq: number; params: string; response: string }[];
  const update = core.db.prepare('UPDATE request_log SET params = ?, response = ? WHERE seq = ?');
  for (const row of rows) {
    const params = JSON.parse(row.params) as Record<string, unknown>;
    if (params.metadata !== undefined) params.metadata = {};
    if (params.provided_details !== undefined) params.provided_details = scrub(params.provided_details);
    let response = row.response;
    try {
      const body = JSON.parse(row.response) as StripeObject;
      if (typeof body.object === 'string') response = JSON.stringify(redactObject(body));
    } catch {
      /* not JSON: leave it */
    }
    update.run(JSON.stringify(params), response, row.seq);
  }
}

/**
 * Redacts a session, its reports, their events and request log entries now, and leaves
 * `redaction.status` processing until the sandbox clock finishes it. A session
 * in `requires_input` is canceled too.
 */
export function redactSession(core: EngineCore, emit: Emit, before: VerificationSession): VerificationSession {
  transition(SESSION_STATES, 'VerificationSession', before, 'redact');
  const status = before.status === 'requires_input' ? 'canceled' : before.status;
  const vs: VerificationSession = redactObject({ ...before, status, redaction: { status: 'processing' }, url: null, client_secret: null });
  for (const report of [...core.store.iterate<VerificationReport>(REPORT, before.id)]) {
    save(core, redactObject(report));
    redactEvents(core, report.id);
    redactRequestLog(core, report.id);
  }
  redactEvents(core, before.id);
  redactRequestLog(core, before.id);
  save(core, vs);
  core.scheduler.cancel(IDENTITY_JOBS.finishSubmission, (p) => p.id === vs.id);
  core.scheduler.schedule(IDENTITY_JOBS.finishRedaction, core.clock.now() + REDACTION_SECONDS, { id: vs.id });
  if (status === 'canceled') emit('identity.verification_session.canceled', vs, previousAttributes(redactObject(before), vs));
  return vs;
}

/** The redaction finishes: `redaction.status` redacted, and the `.redacted` event. */
export function finishRedaction(core: EngineCore, emit: Emit, id: string): void {
  const before = core.store.get<VerificationSession>(id, SESSION);
  if (!before || before.redaction?.status !== 'processing') return;
  const vs: VerificationSession = { ...before, redaction: { status: 'redacted' } };
  // Requests still in the log's write buffer at redaction time are redacted now.
  redactRequestLog(core, id);
  for (const report of [...core.store.iterate<VerificationReport>(REPORT, id)]) redactRequestLog(core, report.id);
  save(core, vs);
  emit('identity.verification_session.redacted', vs, previousAttributes(before, vs));
}
