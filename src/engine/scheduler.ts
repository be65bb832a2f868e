import type { Clock } from './clock.js';
import type { Db } from './store/db.js';
import { atomically, stmt } from './store/statements.js';

/** The reads of jobs by kind, each served by the index on kind (a test checks their plans). */
export const JOB_QUERIES = {
  anyOfKind: 'SELECT 1 FROM jobs WHERE kind = ? LIMIT 1',
  ofKind: 'SELECT id, payload FROM jobs WHERE kind = ?',
} as const;

type JobHandler = (payload: any) => void;

/** How one job (or several of a kind) reads in "ran 3 jobs: 2 webhook retries, 1 outbound payment posted". */
export interface JobLabel {
  one: string;
  many: string;
}

/**
 * A job kind's label: fixed, or read from the payload once the job has run
 * (so "an outbound flow reached its arrival date" can say "outbound payment posted").
 */
export type JobLabeller = JobLabel | ((payload: any) => JobLabel);

/** `label('outbound payment posted', 'outbound payments posted')`; the plural defaults to an added "s". */
export function label(one: string, many = `${one}s`): JobLabel {
  return { one, many };
}

/** One job that ran: its kind and how it describes itself. */
export interface RanJob {
  kind: string;
  label: JobLabel;
}

/** At most this many jobs run in one `runDue` (a job that keeps rescheduling itself for now must not spin forever). */
const MAX_JOBS_PER_RUN = 10_000;
/** Milliseconds of jobs a real-time tick runs before letting waiting requests in. */
const TIMER_BUDGET_MS = 20;

/**
 * Work that happens when the sandbox clock passes a time (a reversal posting,
 * a report run completing). Jobs live in SQLite so a restart loses none; each
 * runs in its own transaction, in time order.
 */
