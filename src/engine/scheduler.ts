import type { Clock } from './clock.js';
import type { Db } from './store/db.js';
import { stmt } from './store/statements.js';

type JobHandler = (payload: any) => void;

/**
 * Work that happens when the sandbox clock passes a time (a reversal posting,
 * a report run completing). Jobs live in SQLite so a restart loses none; each
 * runs in its own transaction, in time order.
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Called after jobs ran (their events may have queued webhook deliveries). */
    private readonly afterRun: () => void = () => {},
  ) {}

  /** Registers what a job kind does. */
  on(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Schedules a job at a sandbox time (seconds). Returns its id. */
  schedule(kind: string, runAtSeconds: number, payload: unknown): number {
    const res = stmt(this.db, 'INSERT INTO jobs (run_at_ms, kind, payload) VALUES (?, ?, ?)')
      .run(Math.round(runAtSeconds * 1000), kind, JSON.stringify(payload));
    this.arm();
    return Number(res.lastInsertRowid);
  }

  /** Removes pending jobs of a kind whose payload matches (e.g. a forced outcome replaces the timer). */
  cancel(kind: string, match: (payload: any) => boolean): void {
    const rows = stmt(this.db, 'SELECT id, payload FROM jobs WHERE kind = ?').all(kind) as {
      id: number;
      payload: string;
    }[];
    const del = stmt(this.db, 'DELETE FROM jobs WHERE id = ?');
    for (const r of rows) if (match(JSON.parse(r.payload))) del.run(r.id);
  }

  /** The sandbox time (seconds) of the next job, if any. */
  nextRunAt(): number | undefined {
    const row = stmt(this.db, 'SELECT min(run_at_ms) AS t FROM jobs').get() as { t: number | null };
    return row.t === null ? undefined : Math.ceil(row.t / 1000);
  }

  /** Runs every job due by now, oldest first. Returns how many ran. */
  runDue(): number {
    const next = stmt(this.db, 'SELECT id, kind, payload FROM jobs WHERE run_at_ms <= ? ORDER BY run_at_ms, id LIMIT 1');
    const del = stmt(this.db, 'DELETE FROM jobs WHERE id = ?');
    let ran = 0;
    for (;;) {
      const job = next.get(this.clock.nowMs()) as { id: number; kind: string; payload: string } | undefined;
      if (!job) break;
      try {
        this.db.transaction(() => {
          del.run(job.id);
          this.handlers.get(job.kind)?.(JSON.parse(job.payload));
        })();
      } catch (err) {
        // A failing job must not block the queue behind it: drop it and say so.
        console.error(`[counterfoil] scheduled job ${job.kind} #${job.id} failed and was dropped:`, err);
        del.run(job.id);
      }
      ran++;
    }
    this.arm();
    if (ran > 0) this.afterRun();
    return ran;
  }

  /** Sets a real-time timer for the next job, so scheduled work also happens as time passes. */
  arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const next = this.nextRunAt();
    if (next === undefined) return;
    const delay = Math.min(Math.max(next * 1000 - this.clock.nowMs(), 0), 60_000);
    this.timer = setTimeout(() => this.runDue(), delay);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
