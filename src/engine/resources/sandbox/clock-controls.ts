import type { AdvanceReport, ClockState, RanGroup } from '@shared/clock-api.js';
import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { label, type JobLabel } from '../../scheduler.js';
import { stmt } from '../../store/statements.js';
import { nextDeliveryAtMs } from '../../webhooks/queue.js';

/** An advance stops at this many due moments (each awaits real webhook HTTP); advance again to go on. */
export const MAX_MOMENTS = 5_000;
/** Passes over one moment (jobs, then the deliveries their events queued, then jobs those made due…). */
const MAX_PASSES_PER_MOMENT = 100;

const WEBHOOK_RETRY = { kind: 'webhook.retry', label: label('webhook retry', 'webhook retries') };

/**
 * The sandbox time (ms) of the next scheduled job or webhook delivery, if any.
 * `foreground` leaves out housekeeping jobs: what the user is shown as next and
 * can jump to (an advance still stops at every job on its way).
 */
export function nextScheduledAtMs(core: EngineCore, options: { foreground?: boolean } = {}): number | undefined {
  const all = [core.scheduler.nextRunAtMs(options), nextDeliveryAtMs(core)].filter((t): t is number => t !== undefined);
  return all.length ? Math.min(...all) : undefined;
}

/** The sandbox time (seconds) of the next scheduled job or webhook retry, if any. */
export function nextScheduledAt(core: EngineCore): number | undefined {
  const ms = nextScheduledAtMs(core, { foreground: true });
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

export function clockState(core: EngineCore): ClockState {
  const nextMs = nextScheduledAtMs(core, { foreground: true }) ?? null;
  const retries = stmt(core.db, `SELECT count(*) AS n FROM deliveries WHERE status = 'pending' AND attempt_count > 0`).get() as { n: number };
  return {
    now: core.clock.now(),
    now_ms: core.clock.nowMs(),
    offset_seconds: Math.round(core.clock.offsetMs() / 1000),
    offset_ms: core.clock.offsetMs(),
    next_scheduled_at: nextMs === null ? null : Math.ceil(nextMs / 1000),
    next_scheduled_ms: nextMs,
    scheduled: { jobs: core.scheduler.pending({ foreground: true }), webhook_retries: retries.n },
  };
}

/** "ran 3 jobs: 2 webhook retries, 1 outbound payment posted". */
export function summarize(groups: RanGroup[]): string {
  const total = groups.reduce((n, g) => n + g.count, 0);
  if (total === 0) return 'nothing was due';
  return `ran ${total} ${total === 1 ? 'job' : 'jobs'}: ${groups.map((g) => `${g.count} ${g.label}`).join(', ')}`;
}

/** Counts what ran by kind and label, largest group first (ties: what ran first). */
function group(ran: { kind: string; label: JobLabel }[]): RanGroup[] {
  const byKey = new Map<string, { kind: string; label: JobLabel; count: number; first: number }>();
  ran.forEach((r, i) => {
    const key = `${r.kind}\u0000${r.label.one}`;
    const g = byKey.get(key) ?? { kind: r.kind, label: r.label, count: 0, first: i };
    g.count++;
    byKey.set(key, g);
  });
  return [...byKey.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((g) => ({ kind: g.kind, label: g.count === 1 ? g.label.one : g.label.many, count: g.count }));
}

// One advance at a time per sandbox: a second waits for the first (two tabs, the SDK and the UI).
const queues = new WeakMap<EngineCore, Promise<unknown>>();

/** Runs `work` when no advance is running, and holds off new advances until it is done (a reset). */
export function serialized<T>(core: EngineCore, work: () => Promise<T>): Promise<T> {
  const before = queues.get(core) ?? Promise.resolve();
  const run = before.then(work, work);
  queues.set(core, run.catch(() => undefined));
  return run;
}

/** Runs everything due at the clock's (held) moment: jobs, the webhook attempts due, and what those make due now. */
async function runMoment(core: EngineCore, ran: { kind: string; label: JobLabel }[]): Promise<void> {
  for (let pass = 0; pass < MAX_PASSES_PER_MOMENT; pass++) {
    ran.push(...core.scheduler.runDue());
    const retriesBefore = core.deliveries.tally.retries;
    await core.deliveries.drain();
    for (let i = core.deliveries.tally.retries - retriesBefore; i > 0; i--) ran.push(WEBHOOK_RETRY);
    const job = core.scheduler.nextRunAtMs();
    if ((job === undefined || job > core.clock.nowMs()) && !core.deliveries.hasDue()) return;
  }
}

/**
 * Moves the sandbox clock forward to `target` (sandbox ms), stopping at each
 * moment something falls due on the way — a scheduled job or a webhook retry —
 * in time order. The clock is held at that moment while its work runs (so
 * `posted_at`, `status_transitions`, event `created` and attempt times read the
 * moment), webhook attempts are awaited before the clock moves on, and work
 * that a job schedules inside the window runs at its own moment too.
 */
async function advanceTo(core: EngineCore, target: number): Promise<AdvanceReport> {
  const from = core.clock.nowMs();
  const attemptsBefore = core.deliveries.tally.first + core.deliveries.tally.retries;
  const ran: { kind: string; label: JobLabel }[] = [];
  let moments = 0;
  let stoppedEarly = false;
  try {
    for (;;) {
      const next = nextScheduledAtMs(core);
      if (next === undefined || next > target) break;
      if (moments >= MAX_MOMENTS) {
        stoppedEarly = true;
        break;
      }
      moments++;
      core.clock.hold(next);
      await runMoment(core, ran);
    }
    if (!stoppedEarly) core.clock.hold(target);
  } finally {
    core.clock.release();
    core.changes.publish({ kind: 'clock', now: core.clock.now() });
  }
  const groups = group(ran);
  return {
    from_ms: from,
    to_ms: core.clock.nowMs(),
    jobs: ran.length,
    summary: summarize(groups),
    ran: groups,
    webhook_attempts: core.deliveries.tally.first + core.deliveries.tally.retries - attemptsBefore,
    moments,
    stopped_early: stoppedEarly,
  };
}

/** Moves the sandbox clock forward by `seconds` and runs what falls due, each at its own moment. */
export async function advanceClock(core: EngineCore, seconds: number): Promise<AdvanceReport> {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw invalidRequest('The sandbox clock only moves forward: seconds must be a non-negative number.', 'seconds');
  }
  return serialized(core, () => advanceTo(core, core.clock.nowMs() + Math.round(seconds * 1000)));
}

/** Moves the clock to the next scheduled moment and runs what falls due there. */
export function jumpToNext(core: EngineCore): Promise<AdvanceReport> {
  return serialized(core, async () => {
    const next = nextScheduledAtMs(core, { foreground: true });
    if (next === undefined) throw invalidRequest('Nothing is scheduled: there is no next time to jump to.');
    return advanceTo(core, Math.max(next, core.clock.nowMs()));
  });
}

/** `GET /_counterfoil/clock`, `POST /_counterfoil/clock/advance` ({seconds} or {to_next: true}). */
export const clockControls: ControlRoute[] = [
  { method: 'GET', path: '/clock', handler: ({ core }) => clockState(core) },
  {
    method: 'POST',
    path: '/clock/advance',
    handler: async ({ core, body }): Promise<ClockState> => {
      let ran: AdvanceReport;
      if (body.to_next === true || body.to_next === 'true') {
        ran = await jumpToNext(core);
      } else if (body.seconds === undefined) {
        throw invalidRequest('Missing required param: seconds.', 'seconds', 'parameter_missing');
      } else {
        ran = await advanceClock(core, Number(body.seconds));
      }
      return { ...clockState(core), ran };
    },
  },
];
