// The sandbox clock's wire contract: what `/_counterfoil/clock` and
// `/_counterfoil/clock/advance` return. Types only; imports nothing.

/** One kind of thing an advance ran, e.g. `{ label: 'webhook retries', count: 2 }`. */
export interface RanGroup {
  /** The job kind (`treasury.outbound.arrive`), or `webhook.retry` for webhook retries. */
  kind: string;
  /** How the group reads with its count: "webhook retry" for one, "webhook retries" for more. */
  label: string;
  count: number;
}

/** What one advance (or jump) ran, at the moments each thing fell due. */
export interface AdvanceReport {
  /** Sandbox ms the advance started from and ended at. */
  from_ms: number;
  to_ms: number;
  /** Scheduled jobs plus webhook retries that ran. */
  jobs: number;
  /** Largest group first: "ran 3 jobs: 2 webhook retries, 1 outbound payment posted". */
  summary: string;
  ran: RanGroup[];
  /** Every webhook attempt sent during the advance, first deliveries of the events it caused included. */
  webhook_attempts: number;
  /** Distinct due moments the clock stopped at. */
  moments: number;
  /**
   * True when the advance stopped at its bound of moments before reaching its
   * end: the clock stands at the last moment that ran; advance again to go on.
   */
  stopped_early: boolean;
}

/** `GET /_counterfoil/clock`; the advance control returns this with `ran`. */
export interface ClockState {
  /** Sandbox seconds. */
  now: number;
  now_ms: number;
  offset_seconds: number;
  /** Sandbox ms the clock is ahead of real time; the UI ticks `Date.now() + offset_ms`. */
  offset_ms: number;
  /** Sandbox seconds of the next scheduled job or webhook retry, or null. */
  next_scheduled_at: number | null;
  next_scheduled_ms: number | null;
  /** What is scheduled, by kind (webhook retries included). */
  scheduled: { jobs: number; webhook_retries: number };
  ran?: AdvanceReport;
}
