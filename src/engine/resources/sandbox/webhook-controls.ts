import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { ID_PREFIXES } from '../../ids.js';
import { EVENT_TYPES } from '../../spec.js';
import type { StripeObject } from '../../store/objects.js';
import { enqueueDelivery } from '../../webhooks/queue.js';

function endpointOrThrow(core: EngineCore, id: unknown): StripeObject {
  if (typeof id !== 'string') throw invalidRequest('Missing required param: endpoint.', 'endpoint', 'parameter_missing');
  const ep = core.store.get(id, 'webhook_endpoint');
  if (!ep) throw resourceMissing('webhook endpoint', id, 'endpoint');
  return ep;
}

/** The object type an event type is about: `treasury.outbound_payment.posted` → `treasury.outbound_payment`. */
function objectTypeOf(eventType: string): string {
  return eventType.split('.').slice(0, -1).join('.');
}

/** The newest real object of the event's type, or a minimal sample like the dashboard's test events. */
function sampleObject(core: EngineCore, eventType: string): StripeObject {
  const type = objectTypeOf(eventType);
  const latest = core.store.list(type, { limit: 1 }).data[0];
  if (latest) return latest;
  const prefix = (ID_PREFIXES as Record<string, string>)[type] ?? type.split('.').pop();
  return { id: `${prefix}_00000000000000`, object: type, created: core.clock.now(), livemode: false };
}

/** Sending a test event to one endpoint, and resending an event. */
export const webhookControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/webhook_endpoints/:id/test',
    handler: ({ core, params, body }) => {
      const ep = endpointOrThrow(core, params.id);
      const type = typeof body.type === 'string' ? body.type : 'treasury.financial_account.created';
      if (!EVENT_TYPES.includes(type)) throw invalidRequest(`Unknown event type: ${type}`, 'type');
      return core.db.transaction(() => core.emitEvent(type, sampleObject(core, type), { onlyEndpoint: ep.id }))();
    },
  },
  {
    method: 'POST',
    path: '/events/:id/resend',
    handler: ({ core, params, body }) => {
      const event = core.store.get(params.id, 'event');
      if (!event) throw resourceMissing('event', params.id);
      const ep = endpointOrThrow(core, body.endpoint);
      const delivery = core.db.transaction(() => {
        core.store.update({ ...event, pending_webhooks: Number(event.pending_webhooks ?? 0) + 1 });
        return enqueueDelivery(core, event.id, ep.id);
      })();
      return { delivery, event: event.id, endpoint: ep.id };
    },
  },
];

