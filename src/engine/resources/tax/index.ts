import type { ResourceModule } from '../../context.js';
import { taxActions } from './actions.js';
import { calculationOperations, expandCalculationLines } from './calculations.js';
import { registerRegistrationJobs } from './registration-status.js';
import { registrationOperations } from './registrations.js';
import { reversalOperations } from './reversals.js';
import { settingsOperations } from './settings.js';
import { expandTransactionLines, transactionOperations } from './transactions.js';

/** Stripe Tax: settings, registrations on the sandbox clock, calculations at real rates, transactions and reversals. */
export const taxModule: ResourceModule = {
  name: 'tax',
  operations: [...settingsOperations, ...registrationOperations, ...calculationOperations, ...transactionOperations, ...reversalOperations],
  actions: taxActions,
  expanders: {
    'tax.calculation.line_items': expandCalculationLines,
    'tax.transaction.line_items': expandTransactionLines,
  },
  setup: registerRegistrationJobs,
};