export class Scheduler {
  private readonly handlers = new Map<string, { run: JobHandler; label?: JobLabeller }>();
  /** Housekeeping kinds (a day becoming reportable, a file expiring): run on time, but never "next". */
  private readonly background = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** The sandbox time (ms) the timer is set for, while one is, and how far the sandbox clock was from the wall clock then. */
  private armedForMs: number | undefined;
  private armedSkewMs = 0;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Called after jobs ran (their events may have queued webhook deliveries). */
    private readonly afterRun: () => void = () => {},
  ) {}

  /**
   * Registers what a job kind does, and how a job of the kind describes itself
   * when an advance reports what ran (without a label, the kind's name is shown).
   */
  on(kind: string, handler: JobHandler, labeller?: JobLabeller, options: { background?: boolean } = {}): void {
    this.handlers.set(kind, { run: handler, label: labeller });
    if (options.background) this.background.add(kind);
  }

  /** Schedules a job at a sandbox time (seconds). Returns its id. */
  schedule(kind: string, runAtSeconds: number, payload: unknown): number {
    const runAtMs = Math.round(runAtSeconds * 1000);
    const res = stmt(this.db, 'INSERT INTO jobs (run_at_ms, kind, payload) VALUES (?, ?, ?)').run(runAtMs, kind, JSON.stringify(payload));
    // A timer already set for this moment or earlier finds this job when it fires (and sets the next),
    // unless the sandbox clock moved against the wall clock since (an advance, a reset, a held clock).
    if (this.armedForMs === undefined || runAtMs < this.armedForMs || Math.abs(this.skewMs() - this.armedSkewMs) > 5) this.arm();
    return Number(res.lastInsertRowid);
  }

  /** Whether a job of this kind is pending. */
  hasPending(kind: string): boolean {
    return stmt(this.db, JOB_QUERIES.anyOfKind).get(kind) !== undefined;
  }

  /** Removes pending jobs of a kind whose payload matches (e.g. a forced outcome replaces the timer); returns their payloads. */
  cancel(kind: string, match: (payload: any) => boolean): unknown[] {
    const rows = stmt(this.db, JOB_QUERIES.ofKind).all(kind) as {
      id: number;
      payload: string;
    }[];
    const del = stmt(this.db, 'DELETE FROM jobs WHERE id = ?');
    const removed: unknown[] = [];
    for (const r of rows) {
      const payload = JSON.parse(r.payload) as unknown;
      if (!match(payload)) continue;
      del.run(r.id);
      removed.push(payload);
    }
    return removed;
  }

  /**
   * The sandbox time (ms) of the next job, if any. `foreground` leaves out
   * housekeeping kinds, for what the user is told is next and can jump to.
   */
  nextRunAtMs(options: { foreground?: boolean } = {}): number | undefined {
    const row = stmt(this.db, `SELECT min(run_at_ms) AS t FROM jobs${this.kindFilter(options)}`).get(...this.skipped(options)) as {
      t: number | null;
    };
    return row.t ?? undefined;
  }

  private skipped(options: { foreground?: boolean }): string[] {
    return options.foreground ? [...this.background] : [];
  }

  private kindFilter(options: { foreground?: boolean }): string {
    const n = this.skipped(options).length;
    return n ? ` WHERE kind NOT IN (${Array(n).fill('?').join(', ')})` : '';
  }

  /** The sandbox time (seconds) of the next job the user is told of (housekeeping left out), if any. */
  nextRunAt(): number | undefined {
    const t = this.nextRunAtMs({ foreground: true });
    return t === undefined ? undefined : Math.ceil(t / 1000);
  }

  /** How many jobs are waiting (`foreground`: leaving out housekeeping kinds). */
  pending(options: { foreground?: boolean } = {}): number {
    return (stmt(this.db, `SELECT count(*) AS n FROM jobs${this.kindFilter(options)}`).get(...this.skipped(options)) as { n: number }).n;
  }

  /**
   * Runs every job due by now, oldest first — including jobs that those jobs
   * schedule for now or earlier. Returns what ran.
   */
  runDue(options: { budgetMs?: number } = {}): RanJob[] {
    const next = stmt(this.db, 'SELECT id, kind, payload FROM jobs WHERE run_at_ms <= ? ORDER BY run_at_ms, id LIMIT 1');
    const del = stmt(this.db, 'DELETE FROM jobs WHERE id = ?');
    const ran: RanJob[] = [];
    let any = false;
    const until = options.budgetMs === undefined ? Infinity : performance.now() + options.budgetMs;
    let count = 0;
    while (count < MAX_JOBS_PER_RUN) {
      if (performance.now() >= until) {
        // Out of time: the rest runs in the next turn, after the requests waiting now.
        this.armIn(0);
        if (any) this.afterRun();
        return ran;
      }
      const job = next.get(this.clock.nowMs()) as { id: number; kind: string; payload: string } | undefined;
      if (!job) break;
      count++;
      const handler = this.handlers.get(job.kind);
      const payload = JSON.parse(job.payload);
      try {
        atomically(this.db, () => {
          del.run(job.id);
          handler?.run(payload);
        });
      } catch (err) {
        // A failing job must not block the queue behind it: drop it and say so.
        console.error(`[counterfoil] scheduled job ${job.kind} #${job.id} failed and was dropped:`, err);
        del.run(job.id);
      }
      any = true;
      // Housekeeping runs on time but is not news: an advance reports what the user's objects did.
      if (!this.background.has(job.kind)) ran.push({ kind: job.kind, label: this.labelOf(job.kind, payload) });
    }
    this.arm();
    if (any) this.afterRun();
    return ran;
  }

  private labelOf(kind: string, payload: unknown): JobLabel {
    const l = this.handlers.get(kind)?.label;
    if (!l) return { one: kind, many: kind };
    if (typeof l !== 'function') return l;
    try {
      return l(payload);
    } catch {
      return { one: kind, many: kind };
    }
  }

  /** Sets a real-time timer for the next job, so scheduled work also happens as time passes. */
  arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.armedForMs = undefined;
    const next = this.nextRunAtMs();
    if (next === undefined) return;
    // Capped at a minute: the timer is then set for that minute, and a job scheduled before it re-arms.
    this.armIn(Math.min(Math.max(next - this.clock.nowMs(), 0), 60_000));
  }

  // Jobs that fall due as real time passes run in slices of TIMER_BUDGET_MS, so thousands due at
  // once (a burst of report runs finishing) never hold the event loop for long: requests are
  // answered between slices. An advance runs everything due at each moment at once.
  private armIn(delayMs: number): void {
    clearTimeout(this.timer);
    this.armedForMs = this.clock.nowMs() + delayMs;
    this.armedSkewMs = this.skewMs();
    this.timer = setTimeout(() => {
      this.armedForMs = undefined;
      this.runDue({ budgetMs: TIMER_BUDGET_MS });
    }, delayMs);
    this.timer.unref();
  }

  private skewMs(): number {
    return this.clock.nowMs() - Date.now();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.armedForMs = undefined;
  }
}
