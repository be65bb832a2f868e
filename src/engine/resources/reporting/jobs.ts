/** Reporting's scheduled work, by job kind. */
export const JOBS = {
  /** A report run is computed a short sandbox delay after it was created. */
  finishRun: 'reporting.report_run.finish',
  /** The next slice of a run too long to compute at once; due at once, so it follows as soon as requests let it. */
  continueRun: 'reporting.report_run.continue',
  /** A sandbox day is over: its data becomes reportable. */
  newDay: 'reporting.new_day',
} as const;

/** Sandbox seconds between creating a run and its result. */
export const RUN_DELAY_SECONDS = 5;

/** How long a report's file can be downloaded (sandbox seconds). */
export const REPORT_FILE_TTL_SECONDS = 365 * 86_400;
