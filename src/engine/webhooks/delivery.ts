import type { EngineCore } from '../context.js';
import { newId } from '../ids.js';
import type { StripeObject } from '../store/objects.js';
import { stmt } from '../store/statements.js';
import { clearInFlight, markInFlight } from './in-flight.js';
import { nextDeliveryAtMs } from './queue.js';
import { planAttempt } from './chaos.js';

const MAX_PARALLEL = 8;
const BODY_LIMIT = 16 * 1024;

interface DueRow {
  id: string;
  event_id: string;
  endpoint_id: string;
  attempt_count: number;
}

interface AttemptResult {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  error: string | null;
  latencyMs: number;
}

/** The endpoint's signing secret (kept out of the endpoint object). */
export function endpointSecret(core: EngineCore, endpointId: string): string | undefined {
  const row = stmt(core.db, 'SELECT secret FROM endpoint_secrets WHERE endpoint_id = ?').get(endpointId) as
    | { secret: string }
    | undefined;
  return row?.secret;
}

/** How many attempts the worker has sent since it started: first deliveries and retries. */
export interface AttemptTally {
  first: number;
  retries: number;
}

/**
 * Sends queued webhook deliveries when they fall due on the sandbox clock,
 * records every attempt, and reschedules failures by the retry schedule.
 * A retry falls due its schedule's seconds after the attempt before it, on
 * the sandbox clock; a clock advance sends each at its own moment.
 */
export class DeliveryWorker {
  /** Attempts sent so far; an advance reads the difference to report what ran. */
  readonly tally: AttemptTally = { first: 0, retries: 0 };
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly dueStmt;

  constructor(private readonly core: EngineCore) {
    this.dueStmt = core.db.prepare(
      `SELECT id, event_id, endpoint_id, attempt_count FROM deliveries
       WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, created_ms LIMIT ?`,
    );
  }

