import type { ResourceModule } from '../../context.js';
import { sigmaActions } from './actions.js';
import { queryControls } from './query-controls.js';
import { runOperations } from './runs.js';
import { registerQueryJobs, scheduledQueryControls } from './scheduled-queries.js';

/** Sigma: saved queries run on the sandbox clock over read-only snapshots shaped like Sigma's tables. */
export const sigmaModule: ResourceModule = {
  name: 'sigma',
  operations: runOperations,
  controls: [...scheduledQueryControls, ...queryControls],
  actions: sigmaActions,
  setup: registerQueryJobs,
};
