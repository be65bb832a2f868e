import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { sandboxEmitter } from '../treasury/common.js';
import { completeRun, discardProgress, failRun, type RunProgress } from './compute.js';
import { JOBS } from './jobs.js';
import { loadRun } from './report-runs.js';
import { atomically } from '../../store/statements.js';

/** Takes a run off the clock (its timer, or the next slice of a computation under way) and acts on it now. */
function now<T>(core: EngineCore, id: string, fn: (progress: RunProgress | undefined) => T): T {
  return atomically(core.db, () => {
    core.scheduler.cancel(JOBS.finishRun, (p) => p.id === id);
    const [slice] = core.scheduler.cancel(JOBS.continueRun, (p) => p.id === id) as { progress: RunProgress }[];
    return fn(slice?.progress);
  });
}

/** Reporting's sandbox controls: finish a pending run now, or fail it as Stripe rarely does. Documented in docs/reporting.md. */
export const reportingControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/reporting/report_runs/:id/finish',
    // A computation under way is finished from where it stands.
    handler: ({ core, params }) => now(core, params.id, (progress) => completeRun(core, sandboxEmitter(core), loadRun(core, params.id), progress)),
  },
  {
    method: 'POST',
    path: '/reporting/report_runs/:id/fail',
    handler: ({ core, params, body }) => {
      const error = body.error ?? 'The report could not be computed.';
      if (typeof error !== 'string' || error === '') throw invalidRequest('error must be a non-empty string.', 'error');
      return now(core, params.id, (progress) => {
        const failed = failRun(core, sandboxEmitter(core), loadRun(core, params.id), error);
        if (progress) discardProgress(core, progress);
        return failed;
      });
    },
  },
];
