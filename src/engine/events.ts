import type { EmitOptions, EngineCore } from './context.js';
import { newId } from './ids.js';
import type { StripeObject } from './store/objects.js';
import { matchingEndpoints, enqueueDelivery } from './webhooks/queue.js';

/**
 * Records an Event for a state change and queues a delivery to every enabled
 * endpoint that subscribes to its type, in the caller's transaction.
 */
export function emitEvent(core: EngineCore, type: string, object: StripeObject, options: EmitOptions = {}): StripeObject {
  const endpoints = options.onlyEndpoint ? [options.onlyEndpoint] : matchingEndpoints(core, type);
  const event: StripeObject = {
    id: newId('event'),
    object: 'event',
    api_version: core.settings.apiVersion,
    created: core.clock.now(),
    data: {
      object,
      ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: endpoints.length,
    request: options.request
      ? { id: options.request.id, idempotency_key: options.request.idempotencyKey }
      : { id: null, idempotency_key: null },
    type,
  };
  // The owner is the object the event is about, so "events of this object" is an indexed list.
  core.store.insert(event, options.owner ?? object.id);
  for (const endpointId of endpoints) enqueueDelivery(core, event.id, endpointId, options.onlyEndpoint ? 'test' : 'event');
  core.changes.publish({ kind: 'event', id: event.id, type });
  return event;
}
