import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { msSince } from '../clock.js';
import type { EngineCore } from '../context.js';
import { newId } from '../ids.js';
import type { GroupCommit } from '../store/group-commit.js';
import type { StripeObject } from '../store/objects.js';
import { BOUND, stmt } from '../store/statements.js';
import { clearInFlight, markInFlight } from './in-flight.js';
import { nextDeliveryAtMs } from './queue.js';
import { planAttempt, signingOf, type ChaosPlan } from './chaos.js';

const MAX_PARALLEL = 8;
/**
 * While API requests keep arriving (one started less than `webhookYieldMs` ago), attempts take
 * at most this many places of the pool (an attempt waiting out chaos latency takes none): the
 * requests a client waits on come first, and webhooks, which Stripe sends asynchronously
 * anyway, still leave at every moment.
 */
const PARALLEL_UNDER_TRAFFIC = 2;
const BODY_LIMIT = 16 * 1024;
/** Attempts' notes and outcomes: no request waits on them, so their groups leave reads' log rows waiting. */
const BACKGROUND = { background: true } as const;

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

/** An attempt ready to leave: what was read and planned for it before it is marked in flight. */
interface Prepared {
  row: DueRow;
  url: string;
  headers: Record<string, string>;
  body: string;
  attemptedAt: number;
  plan: ChaosPlan;
}

/**
 * Sends queued webhook deliveries when they fall due on the sandbox clock,
 * records every attempt, and reschedules failures by the retry schedule.
 * A retry falls due its schedule's seconds after the attempt before it, on
 * the sandbox clock; a clock advance sends each at its own moment.
 *
 * A pool of up to MAX_PARALLEL attempts: when attempts finish, the next due
 * deliveries start, one look at the queue for all that finished in the same
 * turn. Both the notes that attempts are in flight (written before any
 * leaves) and their outcomes ride the group commit, the API's writes of that
 * turn included, so a burst of deliveries costs a few commits, not two per attempt.
 * Under a stream of API requests the pool shrinks to PARALLEL_UNDER_TRAFFIC, so a
 * backlog (a restart after a receiver was down) does not slow the API down.
 */
export class DeliveryWorker {
  /** Attempts sent so far; an advance reads the difference to report what ran. */
  readonly tally: AttemptTally = { first: 0, retries: 0 };
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  /** A look at the queue is due at the end of this turn (attempts finished). */
  private refillSoon = false;
  /** When the last API request started (performance.now()), and attempts now sleeping out chaos latency. */
  private lastRequestAt = -Infinity;
  private sleeping = 0;
  private stopped = false;
  /** While above 0 (a reset or a snapshot load waits for attempts in flight), nothing new starts. */
  private holding = 0;
  /** After a failed commit of outcomes: no new attempt before this wall-clock ms. */
  private pausedUntil = 0;
  private readonly dueStmt;

  constructor(
    private readonly core: EngineCore,
    private readonly group: GroupCommit,
  ) {
    this.dueStmt = core.db.prepare(
      `SELECT id, event_id, endpoint_id, attempt_count FROM deliveries
       WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, created_ms LIMIT ${BOUND}`,
    );
  }

