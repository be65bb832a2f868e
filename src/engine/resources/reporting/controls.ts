import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { sandboxEmitter } from '../treasury/common.js';
import { completeRun, failRun } from './compute.js';
import { JOBS } from './jobs.js';
import { loadRun } from './report-runs.js';

function now<T>(core: EngineCore, id: string, fn: () => T): T {
  return core.db.transaction(() => {
    core.scheduler.cancel(JOBS.finishRun, (p) => p.id === id);
    return fn();
  })();
}

/** Reporting's sandbox controls: finish a pending run now, or fail it as Stripe rarely does. Documented in docs/reporting.md. */
export const reportingControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/reporting/report_runs/:id/finish',
    handler: ({ core, params }) => now(core, params.id, () => completeRun(core, sandboxEmitter(core), loadRun(core, params.id))),
  },
  {
    method: 'POST',
    path: '/reporting/report_runs/:id/fail',
    handler: ({ core, params, body }) => {
      const error = body.error ?? 'The report could not be computed.';
      if (typeof error !== 'string' || error === '') throw invalidRequest('error must be a non-empty string.', 'error');
      return now(core, params.id, () => failRun(core, sandboxEmitter(core), loadRun(core, params.id), error));
    },
  },
];
