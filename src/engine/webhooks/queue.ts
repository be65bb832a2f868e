import type { EngineCore } from '../context.js';
import { newId } from '../ids.js';
import type { StripeObject } from '../store/objects.js';
import { stmt } from '../store/statements.js';

interface EndpointRow extends StripeObject {
  enabled_events: string[];
  status: 'enabled' | 'disabled';
}

/** Enabled endpoints by the event types they take, rebuilt when an endpoint was written. */
interface EndpointIndex {
  version: string;
  /** Endpoints that take every event (`*`), oldest first. */
  all: string[];
  byType: Map<string, string[]>;
  /** Answers already computed per event type (the union, in endpoint order). */
  matches: Map<string, string[]>;
}

const indexes = new WeakMap<EngineCore['store'], EndpointIndex>();

function endpointIndex(core: EngineCore): EndpointIndex {
  const version = core.store.version('webhook_endpoint');
  const cached = indexes.get(core.store);
  if (cached && cached.version === version) return cached;
  const index: EndpointIndex = { version, all: [], byType: new Map(), matches: new Map() };
  const order: string[] = [];
  for (const ep of core.store.iterate<EndpointRow>('webhook_endpoint')) {
    if (ep.status !== 'enabled') continue;
    order.push(ep.id);
    if (ep.enabled_events.includes('*')) index.all.push(ep.id);
    for (const t of ep.enabled_events) {
      if (t === '*') continue;
      const list = index.byType.get(t) ?? [];
      list.push(ep.id);
      index.byType.set(t, list);
    }
  }
  index.matches.set('', order);
  indexes.set(core.store, index);
  return index;
}

/**
 * Ids of the enabled endpoints whose `enabled_events` take this event type, oldest
 * endpoint first. Read from an in-memory index that any endpoint write invalidates
 * (an event no longer reads every endpoint).
 */
export function matchingEndpoints(core: EngineCore, type: string): string[] {
  const index = endpointIndex(core);
  let out = index.matches.get(type);
  if (!out) {
    const wanted = new Set([...index.all, ...(index.byType.get(type) ?? [])]);
    out = index.matches.get('')!.filter((id) => wanted.has(id));
    index.matches.set(type, out);
  }
  return out.slice();
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
