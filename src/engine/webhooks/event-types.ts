import eventTypes from '../../../resources/openapi/event-types.json';
import { EVENT_TYPES } from '../spec.js';

/**
 * Every event type `POST /v1/webhook_endpoints` takes in `enabled_events`:
 * Stripe's whole list (the description's enum joined with the SDK's, vendored
 * in event-types.json) and the types this sandbox emits. `*` is not a type and
 * is left out. Set-up code registers an endpoint with every type the app
 * handles, whether or not this sandbox ever emits it, so all are accepted.
 */
export function acceptedEventTypes(): string[] {
  return [...new Set([...eventTypes.types, ...EVENT_TYPES])].filter((t) => t !== '*').sort();
}

/** The event types the sandbox itself emits when objects change. */
export function emittedEventTypes(): string[] {
  return [...EVENT_TYPES].sort();
}
