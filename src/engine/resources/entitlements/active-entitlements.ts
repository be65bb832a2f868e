import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { listQuery } from '../../http/list.js';
import { loadCustomer } from '../billing/customers.js';
import { activeEntitlements, findEntitlement } from './grants.js';

/** A page of the customer's derived entitlements, by cursor over the derived list. */
function list(ctx: RequestContext) {
  const customer = loadCustomer(ctx.core, ctx.params.customer, 'customer');
  const q = listQuery(ctx);
  const all = activeEntitlements(ctx.core, customer.id);
  let from = 0;
  let to = all.length;
  const cursor = q.startingAfter ?? q.endingBefore;
  if (cursor !== undefined) {
    const at = all.findIndex((e) => e.id === cursor);
    if (at < 0) throw invalidRequest(`No such active entitlement: '${cursor}'`, q.startingAfter ? 'starting_after' : 'ending_before', 'resource_missing');
    if (q.startingAfter) from = at + 1;
    else to = at;
  }
  const slice = q.endingBefore ? all.slice(Math.max(from, to - q.limit), to) : all.slice(from, from + q.limit);
  const hasMore = q.endingBefore ? to - q.limit > from : from + q.limit < to;
  return { object: 'list', data: slice, has_more: hasMore, url: '/v1/entitlements/active_entitlements' };
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
