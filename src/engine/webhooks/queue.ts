import type { EngineCore } from '../context.js';
import { newId } from '../ids.js';
import type { StripeObject } from '../store/objects.js';
import { stmt } from '../store/statements.js';

interface EndpointRow extends StripeObject {
  enabled_events: string[];
  status: 'enabled' | 'disabled';
}

/** Ids of the enabled endpoints whose `enabled_events` take this event type. */
export function matchingEndpoints(core: EngineCore, type: string): string[] {
  const out: string[] = [];
  for (const ep of core.store.iterate<EndpointRow>('webhook_endpoint')) {
    if (ep.status !== 'enabled') continue;
    if (ep.enabled_events.includes('*') || ep.enabled_events.includes(type)) out.push(ep.id);
  }
  return out;
}

/** Why a delivery exists: the event's own, a resend of it, or a test event sent from the dashboard. */
export type DeliveryOrigin = 'event' | 'resend' | 'test';

/** Queues one delivery of an event to an endpoint, due now. */
export function enqueueDelivery(core: EngineCore, eventId: string, endpointId: string, origin: DeliveryOrigin = 'event'): string {
  const id = newId('delivery');
  const now = core.clock.nowMs();
  stmt(
    core.db,
    `INSERT INTO deliveries (id, event_id, endpoint_id, status, attempt_count, next_attempt_ms, created_ms, origin)
       VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
  ).run(id, eventId, endpointId, now, now, origin);
  core.changes.publish({ kind: 'delivery', id, eventId, endpointId });
  return id;
}

/** Stops everything still queued for an endpoint (it was disabled or deleted). */
export function abandonDeliveries(core: EngineCore, endpointId: string, reason: string): void {
  stmt(
    core.db,
    `UPDATE deliveries SET status = 'failed', next_attempt_ms = NULL, last_error = ?
     WHERE endpoint_id = ? AND status = 'pending'`,
  ).run(reason, endpointId);
}

/** When (sandbox ms) the next queued delivery falls due, if any is queued. */
export function nextDeliveryAtMs(core: EngineCore): number | undefined {
  const row = stmt(core.db, `SELECT min(next_attempt_ms) AS t FROM deliveries WHERE status = 'pending'`).get() as {
    t: number | null;
  };
  return row.t ?? undefined;
}
