import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { loadRaw } from '../../http/raw-json.js';
import { newId, randomTail } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import { stmt } from '../../store/statements.js';
import type { StripeObject } from '../../store/objects.js';
import { acceptedEventTypes } from '../../webhooks/event-types.js';
import { abandonDeliveries } from '../../webhooks/queue.js';

const TYPE = 'webhook_endpoint';

export interface WebhookEndpoint extends StripeObject {
  object: 'webhook_endpoint';
  api_version: string | null;
  application: null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  status: 'enabled' | 'disabled';
  url: string;
}

const SUBSCRIBABLE = new Set(['*', ...acceptedEventTypes()]);

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Invalid URL: ${url}`, 'url', 'url_invalid');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalidRequest(`Invalid URL: URL must use the http or https scheme.`, 'url', 'url_invalid');
  }
}

function checkEvents(events: string[]): void {
  events.forEach((type, i) => {
    if (!SUBSCRIBABLE.has(type)) {
      throw invalidRequest(
        `Invalid enabled_events[${i}]: '${type}' is not a Stripe event type. Use '*' or the name of an event type, such as 'treasury.received_credit.created'.`,
        `enabled_events[${i}]`,
      );
    }
  });
}

/** The endpoint, or Stripe's 404 for its id. */
export function findEndpoint(ctx: RequestContext, id: string): WebhookEndpoint {
  const ep = ctx.core.store.get<WebhookEndpoint>(id, TYPE);
  if (!ep) throw resourceMissing('webhook endpoint', id);
  return ep;
}

function create(ctx: RequestContext): WebhookEndpoint & { secret: string } {
  const p = ctx.params;
  checkUrl(p.url);
  checkEvents(p.enabled_events);
  const endpoint: WebhookEndpoint = {
    id: newId('webhook_endpoint'),
    object: TYPE,
    api_version: p.api_version ?? null,
    application: null,
    created: ctx.core.clock.now(),
    description: p.description || null,
    enabled_events: p.enabled_events,
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    status: 'enabled',
    url: p.url,
  };
  const secret = `whsec_${randomTail(32)}`;
  ctx.core.store.insert(endpoint);
  stmt(ctx.core.db, 'INSERT INTO endpoint_secrets (endpoint_id, secret) VALUES (?, ?)').run(endpoint.id, secret);
  ctx.core.changes.publish({ kind: 'object', type: TYPE, id: endpoint.id });
  // The secret is part of the create response only, as in Stripe.
  return { ...endpoint, secret };
}

function update(ctx: RequestContext): WebhookEndpoint {
  const p = ctx.params;
  const ep = findEndpoint(ctx, ctx.path.webhook_endpoint);
  if (p.url !== undefined) checkUrl(p.url);
  if (p.enabled_events !== undefined) checkEvents(p.enabled_events);
  const next: WebhookEndpoint = {
    ...ep,
    url: p.url ?? ep.url,
    enabled_events: p.enabled_events ?? ep.enabled_events,
    description: p.description === undefined ? ep.description : p.description || null,
    metadata: applyMetadata(ep.metadata, p.metadata),
    status: p.disabled === undefined ? ep.status : p.disabled ? 'disabled' : 'enabled',
  };
  ctx.core.store.update(next);
  if (next.status === 'disabled') abandonDeliveries(ctx.core, ep.id, 'endpoint disabled');
  ctx.core.changes.publish({ kind: 'object', type: TYPE, id: ep.id });
  return next;
}

function remove(ctx: RequestContext) {
  const ep = findEndpoint(ctx, ctx.path.webhook_endpoint);
  ctx.core.store.delete(ep.id);
  stmt(ctx.core.db, 'DELETE FROM endpoint_secrets WHERE endpoint_id = ?').run(ep.id);
  abandonDeliveries(ctx.core, ep.id, 'endpoint deleted');
  ctx.core.changes.publish({ kind: 'object', type: TYPE, id: ep.id });
  return { id: ep.id, object: TYPE, deleted: true };
}

/** The Webhook Endpoints API. */
export const webhookEndpointOperations: Operation[] = [
  { method: 'POST', path: '/v1/webhook_endpoints', handler: create },
  { method: 'GET', path: '/v1/webhook_endpoints', handler: (ctx) => listObjects(ctx, TYPE, '/v1/webhook_endpoints') },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints/{webhook_endpoint}',
    handler: (ctx) => loadRaw(ctx.core, TYPE, ctx.path.webhook_endpoint, 'webhook endpoint'),
  },
  { method: 'POST', path: '/v1/webhook_endpoints/{webhook_endpoint}', handler: update },
  { method: 'DELETE', path: '/v1/webhook_endpoints/{webhook_endpoint}', handler: remove },
];
