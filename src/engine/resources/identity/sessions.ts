import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import { insert, load, previousAttributes, requestEmitter, save } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { saveReturnUrl } from './hosted-page.js';
import { freshLinks } from './outcome.js';
import { redactSession } from './redaction.js';
import { SESSION, type SessionOptions, type VerificationSession } from './shape.js';
import { SESSION_STATES } from './transitions.js';

const BASE = '/v1/identity/verification_sessions';

/** The session's options for its type: a document check keeps its document options; an ID number check has none. */
function optionsFor(type: string, given: Record<string, any> | undefined, current: SessionOptions | null = null): SessionOptions {
  const document = given?.document;
  if (type === 'id_number') {
    if (document !== undefined && document !== '') {
      throw invalidRequest('options[document] can only be set for a VerificationSession of type `document`.', 'options[document]');
    }
    return { id_number: {} };
  }
  if (document === '') return { document: {} };
  return { document: { ...(document ?? current?.document ?? {}) } };
}

export function loadSession(ctx: RequestContext, param = 'session'): VerificationSession {
  return load<VerificationSession>(ctx.core, SESSION, ctx.path[param], 'verification session', param);
}

function create(ctx: RequestContext): VerificationSession {
  const p = ctx.params;
  if (p.type === undefined && p.verification_flow === undefined) throw parameterMissing('type');
  if (p.type !== undefined && p.verification_flow !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: type, verification_flow.', 'type');
  }
  if (p.related_person && !p.related_person.account) throw parameterMissing('related_person[account]');
  const type = p.type ?? 'verification_flow';
  const id = newId('identity.verification_session');
  const vs: VerificationSession = {
    id,
    object: SESSION,
    client_reference_id: p.client_reference_id ?? null,
    ...freshLinks(ctx.core, id),
    created: ctx.core.clock.now(),
    last_error: null,
    last_verification_report: null,
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    options: optionsFor(type, p.options),
    provided_details: p.provided_details ? { ...p.provided_details } : null,
    redaction: null,
    related_customer: p.related_customer ?? null,
    related_customer_account: p.related_customer_account ?? null,
    ...(p.related_person ? { related_person: { account: p.related_person.account, person: p.related_person.person } } : {}),
    status: 'requires_input',
    type,
    ...(p.verification_flow ? { verification_flow: p.verification_flow } : {}),
    verified_outputs: null,
  };
  insert(ctx.core, vs, null);
  if (p.return_url) saveReturnUrl(ctx.core, id, p.return_url);
  ctx.emit('identity.verification_session.created', vs);
  return vs;
}

function update(ctx: RequestContext): VerificationSession {
  const p = ctx.params;
  const before = loadSession(ctx);
  transition(SESSION_STATES, 'VerificationSession', before, 'update');
  const type = p.type ?? before.type;
  const vs: VerificationSession = {
    ...before,
    type,
    metadata: applyMetadata(before.metadata, p.metadata),
    options: p.options !== undefined || p.type !== undefined ? optionsFor(type, p.options, type === before.type ? before.options : null) : before.options,
    provided_details: p.provided_details ? { ...(before.provided_details ?? {}), ...p.provided_details } : before.provided_details,
  };
  save(ctx.core, vs);
  return vs;
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, string> = {};
  for (const key of ['status', 'client_reference_id', 'related_customer', 'related_customer_account']) if (p[key] !== undefined) where[key] = p[key];
  return listObjects(ctx, SESSION, BASE, { where });
}

function cancel(ctx: RequestContext): VerificationSession {
  const before = loadSession(ctx);
  const status = transition(SESSION_STATES, 'VerificationSession', before, 'cancel');
  const vs: VerificationSession = { ...before, status, url: null, client_secret: null };
  save(ctx.core, vs);
  ctx.emit('identity.verification_session.canceled', vs, previousAttributes(before, vs));
  return vs;
}

/** VerificationSession: create, retrieve, update, list, cancel, redact. */
export const sessionOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: `${BASE}/{session}`, handler: (ctx) => loadSession(ctx) },
  { method: 'POST', path: `${BASE}/{session}`, handler: update },
  { method: 'POST', path: `${BASE}/{session}/cancel`, handler: cancel },
  { method: 'POST', path: `${BASE}/{session}/redact`, handler: (ctx) => redactSession(ctx.core, requestEmitter(ctx), loadSession(ctx)) },
];
