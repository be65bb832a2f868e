import type { EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import { loadPrice, type Price } from './catalog.js';
import type { SubscriptionItem } from './subscription-shape.js';

type ItemParam = { id?: string; price?: string; quantity?: number; metadata?: Record<string, string> | ''; deleted?: boolean };

function recurringPrice(core: EngineCore, id: string, param: string): Price {
  const price = loadPrice(core, id, param);
  if (price.type !== 'recurring') {
    throw invalidRequest(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, param);
  }
  if (!price.active) throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, param);
  return price;
}

function quantityOf(q: number | undefined, param: string): number {
  const quantity = q ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw invalidRequest('Invalid non-negative integer', param, 'parameter_invalid_integer');
  return quantity;
}

function newItem(core: EngineCore, subscription: string, p: ItemParam, i: number, period: { start: number; end: number }): SubscriptionItem {
  if (p.price === undefined) throw invalidRequest('Missing required param: items[' + i + '][price].', `items[${i}][price]`, 'parameter_missing');
  return {
    id: newId('subscription_item'),
    object: 'subscription_item',
    billing_thresholds: null,
    created: core.clock.now(),
    current_period_end: period.end,
    current_period_start: period.start,
    discounts: [],
    metadata: applyMetadata({}, p.metadata),
    price: recurringPrice(core, p.price, `items[${i}][price]`),
    quantity: quantityOf(p.quantity, `items[${i}][quantity]`),
    subscription,
    tax_rates: [],
  };
}

/**
 * Applies an `items` param to a subscription's items, as Stripe reads it: an
 * entry with an `id` changes or (`deleted`) removes that item, one without adds
 * an item. The result must be non-empty, one price per item, and share one
 * currency and one billing interval.
 */
export function applyItems(
  core: EngineCore,
  subscription: string,
  existing: SubscriptionItem[],
  params: ItemParam[],
  period: { start: number; end: number },
): SubscriptionItem[] {
  let items = [...existing];
  params.forEach((p, i) => {
    if (p.id === undefined) {
      items.push(newItem(core, subscription, p, i, period));
      return;
    }
    const at = items.findIndex((it) => it.id === p.id);
    if (at < 0) throw invalidRequest(`No such subscription item: '${p.id}'`, `items[${i}][id]`, 'resource_missing');
    if (p.deleted) {
      items = items.filter((it) => it.id !== p.id);
      return;
    }
    const it = { ...items[at] };
    if (p.price !== undefined) it.price = recurringPrice(core, p.price, `items[${i}][price]`);
    if (p.quantity !== undefined) it.quantity = quantityOf(p.quantity, `items[${i}][quantity]`);
    it.metadata = applyMetadata(it.metadata, p.metadata);
    items[at] = it;
  });
  checkItems(items);
  return items;
}

function checkItems(items: SubscriptionItem[]): void {
  if (items.length === 0) throw invalidRequest('A subscription must have at least one item.', 'items');
  if (items.length > 20) throw invalidRequest('A subscription can have at most 20 items.', 'items');
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.price.id)) throw invalidRequest(`Cannot add multiple subscription items with the same price: ${it.price.id}`, 'items');
    seen.add(it.price.id);
  }
  const [first] = items;
  for (const it of items) {
    if (it.price.currency !== first.price.currency) {
      throw invalidRequest('All prices on a subscription must have the same currency.', 'items');
    }
    const a = it.price.recurring!;
    const b = first.price.recurring!;
    if (a.interval !== b.interval || a.interval_count !== b.interval_count) {
      throw invalidRequest('All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.', 'items');
    }
  }
}
