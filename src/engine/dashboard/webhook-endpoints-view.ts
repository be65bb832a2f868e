import type { ControlRoute, EngineCore } from '../context.js';
import { resourceMissing } from '../errors.js';
import { stmt } from '../store/statements.js';
import type { StripeObject } from '../store/objects.js';
import { endpointSecret } from '../webhooks/delivery.js';
import { acceptedEventTypes, emittedEventTypes } from '../webhooks/event-types.js';
import type { EventTypeCatalog, WebhookEndpointSummary } from '@shared/dashboard-api.js';

interface StatsRow {
  endpoint_id: string;
  succeeded: number;
  failed: number;
  pending: number;
  last_ms: number | null;
}

/** Every endpoint, newest first, with how its deliveries went. */
function listEndpoints(core: EngineCore): WebhookEndpointSummary[] {
  const stats = new Map(
    (
      stmt(
        core.db,
        `SELECT endpoint_id, sum(status = 'succeeded') AS succeeded, sum(status = 'failed') AS failed,
           sum(status = 'pending') AS pending, max(created_ms) AS last_ms
         FROM deliveries GROUP BY endpoint_id`,
      ).all() as StatsRow[]
    ).map((r) => [r.endpoint_id, r]),
  );
  return core.store.list('webhook_endpoint', { limit: 100 }).data.map((endpoint) => {
    const s = stats.get(endpoint.id);
    return {
      endpoint: endpoint as WebhookEndpointSummary['endpoint'],
      deliveries: { succeeded: s?.succeeded ?? 0, failed: s?.failed ?? 0, pending: s?.pending ?? 0 },
      last_delivery_ms: s?.last_ms ?? null,
    };
  });
}

function endpointOrThrow(core: EngineCore, id: string): StripeObject {
  const ep = core.store.get(id, 'webhook_endpoint');
  if (!ep) throw resourceMissing('webhook endpoint', id);
  return ep;
}

/**
 * The dashboard's side of webhook endpoints. The public API shows a signing
 * secret once, in the create response; the dashboard, behind its token, can
 * show it again, as Stripe's dashboard does.
 */
export const webhookEndpointViews: ControlRoute[] = [
  { method: 'GET', path: '/dashboard/webhook_endpoints', handler: ({ core }) => ({ data: listEndpoints(core) }) },
  {
    method: 'GET',
    path: '/dashboard/webhook_endpoints/:id/secret',
    handler: ({ core, params }) => {
      const ep = endpointOrThrow(core, params.id);
      return { endpoint: ep.id, secret: endpointSecret(core, ep.id) ?? null };
    },
  },
  {
    method: 'GET',
    path: '/dashboard/event_types',
    handler: (): EventTypeCatalog => ({ accepted: acceptedEventTypes(), emitted: emittedEventTypes() }),
  },
];
