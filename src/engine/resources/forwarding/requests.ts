import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { StripeError, invalidRequest, resourceMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { forgetCvc, requirePaymentMethod, secretsOf } from '../payment-methods/index.js';
import { configForUrl } from './config-store.js';
import { checkDestinationUrl } from './config-validate.js';
import { buildBody, fillPlaceholders, type CardReplacement } from './inject.js';
import { maskHeaderValue, redactHeaders, redactText, truncate, type Sensitive } from './redact.js';
import { send, type Outcome } from './send.js';
import { signatureHeaders } from './signature.js';
import { atomically } from '../../store/statements.js';

const TYPE = 'forwarding.request';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers the transport owns; a user-supplied one would desynchronise the request.
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type']);

export interface ForwardingRequest extends StripeObject {
  object: 'forwarding.request';
  created: number;
  livemode: false;
  metadata: Record<string, string>;
  payment_method: string;
  replacements: string[];
  request_context: { destination_duration: number; destination_ip_address: string } | null;
  request_details: { body: string; headers: { name: string; value: string }[]; http_method: 'POST' } | null;
  response_details: { body: string; headers: { name: string; value: string }[]; status: number } | null;
  url: string;
}

function invalidParam(message: string, param: string): StripeError {
  return invalidRequest(message, param, 'forwarding_api_invalid_parameter');
}

function userHeaders(raw: unknown): [string, string][] {
  const list = (raw ?? []) as { name: string; value: string }[];
  return list.map((h, i) => {
    if (!HEADER_NAME.test(h.name)) throw invalidParam(`Invalid header name: ${h.name}`, `request[headers][${i}][name]`);
    if (/[\r\n\0]/.test(h.value)) throw invalidParam('Header values cannot contain line breaks.', `request[headers][${i}][value]`);
    if (RESERVED.has(h.name.toLowerCase())) throw invalidParam(`The ${h.name} header is set by Stripe.`, `request[headers][${i}][name]`);
    return [h.name, h.value];
  });
}

/** Everything up to the network: checks, the allowlist, and both versions (clear and recorded) of the request. */
function prepare(core: EngineCore, p: Record<string, any>) {
  const url = checkDestinationUrl(p.url);
  const replacements = [...new Set(p.replacements as string[])];
  if (replacements.length === 0) throw invalidParam('replacements must name at least one field to replace.', 'replacements');
  const pm = requirePaymentMethod(core, p.payment_method);
  if (pm.type !== 'card') throw invalidParam('Only card PaymentMethods can be forwarded.', 'payment_method');
  const found = configForUrl(core, url);
  if (!found) {
    throw invalidRequest(
      `Forwarding to ${url} is not enabled: no forwarding config allows this destination. Add one with POST /_counterfoil/forwarding/configs (see docs/forwarding.md).`,
      'url',
      'forwarding_api_inactive',
    );
  }
  const { config, secrets } = found;
  const secret = secretsOf(core, pm);
  if (secret?.type !== 'card') throw invalidParam('The card details of this PaymentMethod are not in the vault.', 'payment_method');
  const card = secret.card;
  const cardFields = replacements.filter((r) => r !== 'request_signature') as CardReplacement[];
  const body = buildBody(config, p.request?.body, card, cardFields, secrets.values);
  const template: [string, string][] = [['Content-Type', body.contentType], ['User-Agent', 'Stripe'], ['Accept', '*/*'], ...userHeaders(p.request?.headers)];
  const sentHeaders = template.map(([n, v]): [string, string] => [n, fillPlaceholders(v, secrets.values)]);
  const storedHeaders = template.map(([n, v]) => ({ name: n, value: maskHeaderValue(n, v) }));
  if (replacements.includes('request_signature')) {
    if (!config.request_signature || !secrets.signatureSecret) {
      throw invalidParam(`The forwarding config ${config.id} has no request_signature scheme.`, 'replacements');
    }
    for (const [n, v] of signatureHeaders(config.request_signature, secrets.signatureSecret, body.sent, core.clock.wallMs())) {
      sentHeaders.push([n, v]);
      storedHeaders.push({ name: n, value: maskHeaderValue(n, v) });
    }
  }
  const sensitive: Sensitive = { cardNumber: card.number, cvc: card.cvc, secrets: { ...secrets.values } };
  if (secrets.signatureSecret) sensitive.secrets.REQUEST_SIGNATURE_SECRET = secrets.signatureSecret;
  return { url, replacements, config, body, sentHeaders, storedHeaders, sensitive, pmId: pm.id };
}

function record(core: EngineCore, p: Record<string, any>, prep: ReturnType<typeof prepare>, outcome: Outcome): ForwardingRequest {
  const response =
    outcome.kind === 'response'
      ? {
          body: truncate(redactText(outcome.body, prep.sensitive)),
          headers: redactHeaders(outcome.headers, prep.sensitive).map((h) => ({ name: h.name, value: truncate(h.value) })),
          status: outcome.status,
        }
      : null;
  const fr: ForwardingRequest = {
    id: newId('forwarding.request'),
    object: TYPE,
    created: core.clock.now(),
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    payment_method: prep.pmId,
    replacements: prep.replacements,
    request_context: { destination_duration: outcome.durationMs, destination_ip_address: outcome.ip },
    request_details: { body: truncate(prep.body.stored), headers: prep.storedHeaders, http_method: 'POST' },
    response_details: response,
    url: prep.url,
  };
  core.store.insert(fr);
  // Stripe: a CVC expires once it has been forwarded; the card must be collected again for another.
  if (prep.replacements.includes('card_cvc')) forgetCvc(core.db, prep.pmId);
  return fr;
}

/**
 * POST /v1/forwarding/requests: checks and resolves, sends outside any
 * transaction (the network is slow), then records in one. The destination's
 * own errors (4xx, 5xx) are a successful forward; no answer at all (refused,
 * TLS failure, timeout) is recorded too and reported as Stripe's
 * `forwarding_api_upstream_*` error with status 424, which replays under its
 * Idempotency-Key instead of sending again.
 */
async function create(ctx: RequestContext): Promise<ForwardingRequest> {
  const { core, params } = ctx;
  // Reads, plus at most one insert (a test payment method used for the first time): no transaction needed.
  const prep = prepare(core, params);
  const outcome = await send(
    {
      url: prep.url,
      headers: prep.sentHeaders,
      body: prep.body.sent,
      timeoutMs: prep.config.timeout_ms,
      maxResponseBytes: prep.config.max_response_bytes,
    },
    () => core.clock.wallMs(),
  );
  const fr = atomically(core.db, () => record(core, params, prep, outcome));
  core.changes.publish({ kind: 'forwarding', id: fr.id });
  if (outcome.kind !== 'response') {
    throw new StripeError(424, {
      type: 'api_error',
      code: outcome.kind === 'timeout' ? 'forwarding_api_upstream_connection_timeout' : 'forwarding_api_upstream_connection_error',
      message: `${outcome.message} The attempt is recorded as ${fr.id}.`,
    });
  }
  return fr;
}

function retrieve(ctx: RequestContext): ForwardingRequest {
  const fr = ctx.core.store.get<ForwardingRequest>(ctx.path.id, TYPE);
  if (!fr) throw resourceMissing('forwarding request', ctx.path.id);
  return fr;
}

/** The Forwarding API: create (really sends), retrieve, list. */
export const forwardingOperations: Operation[] = [
  { method: 'POST', path: '/v1/forwarding/requests', handler: create, async: true },
  { method: 'GET', path: '/v1/forwarding/requests/{id}', handler: retrieve },
  { method: 'GET', path: '/v1/forwarding/requests', handler: (ctx) => listObjects(ctx, TYPE, '/v1/forwarding/requests') },
];
