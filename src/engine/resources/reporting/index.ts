import type { ResourceModule } from '../../context.js';
import { reportingActions } from './actions.js';
import { reportingControls } from './controls.js';
import { reportRunOperations } from './report-runs.js';
import { reportTypeOperations } from './report-types.js';
import { registerReportingJobs } from './schedule.js';

/** Reporting: report types over the sandbox's own data, and runs that produce real CSV files. */
export const reportingModule: ResourceModule = {
  name: 'reporting',
  operations: [...reportTypeOperations, ...reportRunOperations],
  controls: reportingControls,
  actions: reportingActions,
  setup: registerReportingJobs,
};
