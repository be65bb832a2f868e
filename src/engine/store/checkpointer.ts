import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { BUSY_TIMEOUT_MS, type Db } from './db.js';
import { betterSqliteEntry, nativeBindingPath } from './native-binding.js';

/** How often the worker copies committed WAL pages into the database file. */
const INTERVAL_MS = 200;
/** WAL frames (pages) past which the main connection finishes a checkpoint itself, so the WAL can restart. */
const RESTART_FRAMES = 4_000;
/** What the WAL file is cut back to when it restarts (bytes). */
const JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;
/**
 * WAL size (bytes) past which the main connection copies everything left itself, however
 * much that is: writes are outrunning the worker. The file is cut back to JOURNAL_SIZE_LIMIT
 * when the WAL restarts, so its size past that is the current WAL's own length.
 */
const FORCE_BYTES = 48 * 1024 * 1024;
/** The longest the group's commits are held back for the worker's last copy before a WAL restart. */
const MAX_HOLD_MS = 100;
/** After a hold that writes from outside the group got into, or a slow one, how long the main connection copies the WAL's last frames itself. */
const HOLD_PAUSE_MS = 5_000;
/** WAL size (bytes) at which the worker starts: an idle sandbox spends no thread on checkpoints. */
const START_BYTES = 1024 * 1024;
/** How long the WAL stays still, every frame copied, before the worker stops again. */
const IDLE_MS = 60_000;

interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