  /** Looks for due deliveries soon (after the current write commits). */
  kick(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fill(), 0);
    this.timer.unref();
  }

  /** An API request started: attempts yield to the traffic for a moment (PARALLEL_UNDER_TRAFFIC). */
  noteRequest(): void {
    this.lastRequestAt = performance.now();
  }

  /** Sends everything due now; resolves when those attempts (and any that fell due meanwhile) are recorded. */
  async runDue(): Promise<void> {
    this.fill();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Whether a delivery is due now (and not already being sent). */
  hasDue(): boolean {
    return this.dueNow(1).length > 0;
  }

  /** Waits until nothing due is left to send and nothing is in flight. */
  async drain(): Promise<void> {
    do {
      await this.runDue();
    } while (this.dueNow(1).length > 0 && this.pausedUntil <= this.core.clock.wallMs());
  }

  /** Waits for attempts in flight to be recorded, starting nothing new meanwhile (a sandbox reset). */
  async settle(): Promise<void> {
    this.holding++;
    try {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
    } finally {
      this.holding--;
    }
  }

  /** Stops timers and waits for attempts in flight, so none is sent twice after a restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  private dueNow(room: number): DueRow[] {
    if (this.stopped || this.holding > 0) return [];
    const rows = this.dueStmt.all(this.core.clock.nowMs(), room + this.inFlight.size) as DueRow[];
    return rows.filter((r) => !this.inFlight.has(r.id)).slice(0, room);
  }

  /** Starts due deliveries until the pool is full; arms the timer for the next one when nothing is left. */
  private fill(): void {
    if (this.stopped || this.holding > 0 || !this.core.db.open) return;
    if (this.core.clock.wallMs() < this.pausedUntil) {
      this.armAt(this.pausedUntil - this.core.clock.wallMs());
      return;
    }
    const room = this.room();
    if (room <= 0) return;
    const due = this.dueNow(room);
    if (due.length === 0) {
      if (this.inFlight.size === 0) this.armForNext();
      return;
    }
    const ready = due.map((row) => this.prepare(row)).filter((p): p is Prepared => p !== undefined);
    // Noted in the next group commit, and none leaves before that commit: a crash from
    // then on finds the notes (in-flight.ts).
    const noted = ready.length > 0 ? this.group.run(() => this.noteInFlight(ready), BACKGROUND) : Promise.resolve();
    for (const p of ready) {
      const run = noted
        .then(() => this.attempt(p))
        .catch(() => {
          // The note or the outcome could not be committed (disk full, I/O error): the delivery
          // stays due; try again in a while rather than in a tight loop.
          this.pausedUntil = this.core.clock.wallMs() + 1_000;
        })
        .finally(() => {
          this.inFlight.delete(p.row.id);
          this.refill();
        });
      this.inFlight.set(p.row.id, run);
    }
    // Some were held or dropped rather than sent: look again for the rest.
    if (ready.length < due.length) this.kick();
  }

  /**
   * How many more attempts may start now. When API traffic holds some back, it also arms a
   * look at the queue for the moment the traffic will have paused (that replaces the timer of
   * a later retry, which the next look arms again).
   */
  private room(): number {
    const free = MAX_PARALLEL - this.inFlight.size;
    const quietIn = this.lastRequestAt + this.core.settings.webhookYieldMs - performance.now();
    if (quietIn <= 0) return free;
    const share = PARALLEL_UNDER_TRAFFIC - (this.inFlight.size - this.sleeping);
    // Look again once the traffic has paused, should no attempt finish before then.
    if (share < free) this.armAt(quietIn);
    return Math.min(free, share);
  }

  private noteInFlight(ready: Prepared[]): void {
    for (const p of ready) markInFlight(this.core, p.row, p.url, p.attemptedAt, p.headers, p.body);
  }

  /** Fills the pool once at the end of this turn, however many attempts finished in it. */
  private refill(): void {
    if (this.refillSoon) return;
    this.refillSoon = true;
    setImmediate(() => {
      this.refillSoon = false;
      this.fill();
    });
  }

  private armForNext(): void {
    if (this.stopped) return;
    const next = nextDeliveryAtMs(this.core);
    if (next === undefined) return;
    this.armAt(next - this.core.clock.nowMs());
  }

  private armAt(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fill(), Math.min(Math.max(delayMs, 0), 60_000));
    this.timer.unref();
  }

  /** Reads and plans one attempt; undefined when it is not sent now (endpoint gone, held by chaos). */
  private prepare(row: DueRow): Prepared | undefined {
    const { core } = this;
    const endpoint = core.store.get<StripeObject & { url: string; status: string }>(row.endpoint_id, 'webhook_endpoint');
    const event = core.store.get(row.event_id, 'event');
    const signing = signingOf(core, row.endpoint_id);
    if (!endpoint || endpoint.status !== 'enabled' || !event || !signing) {
      stmt(core.db, `UPDATE deliveries SET status = 'failed', next_attempt_ms = NULL, last_error = ? WHERE id = ?`)
        .run(endpoint ? 'endpoint disabled' : 'endpoint deleted', row.id);
      return undefined;
    }
    const body = JSON.stringify(event, null, 2);
    // The endpoint's chaos settings and rolled secrets (chaos.ts) shape the signature and the timing.
    const plan = planAttempt(core, row, signing, body);
    if (plan.holdUntilMs !== undefined) return undefined;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      accept: '*/*; q=0.5, application/xml',
      'cache-control': 'no-cache',
      'stripe-signature': plan.signature,
    };
    return { row, url: endpoint.url, headers, body, attemptedAt: core.clock.nowMs(), plan };
  }

  private async attempt({ row, url, headers, body, attemptedAt, plan }: Prepared): Promise<void> {
    const { core } = this;
    if (row.attempt_count > 0) this.tally.retries++;
    else this.tally.first++;
    if (plan.latencyMs > 0) {
      this.sleeping++;
      // Asleep it holds none of the share kept for API traffic: another attempt may start.
      this.refill();
      try {
        await new Promise((r) => setTimeout(r, plan.latencyMs));
      } finally {
        this.sleeping--;
      }
    }
    const result = await send(url, headers, body, core.settings.webhookTimeoutMs);
    await this.group.run(() => this.record(row, url, attemptedAt, headers, body, result, plan.labels), BACKGROUND);
    core.changes.publish({ kind: 'delivery', id: row.id, eventId: row.event_id, endpointId: row.endpoint_id });
    if (plan.duplicate) {
      const again = await send(url, headers, body, core.settings.webhookTimeoutMs);
      await this.group.run(() => this.recordAttempt(row, url, core.clock.nowMs(), headers, body, again, [...plan.labels, 'duplicate']), BACKGROUND);
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
    // Runs inside the group transaction (one savepoint per outcome).
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
  }
}

