import type { ResourceModule } from '../../context.js';
import { identityActions } from './actions.js';
import { identityControls } from './controls.js';
import { registerIdentityPage } from './hosted-page.js';
import { identityExpanders, reportOperations } from './reports.js';
import { registerIdentityJobs } from './schedule.js';
import { sessionOperations } from './sessions.js';

/** Identity: VerificationSessions and their reports, with the hosted test page Stripe's test mode offers. */
export const identityModule: ResourceModule = {
  name: 'identity',
  operations: [...sessionOperations, ...reportOperations],
  controls: identityControls,
  actions: identityActions,
  expanders: identityExpanders(),
  setup: registerIdentityJobs,
  register: registerIdentityPage,
};
