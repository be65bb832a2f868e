import type { Operation, ResourceModule } from '../../context.js';
import type { PaymentMethod } from './build.js';
import { createPaymentMethod } from './create.js';
import { requirePaymentMethod } from './lookup.js';

export type { PaymentMethod } from './build.js';
export { billingDetails } from './build.js';
export type { PaymentMethodSecrets } from './vault.js';
export { createPaymentMethod } from './create.js';
export { forgetCvc } from './vault.js';
export { getPaymentMethod, getPaymentMethodSecrets, requirePaymentMethod, secretsOf } from './lookup.js';
export {
  TEST_BANK_ACCOUNTS,
  TEST_BANK_NAME,
  TEST_BANK_METHODS,
  TEST_CARDS,
  TEST_ROUTING_NUMBER,
  isTestPaymentMethodId,
  testBankBehaviour,
  type TestBankBehaviour,
} from './test-methods.js';

const operations: Operation[] = [
  {
    method: 'POST',
    path: '/v1/payment_methods',
    handler: (ctx): PaymentMethod => createPaymentMethod(ctx.core, ctx.params),
  },
  {
    method: 'GET',
    path: '/v1/payment_methods/{payment_method}',
    handler: (ctx): PaymentMethod => requirePaymentMethod(ctx.core, ctx.path.payment_method),
  },
];

/** PaymentMethods: create and retrieve, with Stripe's test ids resolving on first use. */
export const paymentMethodsModule: ResourceModule = { name: 'payment-methods', operations };
