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
   * Real wall-clock time in ms, for wire-level facts a receiver checks against
   * its own clock (webhook signature timestamps) and for measuring latency.
   */
  wallMs(): number;
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
  return {
    nowMs: () => realNow() + offset,
    now: () => Math.floor((realNow() + offset) / 1000),
    offsetMs: () => offset,
    wallMs: () => Date.now(),
    advance(seconds: number) {
      offset += Math.round(seconds * 1000);
      options.onChange?.(offset);
    },
  };
}

/** A clock frozen at a given second that moves only when advanced: for tests. */
export function fixedClock(startSeconds = 1_767_225_600): Clock {
  const ms = startSeconds * 1000;
  return createClock({ realNowMs: () => ms });
}