// Runs in a worker thread with its own connection: PASSIVE checkpoints never block the
// main connection's writers or readers, and their copying and fsyncs leave the event loop free.
const SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, workerData.binding ? { nativeBinding: workerData.binding } : {});
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')[0]);
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
});
`;

const load = createRequire(import.meta.url);

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints
 * inside the COMMIT that pushes the WAL past 1,000 pages, so one request in
 * every few dozen groups pays for copying pages and two fsyncs. Here the
 * main connection never checkpoints on its own (`wal_autocheckpoint = 0`);
 * a worker thread does, every 200 ms. The worker starts once the WAL
 * passes 1 MB and stops after a minute with nothing to copy, so an idle
 * sandbox holds no second thread and heap. A checkpoint the main connection
 * cannot leave to the worker remains: SQLite restarts the WAL only when
 * every frame was copied, which under a steady stream of writes the worker
 * never sees. So once the WAL is long and the worker has copied nearly all
 * of it, the group's commits are held back (the event loop stays free: reads
 * are answered, writes queue) while the worker copies the rest, and the
 * next commit starts the WAL over. That last copy ends in two fsyncs, some
 * 10 ms on a virtual disk, which the main connection used to wait out with
 * the event loop blocked, several times a second under load. Should a write
 * from outside the group get in meanwhile (a clock advance, another process),
 * the main connection copies what they added once the worker is done, and
 * for a few seconds copies the last frames itself, as it did before holds.
 * Should writes outrun the worker (a slow disk, a bulk seed), the main
 * connection copies whatever is left once the WAL passes a hard size, so
 * the WAL stays bounded whatever the write rate.
 *
 * Durability is unchanged: a commit is in the WAL before the response, and
 * the WAL is what recovery replays.
 */
export class Checkpointer {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private closed = false;
  /** The WAL length the worker last reported, and since when it has not moved. */
  private lastLog = -1;
  private quietSince = 0;
  /** Holds the group's commits back; set by the engine (`holdWritesWith`). */
  private hold: (() => () => void) | undefined;
  /** The release of the hold in force, its time limit, and when holds may be tried again. */
  private release: (() => void) | undefined;
  private holdTimer: NodeJS.Timeout | undefined;
  private holdAgainAt = 0;

  constructor(
    private readonly db: Db,
    private readonly idleMs = IDLE_MS,
  ) {
    if (db.memory) return;
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    db.pragma('wal_autocheckpoint = 0');
    this.timer = setInterval(() => this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  /** How to hold the group's commits back while the worker makes the WAL's last copy before a restart. */
  holdWritesWith(hold: () => () => void): void {
    this.hold = hold;
  }

  /** Whether the worker thread is running now (it starts when writes begin and stops when they end). */
  get working(): boolean {
    return this.worker !== undefined;
  }

  /** Stops the worker (before the main connection closes, which checkpoints what is left). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.stopWorker();
  }

  private tick(): void {
    if (this.closed || !this.db.open) return;
    const size = walSize(this.db.name);
    if (!this.db.inTransaction && size > FORCE_BYTES) {
      // Busy (the worker is mid-checkpoint) copies nothing; the worker's answer tries again.
      this.copyHere();
    }
    if (!this.worker) {
      if (size > START_BYTES) this.startWorker();
      return;
    }
    if (this.busy) return;
    this.busy = true;
    this.worker.postMessage('checkpoint');
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      // Loaded with the first worker: an idle or read-only sandbox never starts one.
      const { Worker } = load('node:worker_threads') as typeof import('node:worker_threads');
      worker = new Worker(SOURCE, {
        eval: true,
        workerData: { module: betterSqliteEntry(), binding: nativeBindingPath(), path: this.db.name },
        // It only ever runs a pragma: a small heap keeps its share of the process's memory small.
        resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 },
      });
    } catch {
      this.fallBack(); // No worker threads here.
      return;
    }
    this.worker = worker;
    this.busy = false;
    this.lastLog = -1;
    worker.unref();
    worker.on('message', (row: CheckpointRow | { error: string }) => this.checked(row));
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => {
      if (this.worker === worker) this.fallBack();
    });
  }

  private async stopWorker(): Promise<void> {
    this.endHold();
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000).unref())]);
    await worker.terminate();
  }

  private checked(row: CheckpointRow | { error: string }): void {
    this.busy = false;
    const held = this.release !== undefined;
    this.endHold();
    if ('error' in row || this.closed || !this.db.open) return;
    if (!this.db.inTransaction) {
      if (held) {
        // What the worker reports is the WAL as its copy began. Anything written since, from
        // outside the group (a clock advance's jobs, another process), is copied now, so the
        // next commit starts the WAL over; with nothing left, the usual case, this takes
        // microseconds (no copy, no fsync).
        if (this.copyHere().log > row.log) this.holdAgainAt = performance.now() + HOLD_PAUSE_MS;
      } else if (walSize(this.db.name) > FORCE_BYTES) {
        // Writes outrun the worker (a slow disk, a bulk seed): the main connection copies what is
        // left now, while the worker has just let go of the checkpoint. A tick's try finds the
        // worker mid-copy more often the slower the disk, and the WAL grew meanwhile.
        this.copyHere();
      } else if (row.log > RESTART_FRAMES && row.log - row.checkpointed < RESTART_FRAMES / 4) {
        if (this.hold && this.worker && performance.now() >= this.holdAgainAt) {
          this.holdForLastCopy(this.hold, this.worker);
          return;
        }
        // The few frames the worker has not copied yet; the next write then starts the WAL over.
        this.copyHere();
      }
    }
    const now = performance.now();
    if (row.log !== this.lastLog || row.checkpointed < row.log) {
      this.lastLog = row.log;
      this.quietSince = now;
    } else if (now - this.quietSince >= this.idleMs) {
      void this.rest();
    }
  }

  /**
   * Writes have stopped and every frame is copied: the worker thread goes (it holds
   * memory of its own) and the WAL file is cut to nothing, so its growth shows when
   * writes start again and the worker comes back.
   */
  private async rest(): Promise<void> {
    await this.stopWorker();
    if (this.closed || !this.db.open || this.db.inTransaction) return;
    // Never wait for another process's reader: a busy truncate leaves the file, and the worker returns.
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /** The worker copies the few frames left while no group commit adds to them. */
  private holdForLastCopy(hold: () => () => void, worker: Worker): void {
    this.release = hold();
    this.holdTimer = setTimeout(() => {
      // A slow copy: the main connection copies the last frames itself for a while.
      this.holdAgainAt = performance.now() + HOLD_PAUSE_MS;
      this.endHold();
    }, MAX_HOLD_MS);
    this.holdTimer.unref();
    this.busy = true;
    worker.postMessage('checkpoint');
  }

  /** A PASSIVE checkpoint on the main connection: copies what it can now, and says what the WAL holds. */
  private copyHere(): CheckpointRow {
    return (this.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[])[0];
  }

  private endHold(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  /** The worker is gone (it failed to load or crashed): SQLite checkpoints inside commits again. */
  private fallBack(): void {
    clearInterval(this.timer);
    this.endHold();
    this.worker = undefined;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}

function walSize(dbPath: string): number {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}
