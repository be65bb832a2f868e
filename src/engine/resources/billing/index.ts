import type { ResourceModule } from '../../context.js';
import { billingActions } from './actions.js';
import { customerOperations } from './customers.js';
import { priceOperations } from './prices.js';
import { productOperations } from './products.js';
import { registerBillingJobs } from './schedule.js';
import { subscriptionOperations } from './subscriptions.js';

/** Products, Prices, Customers and the part of Subscriptions the groups above them stand on. */
export const billingModule: ResourceModule = {
  name: 'billing',
  operations: [...productOperations, ...priceOperations, ...customerOperations, ...subscriptionOperations],
  actions: billingActions,
  setup: registerBillingJobs,
};
