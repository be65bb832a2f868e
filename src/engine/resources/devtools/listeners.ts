import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { newId, randomTail } from '../../ids.js';
import eventTypes from '../../../../resources/openapi/event-types.json';
import { EVENT_TYPES } from '../../spec.js';
import type { StripeObject } from '../../store/objects.js';
import { atomically, stmt } from '../../store/statements.js';
import { abandonDeliveries } from '../../webhooks/queue.js';
import { chaosOf, parseChaos, rollSecret, rolledSecrets, setChaos } from '../../webhooks/chaos.js';
import type { WebhookEndpoint } from '../webhooks/webhook-endpoints.js';

/** The metadata key that marks an endpoint as a `counterfoil listen` session. */
export const LISTENER_KEY = 'counterfoil_listener';
const SECRET = /^whsec_[A-Za-z0-9]{16,}$/;
/** What a listener may subscribe to: what a webhook endpoint may. */
const SUBSCRIBABLE = new Set(['*', ...eventTypes.types, ...EVENT_TYPES]);

function checkUrl(url: unknown): string {
  if (typeof url !== 'string' || !url) throw invalidRequest('Missing required param: url.', 'url', 'parameter_missing');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Invalid URL: ${url}`, 'url', 'url_invalid');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidRequest('Invalid URL: URL must use the http or https scheme.', 'url', 'url_invalid');
  return url;
}

function checkEvents(events: unknown): string[] {
  const list = events === undefined ? ['*'] : Array.isArray(events) ? events.map(String) : String(events).split(',');
  const cleaned = list.map((e) => e.trim()).filter(Boolean);
  if (cleaned.length === 0) return ['*'];
  cleaned.forEach((type, i) => {
    if (!SUBSCRIBABLE.has(type)) throw invalidRequest(`Unknown event type: ${type}`, `enabled_events[${i}]`);
  });
  return cleaned;
}

function listenersFor(core: EngineCore, url: string): WebhookEndpoint[] {
  return [...core.store.iterate<WebhookEndpoint>('webhook_endpoint')].filter((ep) => ep.metadata?.[LISTENER_KEY] === 'true' && ep.url === url);
}

function removeEndpoint(core: EngineCore, id: string): void {
  core.store.delete(id);
  stmt(core.db, 'DELETE FROM endpoint_secrets WHERE endpoint_id = ?').run(id);
  stmt(core.db, 'DELETE FROM endpoint_chaos WHERE endpoint_id = ?').run(id);
  abandonDeliveries(core, id, 'listener stopped');
  core.changes.publish({ kind: 'object', type: 'webhook_endpoint', id });
}

/**
 * Registers a `counterfoil listen` session: a webhook endpoint for the forward
 * URL, signed with the secret the CLI keeps for that URL (so a user's `.env`
 * stays valid across restarts). An earlier session for the same URL that was
 * not stopped cleanly is replaced.
 */
function registerListener(core: EngineCore, body: Record<string, unknown>): { endpoint: WebhookEndpoint; secret: string; replaced: string[] } {
  const url = checkUrl(body.url);
  const events = checkEvents(body.enabled_events);
  const secret = body.secret === undefined ? `whsec_${randomTail(32)}` : String(body.secret);
  if (!SECRET.test(secret)) throw invalidRequest('secret must look like whsec_ followed by at least 16 letters or digits.', 'secret');
  return atomically(core.db, () => {
    const replaced = listenersFor(core, url).map((ep) => ep.id);
    for (const id of replaced) removeEndpoint(core, id);
    const endpoint: WebhookEndpoint = {
      id: newId('webhook_endpoint'),
      object: 'webhook_endpoint',
      api_version: null,
      application: null,
      created: core.clock.now(),
      description: 'counterfoil listen',
      enabled_events: events,
      livemode: false,
      metadata: { [LISTENER_KEY]: 'true' },
      status: 'enabled',
      url,
    };
    core.store.insert(endpoint);
    stmt(core.db, 'INSERT INTO endpoint_secrets (endpoint_id, secret) VALUES (?, ?)').run(endpoint.id, secret);
    core.changes.publish({ kind: 'object', type: 'webhook_endpoint', id: endpoint.id });
    return { endpoint, secret, replaced };
  });
}

function endpointOrThrow(core: EngineCore, id: string): StripeObject {
  const ep = core.store.get(id, 'webhook_endpoint');
  if (!ep) throw resourceMissing('webhook endpoint', id);
  return ep;
}

function chaosView(core: EngineCore, id: string) {
  return {
    endpoint: id,
    chaos: chaosOf(core, id),
    rolled_secrets: rolledSecrets(core, id).map((r) => ({ expires_ms: r.expires_ms })),
  };
}

/** Listener sessions, delivery chaos per endpoint and secret rolling. */
export const listenerControls: ControlRoute[] = [
  { method: 'POST', path: '/listeners', handler: ({ core, body }) => registerListener(core, body) },
  {
    method: 'DELETE',
    path: '/listeners/:id',
    handler: ({ core, params }) => {
      const ep = endpointOrThrow(core, params.id) as WebhookEndpoint;
      if (ep.metadata?.[LISTENER_KEY] !== 'true') throw invalidRequest(`${ep.id} is a webhook endpoint, not a listener.`, 'id');
      atomically(core.db, () => removeEndpoint(core, ep.id));
      return { id: ep.id, deleted: true };
    },
  },
  {
    method: 'GET',
    path: '/webhook_endpoints/:id/chaos',
    handler: ({ core, params }) => chaosView(core, endpointOrThrow(core, params.id).id),
  },
  {
    method: 'POST',
    path: '/webhook_endpoints/:id/chaos',
    handler: ({ core, params, body }) => {
      const ep = endpointOrThrow(core, params.id);
      setChaos(core, ep.id, parseChaos(body));
      core.changes.publish({ kind: 'object', type: 'webhook_endpoint', id: ep.id });
      return chaosView(core, ep.id);
    },
  },
  {
    method: 'POST',
    path: '/webhook_endpoints/:id/roll_secret',
    handler: ({ core, params, body }) => {
      const ep = endpointOrThrow(core, params.id);
      const expires = body.expires_in_seconds === undefined ? 86_400 : Number(body.expires_in_seconds);
      if (!Number.isInteger(expires) || expires < 0 || expires > 7 * 86_400) {
        throw invalidRequest('expires_in_seconds must be a whole number from 0 (the old secret stops now) to 604800 (7 days).', 'expires_in_seconds');
      }
      const row = stmt(core.db, 'SELECT secret FROM endpoint_secrets WHERE endpoint_id = ?').get(ep.id) as { secret: string } | undefined;
      if (!row) throw resourceMissing('webhook endpoint secret', ep.id);
      const secret = `whsec_${randomTail(32)}`;
      rollSecret(core, ep.id, row.secret, secret, expires);
      core.changes.publish({ kind: 'object', type: 'webhook_endpoint', id: ep.id });
      return { ...chaosView(core, ep.id), secret, previous_secret_expires_ms: expires > 0 ? core.clock.nowMs() + expires * 1000 : null };
    },
  },
];
