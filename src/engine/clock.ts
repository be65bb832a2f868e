/** The sandbox clock: real time plus an offset the user can only move forward. */
export interface Clock {
  /** Sandbox time in milliseconds since the epoch. */
  nowMs(): number;
  /** Sandbox time in whole seconds, as Stripe's timestamps are. */
  now(): number;
  /** The current offset from real time, in milliseconds. */
  offsetMs(): number;
  /** Moves the sandbox forward; negative amounts are refused by the caller. */
  advance(seconds: number): void;
  /**
   * Sets the sandbox to a moment (ms) and holds it there — real time stops
   * moving it — until `release()`. An advance holds the clock at each due
   * moment while that moment's work runs, so everything it stamps reads that
   * moment. A moment before now is ignored: the clock never goes back.
   */
  hold(ms: number): void;
  /** Lets the clock run on with real time from where it is held. */
  release(): void;
  /** Back to real time (offset 0): only for a sandbox reset, which starts a fresh sandbox. */
  reset(): void;
  /** Sets the sandbox to a moment (ms), earlier or later, running on from there: only for loading a snapshot. */
  restoreTo(ms: number): void;
  /**
   * Real wall-clock time in ms, for wire-level facts a receiver checks against
   * its own clock (webhook signature timestamps) and for real-time pauses.
   * (Latencies are measured with `msSince`, which never steps.)
   */
  wallMs(): number;
}

/**
 * Milliseconds since `startedAt` (a `performance.now()` reading), to the microsecond: a latency,
 * on a monotonic clock that never steps. Most reads and loopback deliveries take under one.
 */
export function msSince(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 1000) / 1000;
}

export interface ClockOptions {
  /** Where real time comes from; tests pass a fixed function. */
  realNowMs?: () => number;
  /** An offset restored from the database. */
  offsetMs?: number;
  /** Called whenever the offset changes, to persist it. */
  onChange?: (offsetMs: number) => void;
}

/** Creates a clock; all engine code reads time through one of these. */
export function createClock(options: ClockOptions = {}): Clock {
  const realNow = options.realNowMs ?? (() => Date.now());
  let offset = options.offsetMs ?? 0;
  let held: number | undefined;
  const nowMs = () => held ?? realNow() + offset;
  const setOffset = (next: number) => {
    if (next === offset) return;
    offset = next;
    options.onChange?.(offset);
  };
  return {
    nowMs,
    now: () => Math.floor(nowMs() / 1000),
    offsetMs: () => (held === undefined ? offset : held - realNow()),
    wallMs: () => Date.now(),
    advance(seconds: number) {
      const ms = Math.round(seconds * 1000);
      if (held !== undefined) held += ms;
      setOffset(offset + ms);
    },
    hold(ms: number) {
      const at = Math.max(Math.round(ms), nowMs());
      held = at;
      setOffset(at - realNow());
    },
    release() {
      if (held === undefined) return;
      const at = held;
      held = undefined;
      setOffset(at - realNow());
    },
    reset() {
      held = undefined;
      setOffset(0);
    },
    restoreTo(ms: number) {
      held = undefined;
      setOffset(Math.round(ms) - realNow());
    },
  };
}

/** A clock frozen at a given second that moves only when advanced: for tests. */
export function fixedClock(startSeconds = 1_767_225_600): Clock {
  const ms = startSeconds * 1000;
  return createClock({ realNowMs: () => ms });
}
