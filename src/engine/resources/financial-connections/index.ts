import type { ResourceModule } from '../../context.js';
import { accountOperations } from './accounts.js';
import { financialConnectionsActions } from './actions.js';
import { financialConnectionsControls } from './controls.js';
import { registerHostedFlow } from './hosted-routes.js';
import { registerFinancialConnectionsJobs } from './schedule.js';
import { sessionOperations } from './sessions.js';
import { transactionOperations } from './transactions.js';

export { hostedPath } from './hosted-routes.js';
export { bankNumbersForPaymentMethod } from './payment-method.js';

/** Financial Connections: sessions, the hosted bank-linking flow, linked accounts and their data. */
export const financialConnectionsModule: ResourceModule = {
  name: 'financial-connections',
  operations: [...sessionOperations, ...accountOperations, ...transactionOperations],
  controls: financialConnectionsControls,
  actions: financialConnectionsActions,
  setup: registerFinancialConnectionsJobs,
  register: (app, core) => registerHostedFlow(app, core),
};
