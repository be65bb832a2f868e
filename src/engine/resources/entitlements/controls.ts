import type { ControlInput, ControlRoute } from '../../context.js';
import { parameterMissing } from '../../errors.js';
import { loadProduct } from '../billing/catalog.js';
import { loadCustomer } from '../billing/customers.js';
import { featuresOfProducts } from './attachments.js';
import { activeEntitlements, setGrants, summary } from './grants.js';
import { controlSource } from './sync.js';
import { atomically } from '../../store/statements.js';

function move({ core, params, body }: ControlInput, grant: boolean) {
  return atomically(core.db, () => {
    const customer = loadCustomer(core, params.id, 'customer');
    if (typeof body.product !== 'string') throw parameterMissing('product');
    const product = loadProduct(core, body.product, 'product');
    const features = grant ? featuresOfProducts(core, [product.id]) : [];
    setGrants(core, null, customer.id, controlSource(product.id), features);
    return summary(customer.id, activeEntitlements(core, customer.id));
  });
}

/**
 * Entitles a customer to a product's features without a subscription (or takes
 * that back), for a quick demo. Answers with the customer's summary.
 */
export const entitlementControls: ControlRoute[] = [
  { method: 'POST', path: '/entitlements/customers/:id/grant', handler: (input) => move(input, true) },
  { method: 'POST', path: '/entitlements/customers/:id/revoke', handler: (input) => move(input, false) },
];
