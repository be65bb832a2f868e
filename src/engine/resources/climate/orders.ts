import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { maxAmount } from '../../http/amounts.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import { insert, previousAttributes, requestEmitter, save } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { loadClimateProduct } from './catalogue.js';
import { CLIMATE_ORDER, loadOrder, moveOrder, release, reserve, type ClimateOrder } from './order-flow.js';
import { parseTons, quoteForAmount, quoteForTons, type Quote } from './pricing.js';
import { CANCEL_WINDOW_SECONDS, ORDER } from './transitions.js';

const BASE = '/v1/climate/orders';

function quoteOf(p: Record<string, any>, price: Parameters<typeof quoteForTons>[0]): Quote {
  if (p.metric_tons !== undefined && p.amount !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: amount, metric_tons.', 'metric_tons');
  }
  if (p.metric_tons !== undefined) return quoteForTons(price, parseTons(p.metric_tons));
  if (p.amount === undefined) throw invalidRequest('You must specify either `metric_tons` or `amount`.', 'metric_tons', 'parameter_missing');
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw invalidRequest('Invalid positive integer', 'amount', 'parameter_invalid_integer');
  const quote = quoteForAmount(price, p.amount);
  if (quote.metric_tons === '0') throw invalidRequest(`An amount of ${p.amount} buys no carbon removal at this product's price.`, 'amount');
  return quote;
}

function create(ctx: RequestContext): ClimateOrder {
  const core = ctx.core;
  const p = ctx.params;
  const product = loadClimateProduct(core, p.product);
  const currency = String(p.currency ?? 'usd').toLowerCase();
  const price = product.current_prices_per_metric_ton[currency];
  if (!price) {
    const priced = Object.keys(product.current_prices_per_metric_ton).join(', ');
    throw invalidRequest(`The product \`${product.id}\` is not sold in \`${currency}\`; it is priced in ${priced}.`, 'currency');
  }
  const quote = quoteOf(p, price);
  const param = p.metric_tons !== undefined ? 'metric_tons' : 'amount';
  if (quote.amount_subtotal < 1) throw invalidRequest('The order is too small: its subtotal rounds to nothing.', param);
  if (quote.amount_total > maxAmount(currency)) {
    throw invalidRequest(`The order's total of ${quote.amount_total} is above the largest amount Stripe takes in ${currency} (${maxAmount(currency)}).`, param, 'amount_too_large');
  }
  reserve(core, product, quote.metric_tons, param);
  const now = core.clock.now();
  const order: ClimateOrder = {
    id: newId('climate.order'),
    object: CLIMATE_ORDER,
    ...quote,
    ...(p.beneficiary ? { beneficiary: { public_name: p.beneficiary.public_name } } : {}),
    canceled_at: null,
    cancellation_reason: null,
    certificate: null,
    // Paid from the balance, an API order is confirmed as it is made.
    confirmed_at: now,
    created: now,
    currency,
    delayed_at: null,
    delivered_at: null,
    delivery_details: [],
    expected_delivery_year: product.delivery_year ?? new Date(now * 1000).getUTCFullYear(),
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    product: product.id,
    product_substituted_at: null,
    status: 'confirmed',
  };
  insert(core, order, null);
  ctx.emit('climate.order.created', order);
  return order;
}

function update(ctx: RequestContext): ClimateOrder {
  const before = loadOrder(ctx.core, ctx.path.order);
  transition(ORDER, 'order', before, 'update');
  const p = ctx.params;
  const order: ClimateOrder = { ...before, metadata: applyMetadata(before.metadata as Record<string, string>, p.metadata) };
  if (p.beneficiary === '' || p.beneficiary?.public_name === '') delete order.beneficiary;
  else if (p.beneficiary !== undefined) order.beneficiary = { public_name: p.beneficiary.public_name };
  if (Object.keys(previousAttributes(before, order)).length === 0 && ('beneficiary' in order) === ('beneficiary' in before)) return before;
  return save(ctx.core, order);
}

/** The buyer cancels within the window: the subtotal is refunded (not the fees) and the tons return to the product. */
function cancel(ctx: RequestContext): ClimateOrder {
  const core = ctx.core;
  const before = loadOrder(core, ctx.path.order);
  transition(ORDER, 'order', before, 'cancel');
  if (core.clock.now() - (before.created ?? 0) > CANCEL_WINDOW_SECONDS) {
    throw invalidRequest('This order can no longer be canceled: an order can be canceled only within 24 hours of its creation.');
  }
  release(core, before.product, before.metric_tons);
  const change = { canceled_at: core.clock.now(), cancellation_reason: 'requested' };
  return moveOrder(core, requestEmitter(ctx), before, 'cancel', change, 'climate.order.canceled');
}

/** Climate orders: create, update, retrieve, list, cancel (Frontier's side is in controls.ts). */
export const orderOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: (ctx) => listObjects(ctx, CLIMATE_ORDER, BASE) },
  { method: 'GET', path: `${BASE}/{order}`, handler: (ctx) => loadOrder(ctx.core, ctx.path.order) },
  { method: 'POST', path: `${BASE}/{order}`, handler: update },
  { method: 'POST', path: `${BASE}/{order}/cancel`, handler: cancel },
];
