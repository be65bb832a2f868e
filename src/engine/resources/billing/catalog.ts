import type { EngineCore } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { maxAmount } from '../../http/amounts.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { stmt } from '../../store/statements.js';
import { insert, load, type Emit } from '../treasury/common.js';
import { alreadyExists, currencyParam } from './common.js';

export const PRODUCT = 'product';
export const PRICE = 'price';

export type Product = StripeObject & { active: boolean; name: string; default_price: string | null; updated: number };
export type Recurring = { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number; usage_type: string };
export type Price = StripeObject & {
  active: boolean;
  currency: string;
  product: string;
  type: 'one_time' | 'recurring';
  recurring: Recurring | null;
  unit_amount: number | null;
  lookup_key: string | null;
};

/** The product, or Stripe's 404 naming the param it came from. */
export function loadProduct(core: EngineCore, id: string, param = 'id'): Product {
  return load<Product>(core, PRODUCT, id, 'product', param);
}

export function loadPrice(core: EngineCore, id: string, param = 'price'): Price {
  return load<Price>(core, PRICE, id, 'price', param);
}

/** Creates a product from create params (also `product_data` of a price), emitting product.created. */
export function createProduct(core: EngineCore, emit: Emit, p: Record<string, any>, param = ''): Product {
  if (p.name === undefined) throw parameterMissing(`${param}name`);
  const id = p.id ?? newId('product');
  if (p.id !== undefined && core.store.get(p.id)) throw alreadyExists('product', `${param}id`);
  const now = core.clock.now();
  const product: Product = {
    id,
    object: PRODUCT,
    active: p.active ?? true,
    created: now,
    default_price: null,
    description: p.description ?? null,
    images: p.images ?? [],
    livemode: false,
    marketing_features: (p.marketing_features ?? []).map((f: { name: string }) => ({ name: f.name })),
    metadata: applyMetadata({}, p.metadata),
    name: p.name,
    package_dimensions: p.package_dimensions ?? null,
    shippable: p.shippable ?? null,
    statement_descriptor: p.statement_descriptor ?? null,
    tax_code: p.tax_code ?? null,
    unit_label: p.unit_label ?? null,
    updated: now,
    url: p.url ?? null,
  };
  insert(core, product, null);
  emit('product.created', product);
  return product;
}

function recurringOf(r: Record<string, any> | undefined, param: string): Recurring | null {
  if (!r) return null;
  const count = r.interval_count ?? 1;
  const max = { day: 1095, week: 156, month: 36, year: 3 }[r.interval as Recurring['interval']];
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw invalidRequest(`Invalid recurring[interval_count]: the maximum for interval \`${r.interval}\` is ${max}.`, `${param}recurring[interval_count]`);
  }
  return { interval: r.interval, interval_count: count, usage_type: r.usage_type ?? 'licensed' } as Recurring;
}

/** The unit amount from `unit_amount` or an integral `unit_amount_decimal`. */
function unitAmountOf(p: Record<string, any>, param: string): number {
  const amount = unitAmountGiven(p, param);
  if (amount > maxAmount(p.currency)) {
    throw invalidRequest(`Amount must be no more than ${maxAmount(p.currency)} in the currency's minor unit.`, `${param}unit_amount`, 'amount_too_large');
  }
  return amount;
}

function unitAmountGiven(p: Record<string, any>, param: string): number {
  if (p.unit_amount !== undefined) {
    if (!Number.isSafeInteger(p.unit_amount) || p.unit_amount < 0) {
      throw invalidRequest('Invalid non-negative integer', `${param}unit_amount`, 'parameter_invalid_integer');
    }
    return p.unit_amount;
  }
  if (p.unit_amount_decimal !== undefined) {
    const d = String(p.unit_amount_decimal);
    if (!/^\d+$/.test(d)) {
      throw invalidRequest('The sandbox prices in whole minor units only: unit_amount_decimal must be an integer.', `${param}unit_amount_decimal`);
    }
    return Number(d);
  }
  throw parameterMissing(`${param}unit_amount`);
}

/** Refuses a lookup key another price holds, unless it is transferred (then the other loses it). */
function claimLookupKey(core: EngineCore, emit: Emit, key: string | undefined, transfer: boolean, param: string): void {
  if (key === undefined) return;
  const row = stmt(core.db, `SELECT data FROM objects WHERE type = 'price' AND json_extract(data, '$.lookup_key') = ?`).get(key) as
    | { data: string }
    | undefined;
  if (!row) return;
  const holder = JSON.parse(row.data) as Price;
  if (!transfer) throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, `${param}lookup_key`);
  const moved = { ...holder, lookup_key: null };
  core.store.update(moved);
  emit('price.updated', moved, { lookup_key: key });
}

/** Creates a price from create params (also `default_price_data` of a product), emitting price.created. */
export function createPrice(core: EngineCore, emit: Emit, p: Record<string, any>, productId: string, param = ''): Price {
  if (p.billing_scheme === 'tiered' || p.tiers !== undefined) {
    throw invalidRequest('The sandbox serves per-unit prices only: tiered prices are not supported.', `${param}billing_scheme`);
  }
  if (p.custom_unit_amount !== undefined) {
    throw invalidRequest('The sandbox serves fixed prices only: custom_unit_amount is not supported.', `${param}custom_unit_amount`);
  }
  const currency = currencyParam(p.currency, `${param}currency`);
  const unitAmount = unitAmountOf(p, param);
  const recurring = recurringOf(p.recurring, param);
  claimLookupKey(core, emit, p.lookup_key, p.transfer_lookup_key === true, param);
  const price: Price = {
    id: newId('price'),
    object: PRICE,
    active: p.active ?? true,
    billing_scheme: 'per_unit',
    created: core.clock.now(),
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookup_key ?? null,
    metadata: applyMetadata({}, p.metadata),
    nickname: p.nickname ?? null,
    product: productId,
    recurring: recurring && { aggregate_usage: null, interval: recurring.interval, interval_count: recurring.interval_count, meter: null, trial_period_days: null, usage_type: recurring.usage_type } as Recurring,
    tax_behavior: p.tax_behavior ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  };
  insert(core, price, productId);
  emit('price.created', price);
  return price;
}