// Connections to receivers are kept open between attempts, as a delivery burst goes to few URLs.
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: MAX_PARALLEL * 2 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: MAX_PARALLEL * 2 }),
};

/** Errors of a kept-alive connection the receiver closed between two attempts: such an attempt is sent again once. */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

/** One HTTP attempt; network failures and timeouts become a recorded error, never a throw. */
function send(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<AttemptResult> {
  const started = performance.now();
  const latency = () => msSince(started);
  const failure = (error: string): AttemptResult => ({ status: null, headers: {}, body: '', error, latencyMs: latency() });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failure('invalid URL'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return Promise.resolve(failure(`unsupported protocol ${target.protocol}`));
  const payload = Buffer.from(body, 'utf8');
  const once = (fresh: boolean): Promise<AttemptResult> =>
    new Promise((resolve) => {
      const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = request(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        agent: fresh ? false : agents[target.protocol as 'http:' | 'https:'],
      });
      let settled = false;
      const finish = (r: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      // The whole attempt, body included, has `timeoutMs`; redirects are not followed (a 3xx is the outcome).
      // The outcome is settled here, before the destroyed socket's own errors arrive (they are ignored).
      const timer = setTimeout(() => {
        finish(failure(`timed out after ${timeoutMs} ms`));
        req.destroy();
      }, timeoutMs);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let total = 0;
        res.on('data', (c: Buffer) => {
          total += c.length;
          if (kept < BODY_LIMIT) {
            chunks.push(c);
            kept += c.length;
          }
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          const responseHeaders: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
          finish({
            status,
            headers: responseHeaders,
            body: total > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}…[truncated]` : text,
            error: status >= 200 && status < 300 ? null : `HTTP ${status}`,
            latencyMs: latency(),
          });
        });
        res.on('error', () => finish(failure('connection lost while reading the response')));
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        if (!fresh && req.reusedSocket && STALE_SOCKET.has(err.code ?? '')) {
          settled = true;
          clearTimeout(timer);
          resolve(once(true));
          return;
        }
        finish(failure(err.code ?? err.message ?? 'network error'));
      });
      req.end(payload);
    });
  return once(false);
}
