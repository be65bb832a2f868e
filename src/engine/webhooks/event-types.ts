import { EVENT_TYPES, paramsSchema } from '../spec.js';

/**
 * Every event type `POST /v1/webhook_endpoints` takes in `enabled_events`: the
 * description's enum (read from the description, so it widens with it) and the
 * types this sandbox emits. `*` is not a type and is left out.
 */
export function acceptedEventTypes(): string[] {
  const schema = paramsSchema('POST', '/v1/webhook_endpoints').properties?.enabled_events;
  const listed = (schema?.items?.enum ?? []) as string[];
  return [...new Set([...listed, ...EVENT_TYPES])].filter((t) => t !== '*').sort();
}

/** The event types the sandbox itself emits when objects change. */
export function emittedEventTypes(): string[] {
  return [...EVENT_TYPES].sort();
}
