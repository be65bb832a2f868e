import type { EngineCore } from '../context.js';
import { resourceMissing } from '../errors.js';
import { endpointSecret } from '../webhooks/delivery.js';
import { explainSignature } from '../webhooks/chaos.js';
import type { DeliveryAttempt, DeliveryDetail, DeliverySummary, Paged } from '@shared/dashboard-api.js';
import { limitOf } from './request-log-view.js';
import { BOUND, stmt } from '../store/statements.js';

const SELECT = `SELECT d.id, d.event_id, d.endpoint_id, d.status, d.attempt_count, d.next_attempt_ms, d.created_ms,
    d.last_status, d.last_error, d.origin,
    json_extract(ev.data, '$.type') AS event_type, json_extract(ep.data, '$.url') AS endpoint_url,
    (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id) AS attempt_rows
  FROM deliveries d
  LEFT JOIN objects ev ON ev.id = d.event_id
  LEFT JOIN objects ep ON ep.id = d.endpoint_id`;

/**
 * Deliveries (an event's own, its resends, test events), newest first; searchable by event type
 * (with Stripe's `*` wildcard), by the event's, endpoint's, delivery's or object's id, and by URL.
 */
export function listDeliveries(core: EngineCore, q: Record<string, unknown>): Paged<DeliverySummary> {
  const where: string[] = [];
  const params: unknown[] = [];
  const text = typeof q.q === 'string' ? q.q.trim() : '';
  if (text.includes('*')) {
    // Stripe's wildcard form (`treasury.outbound_payment.*`, `*.failed`).
    where.push('event_type GLOB ?');
    params.push(text);
  } else if (text) {
    where.push(`(event_type LIKE ? OR d.event_id = ? OR d.endpoint_id = ? OR d.id = ? OR endpoint_url LIKE ?
      OR json_extract(ev.data, '$.data.object.id') = ?)`);
    params.push(`%${text}%`, text, text, text, `%${text}%`, text);
  }
  if (q.status === 'pending' || q.status === 'succeeded' || q.status === 'failed') {
    where.push('d.status = ?');
    params.push(q.status);
  }
  if (typeof q.event === 'string' && q.event) {
    where.push('d.event_id = ?');
    params.push(q.event);
  }
  if (typeof q.endpoint === 'string' && q.endpoint) {
    where.push('d.endpoint_id = ?');
    params.push(q.endpoint);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = limitOf(q.limit, 200);
  const rows = stmt(core.db, `${SELECT} ${clause} ORDER BY d.created_ms DESC, d.rowid DESC LIMIT ${BOUND}`)
    .all(...params, limit + 1) as DeliverySummary[];
  const total = (stmt(core.db, `SELECT count(*) AS n FROM (${SELECT} ${clause})`).get(...params) as { n: number }).n;
  return { data: rows.slice(0, limit), total, has_more: rows.length > limit };
}

interface AttemptRow {
  id: string;
  at_ms: number;
  url: string;
  request_headers: string;
  request_body: string;
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  latency_ms: number | null;
  error: string | null;
  chaos: string | null;
  outcome_unknown: number;
}

/** A delivery with every attempt, each with a verdict on its signature checked against the endpoint's secret. */
export function getDelivery(core: EngineCore, id: string): DeliveryDetail {
  const summary = stmt(core.db, `${SELECT} WHERE d.id = ?`).get(id) as DeliverySummary | undefined;
  if (!summary) throw resourceMissing('webhook delivery', id);
  const secret = endpointSecret(core, summary.endpoint_id);
  const rows = stmt(core.db, 
      `SELECT id, at_ms, url, request_headers, request_body, response_status, response_headers, response_body, latency_ms, error, chaos,
         outcome_unknown
       FROM delivery_attempts WHERE delivery_id = ? ORDER BY seq`,
    )
    .all(id) as AttemptRow[];
  const attempts: DeliveryAttempt[] = rows.map((r) => {
    const headers = JSON.parse(r.request_headers) as Record<string, string>;
    const signature = headers['stripe-signature'] ?? null;
    const chaos = r.chaos ? (JSON.parse(r.chaos) as string[]) : [];
    return {
      id: r.id,
      at_ms: r.at_ms,
      url: r.url,
      request_headers: headers,
      request_body: r.request_body,
      signature,
      verdict: explainSignature(core, summary.endpoint_id, secret, r.request_body, signature, chaos),
      response_status: r.response_status,
      response_headers: r.response_headers ? (JSON.parse(r.response_headers) as Record<string, string>) : null,
      response_body: r.response_body,
      latency_ms: r.latency_ms,
      error: r.error,
      chaos,
      outcome_unknown: r.outcome_unknown === 1,
    };
  });
  return { ...summary, attempts };
}
