import type { TransitionTable } from '../treasury/transitions.js';

export type ReportRunStatus = 'pending' | 'succeeded' | 'failed';

/** ReportRun: pending until it is computed (succeeded) or cannot be (failed); a run cannot be canceled. */
export const REPORT_RUN: TransitionTable<ReportRunStatus, 'succeed' | 'fail'> = {
  succeed: { from: ['pending'], to: 'succeeded', verb: 'finished' },
  fail: { from: ['pending'], to: 'failed', verb: 'failed' },
};