  /** Looks for due deliveries soon (after the current write commits). */
  kick(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runDue(), 0);
    this.timer.unref();
  }

  /** Sends everything due now; resolves when those attempts are recorded. */
  async runDue(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      // Yield first: with nothing due, the finally below would otherwise run before
      // `this.running` is assigned, leaving a settled promise that blocks every later run.
      await Promise.resolve();
      try {
        for (;;) {
          const due = this.dueNow();
          if (due.length === 0) break;
          await Promise.all(due.map((d) => this.start(d)));
        }
      } finally {
        this.running = undefined;
        this.armForNext();
      }
    })();
    return this.running;
  }

  /** Whether a delivery is due now (and not already being sent). */
  hasDue(): boolean {
    return this.dueNow().length > 0;
  }

  /** Waits until nothing due is left to send and nothing is in flight. */
  async drain(): Promise<void> {
    do {
      await this.runDue();
      await Promise.all(this.inFlight.values());
    } while (this.dueNow().length > 0);
  }

  /** Waits for attempts in flight to be recorded, sending nothing new (a sandbox reset). */
  async settle(): Promise<void> {
    await this.running;
    await Promise.allSettled(this.inFlight.values());
  }

  /** Stops timers and waits for attempts in flight, so none is sent twice after a restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled(this.inFlight.values());
    await this.running;
  }

  private dueNow(): DueRow[] {
    if (this.stopped) return [];
    const rows = this.dueStmt.all(this.core.clock.nowMs(), MAX_PARALLEL * 2) as DueRow[];
    return rows.filter((r) => !this.inFlight.has(r.id)).slice(0, MAX_PARALLEL);
  }

  private start(row: DueRow): Promise<void> {
    const p = this.attempt(row).finally(() => this.inFlight.delete(row.id));
    this.inFlight.set(row.id, p);
    return p;
  }

  private armForNext(): void {
    if (this.stopped) return;
    const next = nextDeliveryAtMs(this.core);
    if (next === undefined) return;
    const delay = Math.min(Math.max(next - this.core.clock.nowMs(), 0), 60_000);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runDue(), delay);
    this.timer.unref();
  }

  private async attempt(row: DueRow): Promise<void> {
    const { core } = this;
    const endpoint = core.store.get<StripeObject & { url: string; status: string }>(row.endpoint_id, 'webhook_endpoint');
    const event = core.store.get(row.event_id, 'event');
    const secret = endpointSecret(core, row.endpoint_id);
    if (!endpoint || endpoint.status !== 'enabled' || !event || !secret) {
      stmt(core.db, `UPDATE deliveries SET status = 'failed', next_attempt_ms = NULL, last_error = ? WHERE id = ?`)
        .run(endpoint ? 'endpoint disabled' : 'endpoint deleted', row.id);
      return;
    }
    const body = JSON.stringify(event, null, 2);
    // The endpoint's chaos settings and rolled secrets (chaos.ts) shape the signature and the timing.
    const plan = planAttempt(core, row, secret, body);
    if (plan.holdUntilMs !== undefined) return;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      accept: '*/*; q=0.5, application/xml',
      'cache-control': 'no-cache',
      'stripe-signature': plan.signature,
    };
    const attemptedAt = core.clock.nowMs();
    if (row.attempt_count > 0) this.tally.retries++;
    else this.tally.first++;
    if (plan.latencyMs > 0) await new Promise((r) => setTimeout(r, plan.latencyMs));
    markInFlight(core, row, endpoint.url, attemptedAt, headers, body);
    const result = await send(endpoint.url, headers, body, core.settings.webhookTimeoutMs, () => core.clock.wallMs());
    this.record(row, endpoint.url, attemptedAt, headers, body, result, plan.labels);
    if (plan.duplicate) {
      const again = await send(endpoint.url, headers, body, core.settings.webhookTimeoutMs, () => core.clock.wallMs());
      this.recordAttempt(row, endpoint.url, core.clock.nowMs(), headers, body, again, [...plan.labels, 'duplicate']);
      core.changes.publish({ kind: 'delivery', id: row.id, eventId: row.event_id, endpointId: row.endpoint_id });
    }
  }

  /** Inserts one attempt row; `chaos` lists what the endpoint's chaos settings did to it. */
  private recordAttempt(
    row: DueRow,
    url: string,
    attemptedAt: number,
    headers: Record<string, string>,
    body: string,
    result: AttemptResult,
    chaos: string[],
  ): void {
    stmt(
      this.core.db,
      `INSERT INTO delivery_attempts (id, delivery_id, event_id, endpoint_id, at_ms, url, request_headers,
         request_body, response_status, response_headers, response_body, latency_ms, error, chaos)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      newId('attempt'),
      row.id,
      row.event_id,
      row.endpoint_id,
      attemptedAt,
      url,
      JSON.stringify(headers),
      body,
      result.status,
      JSON.stringify(result.headers),
      result.body,
      result.latencyMs,
      result.error,
      chaos.length ? JSON.stringify(chaos) : null,
    );
  }

  private record(
    row: DueRow,
    url: string,
    attemptedAt: number,
    headers: Record<string, string>,
    body: string,
    result: AttemptResult,
    chaos: string[] = [],
  ): void {
    const { core } = this;
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const attempts = row.attempt_count + 1;
    const schedule = core.settings.webhookRetrySchedule;
    const retryIn = schedule[attempts - 1];
    const status = ok ? 'succeeded' : retryIn === undefined ? 'failed' : 'pending';
    // From the attempt's own moment, not from when its response came back.
    const next = status === 'pending' ? attemptedAt + retryIn * 1000 : null;
    core.db.transaction(() => {
      this.recordAttempt(row, url, attemptedAt, headers, body, result, chaos);
      stmt(
        core.db,
        `UPDATE deliveries SET status = ?, attempt_count = ?, next_attempt_ms = ?, last_status = ?, last_error = ?
         WHERE id = ? AND status = 'pending'`,
      ).run(status, attempts, next, result.status, result.error, row.id);
      clearInFlight(core, row.id);
      if (ok) {
        const event = core.store.get<StripeObject & { pending_webhooks: number }>(row.event_id, 'event');
        if (event) core.store.update({ ...event, pending_webhooks: Math.max(0, event.pending_webhooks - 1) });
      }
    })();
    core.changes.publish({ kind: 'delivery', id: row.id, eventId: row.event_id, endpointId: row.endpoint_id });
  }
}

/** One HTTP attempt; network failures and timeouts become a recorded error, never a throw. */
async function send(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  wallMs: () => number,
): Promise<AttemptResult> {
  const started = wallMs();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body: text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}…[truncated]` : text,
      error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`,
      latencyMs: wallMs() - started,
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const reason =
      e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.message ?? 'network error');
    return { status: null, headers: {}, body: '', error: reason, latencyMs: wallMs() - started };
  }
}
