// The demo's and the sandbox reset's wire contract. Types only; imports nothing.

/** `GET /_counterfoil/dashboard/demo`: where the demo is, for a progress bar any tab can show. */
export interface DemoProgress {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** Chapters finished, of `chapters`. */
  chapter: number;
  chapters: number;
  /** What the demo is doing now ("Payroll runs while ledger-sync is down"). */
  title: string | null;
  /** API calls and clock moves made so far. */
  steps: number;
  /** Steps the engine refused, with its message. */
  refused: { label: string; error: string }[];
  /** Why it stopped, when state is `failed`. */
  error: string | null;
  /** Sandbox ms the run started and finished (null while running). */
  started_ms: number | null;
  finished_ms: number | null;
}

/** `POST /_counterfoil/sandbox/reset {"confirm": true}`. */
export interface ResetResult {
  objects_removed: number;
  /** Sandbox seconds after the reset (real time again). */
  now: number;
}
