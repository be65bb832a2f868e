import type { EngineCore } from '../context.js';
import { newId } from '../ids.js';
import { atomically, stmt } from '../store/statements.js';

/** What an attempt that a hard crash interrupted is recorded as. */
export const OUTCOME_UNKNOWN = 'outcome unknown: the sandbox stopped during this attempt';

/**
 * Notes an attempt as being sent, before it leaves. If the process dies
 * before its outcome is recorded, the note survives and the restart knows.
 */
export function markInFlight(
  core: EngineCore,
  delivery: { id: string; event_id: string; endpoint_id: string },
  url: string,
  atMs: number,
  headers: Record<string, string>,
  body: string,
): void {
  stmt(
    core.db,
    `INSERT OR REPLACE INTO delivery_attempts_in_flight (delivery_id, event_id, endpoint_id, at_ms, url, request_headers, request_body)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(delivery.id, delivery.event_id, delivery.endpoint_id, atMs, url, JSON.stringify(headers), body);
}

/** Clears the note; called in the same transaction that records the attempt's outcome. */
export function clearInFlight(core: EngineCore, deliveryId: string): void {
  stmt(core.db, 'DELETE FROM delivery_attempts_in_flight WHERE delivery_id = ?').run(deliveryId);
}

/**
 * At start: every attempt still noted as in flight was cut off by a hard
 * crash. The endpoint may have received it or not, so it is recorded as an
 * attempt of unknown outcome (`outcome_unknown = 1`) and the delivery falls
 * due at once — at-least-once, as Stripe promises. Returns how many.
 */
export function recoverInterrupted(core: EngineCore): number {
  const rows = stmt(core.db, 'SELECT * FROM delivery_attempts_in_flight').all() as {
    delivery_id: string;
    event_id: string;
    endpoint_id: string;
    at_ms: number;
    url: string;
    request_headers: string;
    request_body: string;
  }[];
  if (rows.length === 0) return 0;
  const now = core.clock.nowMs();
  atomically(core.db, () => {
    for (const r of rows) {
      stmt(
        core.db,
        `INSERT INTO delivery_attempts (id, delivery_id, event_id, endpoint_id, at_ms, url, request_headers, request_body,
           response_status, response_headers, response_body, latency_ms, error, outcome_unknown)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, 1)`,
      ).run(newId('attempt'), r.delivery_id, r.event_id, r.endpoint_id, r.at_ms, r.url, r.request_headers, r.request_body, OUTCOME_UNKNOWN);
      stmt(core.db, `UPDATE deliveries SET next_attempt_ms = ?, last_error = ? WHERE id = ? AND status = 'pending'`).run(
        now,
        OUTCOME_UNKNOWN,
        r.delivery_id,
      );
      clearInFlight(core, r.delivery_id);
    }
  });
  return rows.length;
}
