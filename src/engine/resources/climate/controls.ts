import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { randomTail } from '../../ids.js';
import { previousAttributes, sandboxEmitter } from '../treasury/common.js';
import { CLIMATE_PRODUCT, findClimateProduct, loadClimateProduct, saveProduct, suppliersFor, type ClimateProduct } from './catalogue.js';
import { cancelBySupplier, CLIMATE_ORDER, delay, deliver, loadOrder, substitute, type ClimateOrder } from './order-flow.js';
import { D, decimalString, parseTons, tonPrice, type TonPrice } from './pricing.js';
import { atomically } from '../../store/statements.js';

function minorUnits(value: unknown, param: string): number {
  if (!Number.isSafeInteger(value) || (value as number) <= 0) throw invalidRequest('Invalid positive integer', param, 'parameter_invalid_integer');
  return value as number;
}

function pricesParam(value: unknown): Record<string, TonPrice> {
  if (!value || typeof value !== 'object') throw parameterMissing('current_prices_per_metric_ton');
  const out: Record<string, TonPrice> = {};
  for (const [currency, p] of Object.entries(value as Record<string, { amount_subtotal?: unknown; amount_fees?: unknown }>)) {
    const param = `current_prices_per_metric_ton[${currency}]`;
    const fees = p.amount_fees === undefined ? undefined : minorUnits(p.amount_fees, `${param}[amount_fees]`);
    out[currency.toLowerCase()] = tonPrice(minorUnits(p.amount_subtotal, `${param}[amount_subtotal]`), fees);
  }
  return out;
}

/** A product joining the catalogue (Frontier announces a new one): climate.product.created. */
function addProduct(core: EngineCore, body: Record<string, any>): ClimateProduct {
  // Without an id, a fresh slug, so a trigger fixture can run again on the same sandbox.
  const id = body.id === undefined ? `climsku_sandbox_${randomTail(10).toLowerCase()}` : String(body.id);
  if (!/^climsku_[a-z0-9_]+$/.test(id)) throw invalidRequest('id must be a slug starting `climsku_` (lowercase letters, digits, underscores).', 'id');
  if (findClimateProduct(core, id) || core.store.get(id)) throw invalidRequest(`A product with id \`${id}\` is already in the catalogue.`, 'id', 'resource_already_exists');
  if (typeof body.name !== 'string' || !body.name) throw parameterMissing('name');
  if (!Array.isArray(body.suppliers) || body.suppliers.length === 0) throw parameterMissing('suppliers');
  const product: ClimateProduct = {
    id,
    object: CLIMATE_PRODUCT,
    created: core.clock.now(),
    current_prices_per_metric_ton: pricesParam(body.current_prices_per_metric_ton),
    delivery_year: body.delivery_year === undefined ? null : minorUnits(body.delivery_year, 'delivery_year'),
    livemode: false,
    metric_tons_available: decimalString(parseTons(String(body.metric_tons_available ?? ''), 'metric_tons_available')),
    name: body.name,
    suppliers: suppliersFor(core, body.suppliers.map(String)),
  };
  saveProduct(core, product);
  sandboxEmitter(core)('climate.product.created', product);
  return product;
}

/** Frontier reprices a product (after two weeks' notice): new orders pay the new price, confirmed ones keep theirs. */
function reprice(core: EngineCore, id: string, body: Record<string, any>): ClimateProduct {
  const before = loadClimateProduct(core, id, 'product');
  if (typeof body.currency !== 'string') throw parameterMissing('currency');
  const currency = body.currency.toLowerCase();
  const fees = body.amount_fees === undefined ? undefined : minorUnits(body.amount_fees, 'amount_fees');
  const price = tonPrice(minorUnits(body.amount_subtotal, 'amount_subtotal'), fees);
  const product = { ...before, current_prices_per_metric_ton: { ...before.current_prices_per_metric_ton, [currency]: price } };
  const prev = previousAttributes(before, product);
  if (Object.keys(prev).length === 0) return before;
  saveProduct(core, product);
  sandboxEmitter(core)('climate.product.pricing_updated', product, prev);
  return product;
}

/** What orders charged and refunded per currency, as the balance would show it (the sandbox keeps no balance). */
function ledger(core: EngineCore) {
  const out: Record<string, { charged: number; refunded: number; net: number }> = {};
  for (const o of core.store.iterate<ClimateOrder>(CLIMATE_ORDER)) {
    const row = (out[o.currency] ??= { charged: 0, refunded: 0, net: 0 });
    row.charged += o.amount_total;
    if (o.cancellation_reason === 'requested') row.refunded += o.amount_subtotal;
    if (o.cancellation_reason === 'product_unavailable') row.refunded += o.amount_total;
    row.net = row.charged - row.refunded;
  }
  return { object: 'climate_ledger', currencies: out, metric_tons_sold: sold(core) };
}

function sold(core: EngineCore): string {
  let tons = new D(0);
  for (const o of core.store.iterate<ClimateOrder>(CLIMATE_ORDER)) if (o.status !== 'canceled') tons = tons.add(o.metric_tons);
  return decimalString(tons);
}

const order = (path: string, act: (core: EngineCore, o: ClimateOrder, body: Record<string, any>) => ClimateOrder): ControlRoute => ({
  method: 'POST',
  path: `/climate/orders/:id/${path}`,
  handler: ({ core, params, body }) => atomically(core.db, () => act(core, loadOrder(core, params.id), body)),
});

/** What Frontier decides, as sandbox controls (documented in docs/climate.md). */
export const climateControls: ControlRoute[] = [
  order('deliver', (core, o) => deliver(core, sandboxEmitter(core), o)),
  order('delay', (core, o, body) => delay(core, sandboxEmitter(core), o, body.expected_delivery_year === undefined ? undefined : Number(body.expected_delivery_year))),
  order('substitute', (core, o, body) => substitute(core, sandboxEmitter(core), o, body.product === undefined ? undefined : String(body.product))),
  order('cancel_by_supplier', (core, o) => cancelBySupplier(core, sandboxEmitter(core), o)),
  { method: 'POST', path: '/climate/products', handler: ({ core, body }) => atomically(core.db, () => addProduct(core, body)) },
  { method: 'POST', path: '/climate/products/:id/pricing', handler: ({ core, params, body }) => atomically(core.db, () => reprice(core, params.id, body)) },
  { method: 'GET', path: '/climate/ledger', handler: ({ core }) => ledger(core) },
];
