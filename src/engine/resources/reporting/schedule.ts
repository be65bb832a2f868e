import type { EngineCore } from '../../context.js';
import { stmt } from '../../store/statements.js';
import { allows } from '../treasury/transitions.js';
import { sandboxEmitter } from '../treasury/common.js';
import { availabilityOf, hasDataIn, reportTypeObject } from './availability.js';
import { REPORT_TYPES } from './catalog.js';
import { completeRun } from './compute.js';
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
  core.scheduler.on(JOBS.finishRun, (p: { id: string }) => {
    const run = core.store.get<ReportRun>(p.id, RUN_TYPE);
    if (run && allows(REPORT_RUN, run, 'succeed')) completeRun(core, emit, run);
  });

  core.scheduler.on(JOBS.newDay, (p: { availableEnd: number }) => {
    // A type changes only when the day(s) that became available hold some of its data.
    for (const def of REPORT_TYPES) {
      const { end } = availabilityOf(core, def);
      if (end <= p.availableEnd || !hasDataIn(core, def, p.availableEnd, end)) continue;
      const type = reportTypeObject(core, def);
      emit('reporting.report_type.updated', type, { data_available_end: p.availableEnd, updated: p.availableEnd });
    }
    scheduleNewDay(core);
  });

  const pending = stmt(core.db, 'SELECT 1 FROM jobs WHERE kind = ? LIMIT 1').get(JOBS.newDay);
  if (!pending) scheduleNewDay(core);
}

function scheduleNewDay(core: EngineCore): void {
  const today = startOfDay(core.clock.now());
  core.scheduler.schedule(JOBS.newDay, today + DAY, { availableEnd: today });
}
