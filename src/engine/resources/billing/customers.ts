import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { resourceMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId, randomTail } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { insert, previousAttributes, save } from '../treasury/common.js';
import { assignNullable } from './common.js';
import { notifyBilling } from './hooks.js';
import { cancelSubscription, subscriptionsOf } from './subscription-flow.js';

export const CUSTOMER = 'customer';

export type Customer = StripeObject & { email: string | null; name: string | null; deleted?: true };

/** A customer that exists and is not deleted, or Stripe's 404. */
export function loadCustomer(core: EngineCore, id: string, param = 'customer'): Customer {
  const c = core.store.get<Customer>(id, CUSTOMER);
  if (!c || c.deleted) throw resourceMissing('customer', id, param);
  return c;
}

function invoicePrefix(): string {
  return randomTail(8).toUpperCase().replace(/[^A-Z0-9]/g, 'X');
}

function create(ctx: RequestContext): Customer {
  const p = ctx.params;
  const customer: Customer = {
    id: newId('customer'),
    object: CUSTOMER,
    address: p.address ?? null,
    balance: p.balance ?? 0,
    created: ctx.core.clock.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    discount: null,
    email: p.email ?? null,
    invoice_prefix: p.invoice_prefix ?? invoicePrefix(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    name: p.name ?? null,
    next_invoice_sequence: p.next_invoice_sequence ?? 1,
    phone: p.phone ?? null,
    preferred_locales: p.preferred_locales ?? [],
    shipping: p.shipping ?? null,
    tax_exempt: p.tax_exempt ?? 'none',
    test_clock: null,
  };
  insert(ctx.core, customer, null);
  ctx.emit('customer.created', customer);
  return customer;
}

const NULLABLE = ['description', 'email', 'name', 'phone'] as const;

function update(ctx: RequestContext): Customer {
  const before = loadCustomer(ctx.core, ctx.path.customer, 'id');
  const p = ctx.params;
  const customer: Customer = { ...before };
  assignNullable(customer, p, NULLABLE);
  for (const key of ['address', 'shipping'] as const) if (p[key] !== undefined) customer[key] = p[key] === '' ? null : p[key];
  if (p.balance !== undefined) customer.balance = p.balance;
  if (p.invoice_prefix !== undefined) customer.invoice_prefix = p.invoice_prefix;
  if (p.next_invoice_sequence !== undefined) customer.next_invoice_sequence = p.next_invoice_sequence;
  if (p.preferred_locales !== undefined) customer.preferred_locales = p.preferred_locales === '' ? [] : p.preferred_locales;
  if (p.tax_exempt !== undefined) customer.tax_exempt = p.tax_exempt === '' ? 'none' : p.tax_exempt;
  customer.metadata = applyMetadata(before.metadata as Record<string, string>, p.metadata);
  const prev = previousAttributes(before, customer);
  if (Object.keys(prev).length === 0) return before;
  save(ctx.core, customer);
  ctx.emit('customer.updated', customer, prev);
  return customer;
}

/** Deleting a customer ends its subscriptions at once, as Stripe does; the id stays retrievable as deleted. */
function remove(ctx: RequestContext) {
  const core = ctx.core;
  const customer = loadCustomer(core, ctx.path.customer, 'id');
  for (const sub of subscriptionsOf(core, customer.id)) {
    if (sub.status !== 'canceled') cancelSubscription(core, ctx.request, sub, core.clock.now(), 'cancellation_requested');
  }
  notifyBilling(core, (l) => l.customerDeleted?.(core, ctx.request, customer.id));
  const tombstone = { id: customer.id, object: CUSTOMER, deleted: true as const };
  save(core, tombstone as Customer);
  ctx.emit('customer.deleted', customer);
  return tombstone;
}

function retrieve(ctx: RequestContext) {
  const c = ctx.core.store.get<Customer>(ctx.path.customer, CUSTOMER);
  if (!c) throw resourceMissing('customer', ctx.path.customer, 'id');
  return c;
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, string> = {};
  if (p.email !== undefined) where.email = p.email;
  return listObjects(ctx, CUSTOMER, '/v1/customers', { where, sql: [{ clause: `json_extract(data, '$.deleted') IS NULL`, params: [] }] });
}

/** Customers: create, retrieve (deleted ones too), update, list, delete. */
export const customerOperations: Operation[] = [
  { method: 'POST', path: '/v1/customers', handler: create },
  { method: 'GET', path: '/v1/customers', handler: list },
  { method: 'GET', path: '/v1/customers/{customer}', handler: retrieve },
  { method: 'POST', path: '/v1/customers/{customer}', handler: update },
  { method: 'DELETE', path: '/v1/customers/{customer}', handler: remove },
];
