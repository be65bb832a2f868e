import type { Db } from './db.js';

interface Pending {
  work: () => unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
  result?: unknown;
  error?: unknown;
  failed: boolean;
  /** See RunOptions. */
  background: boolean;
}

export interface RunOptions {
  /** Work no API request waits on (a webhook attempt's note or outcome): see `carriesRequests`. */
  background?: boolean;
}

/**
 * Group commit: work submitted during one turn of the event loop runs in one
 * SQLite transaction, each piece in its own savepoint (a throw rolls back that
 * piece alone), and every promise settles only once that transaction has
 * committed. A commit costs the same for one write as for fifty, so a burst of
 * requests pays for it once; what `beforeCommit` hooks add (the request log)
 * rides the same commit.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  // While held, the scheduled commit waits (see `hold`); an explicit flush does not.
  private holds = 0;
  private deferred = false;
  private readonly startHooks: (() => void)[] = [];
  private readonly hooks: (() => void)[] = [];
  private readonly afterHooks: (() => void)[] = [];
  private readonly rollbackHooks: (() => void)[] = [];

  private readonly group;
  private readonly savepoint;
  // Whether the group running now holds any work that is not background (carriesRequests).
  private carrying = false;

  constructor(private readonly db: Db) {
    this.savepoint = db.transaction((p: Pending) => p.work());
    this.group = db.transaction((batch: Pending[]) => {
      for (const hook of this.startHooks) hook();
      for (const p of batch) {
        try {
          p.result = this.savepoint(p);
        } catch (err) {
          p.failed = true;
          p.error = err;
          this.rolledBack();
        }
      }
      for (const hook of this.hooks) hook();
    });
  }

  /** Runs `work` inside the next group transaction; resolves with its result once that transaction committed. */
  run<T>(work: () => T, options: RunOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject, failed: false, background: options.background === true });
      this.schedule();
    });
  }

  /**
   * Inside a group's hooks: whether any of the group's work is an API request's (not background),
   * so a hook may leave what can wait (reads' log rows) out of a group that carries none.
   */
  get carriesRequests(): boolean {
    return this.carrying;
  }

  /** Writes that need no one to wait for them (the log of a read) go into the next group; this makes sure one comes. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: every request whose bytes arrived in this turn has been queued by then.
    setImmediate(() => {
      if (this.holds === 0) return this.flush();
      // The release schedules it again.
      this.scheduled = false;
      this.deferred = true;
    });
  }

  /**
   * Holds the scheduled commits back until the returned function is called: the work queued
   * meanwhile waits, and the event loop stays free for everything else. The checkpointer holds
   * them for the moment another connection needs the WAL to stand still (checkpointer.ts).
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds > 0 || !this.deferred) return;
      this.deferred = false;
      this.schedule();
    };
  }

  /** Called inside each group transaction before its work (outside every piece's savepoint). */
  atStart(hook: () => void): void {
    this.startHooks.push(hook);
  }

  /** Called inside each group transaction after its work, before COMMIT. */
  beforeCommit(hook: () => void): void {
    this.hooks.push(hook);
  }

  /** Called after each group transaction committed. */
  afterCommit(hook: () => void): void {
    this.afterHooks.push(hook);
  }

  /** Called when a piece of work (or a whole group) was rolled back, so caches of what it wrote are dropped. */
  onRollback(hook: () => void): void {
    this.rollbackHooks.push(hook);
  }

  /** Runs and commits everything queued now (also called before shutdown and by tests). */
  flush(): void {
    this.scheduled = false;
    if (!this.db.open) return;
    if (this.db.inTransaction) {
      // Called from inside someone's transaction (a control that flushes the log): try again next turn.
      this.schedule();
      return;
    }
    const batch = this.queue;
    this.queue = [];
    this.carrying = batch.some((p) => !p.background);
    try {
      this.group(batch);
    } catch (err) {
      // The commit itself failed (disk full, I/O error): nothing of this group was written.
      this.rolledBack();
      for (const p of batch) p.reject(err);
      return;
    } finally {
      this.carrying = false;
    }
    for (const p of batch) {
      if (p.failed) p.reject(p.error);
      else p.resolve(p.result);
    }
    for (const hook of this.afterHooks) hook();
  }

  private rolledBack(): void {
    for (const hook of this.rollbackHooks) hook();
  }
}
