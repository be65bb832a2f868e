import type { Operation, RequestContext } from '../../context.js';
import { resourceMissing } from '../../errors.js';
import { listInMemory } from '../../http/list.js';
import { loadCustomer } from '../billing/customers.js';
import { activeEntitlements, findEntitlement } from './grants.js';

/** A page of the customer's derived entitlements. */
function list(ctx: RequestContext) {
  const customer = loadCustomer(ctx.core, ctx.params.customer, 'customer');
  return listInMemory(ctx, activeEntitlements(ctx.core, customer.id), '/v1/entitlements/active_entitlements', 'active entitlement');
}

function retrieve(ctx: RequestContext) {
  const found = findEntitlement(ctx.core, ctx.path.id);
  if (!found) throw resourceMissing('active entitlement', ctx.path.id, 'id');
  return found.entitlement;
}

/** Active entitlements: derived from subscriptions (and the grant control), never written by a request. */
export const activeEntitlementOperations: Operation[] = [
  { method: 'GET', path: '/v1/entitlements/active_entitlements', handler: list },
  { method: 'GET', path: '/v1/entitlements/active_entitlements/{id}', handler: retrieve },
];
