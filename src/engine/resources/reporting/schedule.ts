import type { EngineCore } from '../../context.js';
import { label } from '../../scheduler.js';
import { allows } from '../treasury/transitions.js';
import { sandboxEmitter } from '../treasury/common.js';
import { availabilityOf, hasDataIn, reportTypeObject } from './availability.js';
import { REPORT_TYPES } from './catalog.js';
import { computeSlice, discardProgress, isProgress, SLICE_RECORDS, type RunProgress } from './compute.js';
import { DAY, startOfDay } from './format.js';
import { JOBS } from './jobs.js';
import { REPORT_RUN as RUN_TYPE, type ReportRun } from './report-runs.js';
import { REPORT_RUN } from './transitions.js';

/**
 * Registers what the sandbox does as its clock passes Reporting's times: a
 * run is computed, and each midnight the day that ended becomes reportable.
 */
export function registerReportingJobs(core: EngineCore): void {
  const emit = sandboxEmitter(core);
  // A run is computed a slice at a time, each slice a job of its own: the scheduler answers the
  // requests waiting between two slices, and a restart resumes from the last slice committed.
  const step = (p: { id: string; progress?: RunProgress }) => {
    const run = core.store.get<ReportRun>(p.id, RUN_TYPE);
    if (!run || !allows(REPORT_RUN, run, 'succeed')) {
      if (p.progress) discardProgress(core, p.progress);
      return;
    }
    const outcome = computeSlice(core, emit, run, p.progress, SLICE_RECORDS);
    if (isProgress(outcome)) core.scheduler.schedule(JOBS.continueRun, core.clock.now(), { id: run.id, progress: outcome });
  };
  core.scheduler.on(JOBS.finishRun, step);
  core.scheduler.on(JOBS.continueRun, step, label('report run slice computed'), { background: true });

  core.scheduler.on(JOBS.newDay, (p: { availableEnd: number }) => {
    // A type changes only when the day(s) that became available hold some of its data.
    for (const def of REPORT_TYPES) {
      const { end } = availabilityOf(core, def);
      if (end <= p.availableEnd || !hasDataIn(core, def, p.availableEnd, end)) continue;
      const type = reportTypeObject(core, def);
      emit('reporting.report_type.updated', type, { data_available_end: p.availableEnd, updated: p.availableEnd });
    }
    scheduleNewDay(core);
  }, label('sandbox day made reportable', 'sandbox days made reportable'), { background: true });

  const ensureNewDay = () => {
    if (!core.scheduler.hasPending(JOBS.newDay)) scheduleNewDay(core);
  };
  ensureNewDay();
  // A reset empties the jobs table: the daily tick starts again from the reset's day.
  core.changes.subscribe((c) => {
    if (c.kind === 'reset') ensureNewDay();
  });
}

function scheduleNewDay(core: EngineCore): void {
  const today = startOfDay(core.clock.now());
  core.scheduler.schedule(JOBS.newDay, today + DAY, { availableEnd: today });
}
