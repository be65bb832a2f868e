import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import type { StripeObject } from '../../store/objects.js';
import { acceptedEventTypes } from '../../webhooks/event-types.js';
import { enqueueDelivery } from '../../webhooks/queue.js';
import { testObject } from '../../webhooks/test-object.js';
import { atomically } from '../../store/statements.js';

function endpointOrThrow(core: EngineCore, id: unknown): StripeObject {
  if (typeof id !== 'string') throw invalidRequest('Missing required param: endpoint.', 'endpoint', 'parameter_missing');
  const ep = core.store.get(id, 'webhook_endpoint');
  if (!ep) throw resourceMissing('webhook endpoint', id, 'endpoint');
  return ep;
}

/** Sending a test event to one endpoint, and resending an event. */
export const webhookControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/webhook_endpoints/:id/test',
    handler: ({ core, params, body }) => {
      const ep = endpointOrThrow(core, params.id);
      const type = typeof body.type === 'string' ? body.type : 'treasury.financial_account.created';
      if (!acceptedEventTypes().includes(type)) throw invalidRequest(`Unknown event type: ${type}`, 'type');
      // The object is made for the test (in the state the type implies), so no real object's history changes.
      return atomically(core.db, () => core.emitEvent(type, testObject(type, core.clock.now()), { onlyEndpoint: ep.id }));
    },
  },
  {
    method: 'POST',
    path: '/events/:id/resend',
    handler: ({ core, params, body }) => {
      const event = core.store.get(params.id, 'event');
      if (!event) throw resourceMissing('event', params.id);
      const ep = endpointOrThrow(core, body.endpoint);
      const delivery = atomically(core.db, () => {
        core.store.update({ ...event, pending_webhooks: Number(event.pending_webhooks ?? 0) + 1 });
        return enqueueDelivery(core, event.id, ep.id, 'resend');
      });
      return { delivery, event: event.id, endpoint: ep.id };
    },
  },
];

