import type { EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import type { StripeObject } from '../../store/objects.js';
import { load, previousAttributes, save, type Emit } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { allProducts, findClimateProduct, loadClimateProduct, saveProduct, type ClimateProduct } from './catalogue.js';
import { D, decimalString } from './pricing.js';
import { ORDER, type OrderStatus } from './transitions.js';

export const CLIMATE_ORDER = 'climate.order';

export type ClimateOrder = StripeObject & {
  status: OrderStatus;
  product: string;
  metric_tons: string;
  currency: string;
  amount_subtotal: number;
  amount_fees: number;
  amount_total: number;
  expected_delivery_year: number;
  delivery_details: Record<string, unknown>[];
};

export function loadOrder(core: EngineCore, id: string): ClimateOrder {
  return load<ClimateOrder>(core, CLIMATE_ORDER, id, 'order', 'order');
}

/** Takes tons out of a product's availability, or refuses when it has too few. */
export function reserve(core: EngineCore, product: ClimateProduct, tons: string, param: string): ClimateProduct {
  const left = new D(product.metric_tons_available).sub(tons);
  if (left.lt(0)) {
    throw invalidRequest(
      `Only ${product.metric_tons_available} metric tons of \`${product.id}\` are available; the order needs ${tons}.`,
      param,
    );
  }
  return saveProduct(core, { ...product, metric_tons_available: decimalString(left) });
}

/** Puts an order's tons back into its product's availability. */
export function release(core: EngineCore, productId: string, tons: string): void {
  const product = findClimateProduct(core, productId);
  if (product) saveProduct(core, { ...product, metric_tons_available: decimalString(new D(product.metric_tons_available).add(tons)) });
}

/** Moves an order along its machine, saves it and emits its event with what changed. */
export function moveOrder(core: EngineCore, emit: Emit, before: ClimateOrder, action: keyof typeof ORDER, change: Partial<ClimateOrder>, event: string): ClimateOrder {
  const status = transition(ORDER, 'order', before, action);
  const order: ClimateOrder = { ...before, ...change, status };
  save(core, order);
  emit(event, order, previousAttributes(before, order));
  return order;
}

/** Frontier could not supply: the order is canceled and the whole total refunded; the tons do not come back. */
export function cancelBySupplier(core: EngineCore, emit: Emit, before: ClimateOrder): ClimateOrder {
  return moveOrder(core, emit, before, 'cancel_by_supplier', { canceled_at: core.clock.now(), cancellation_reason: 'product_unavailable' }, 'climate.order.canceled');
}

/** Frontier verified the delivery and retired the tons: one delivery per supplier, the tons split exactly. */
export function deliver(core: EngineCore, emit: Emit, before: ClimateOrder): ClimateOrder {
  const now = core.clock.now();
  const product = loadClimateProduct(core, before.product);
  const suppliers = product.suppliers;
  const share = new D(before.metric_tons).div(suppliers.length).toDecimalPlaces(12, D.ROUND_DOWN);
  let left = new D(before.metric_tons);
  const delivery_details = suppliers.map((supplier, i) => {
    const tons = i === suppliers.length - 1 ? left : share;
    left = left.sub(tons);
    return {
      delivered_at: now,
      location: supplier.locations[0] ?? null,
      metric_tons: decimalString(tons),
      registry_url: `https://registry.counterfoil.invalid/retirements/${before.id}-${i + 1}`,
      supplier,
    };
  });
  const certificate = `https://counterfoil.invalid/climate/certificates/${before.id}.pdf`;
  return moveOrder(core, emit, before, 'deliver', { delivered_at: now, certificate, delivery_details }, 'climate.order.delivered');
}

/** The delivery slips to a later year. */
export function delay(core: EngineCore, emit: Emit, before: ClimateOrder, year?: number): ClimateOrder {
  transition(ORDER, 'order', before, 'delay');
  const next = year ?? before.expected_delivery_year + 1;
  if (!Number.isInteger(next) || next <= before.expected_delivery_year) {
    throw invalidRequest(`expected_delivery_year must be a year after ${before.expected_delivery_year}.`, 'expected_delivery_year');
  }
  return moveOrder(core, emit, before, 'delay', { expected_delivery_year: next, delayed_at: core.clock.now() }, 'climate.order.delayed');
}

/**
 * Frontier swaps in a similar product: the order keeps its tons and its price,
 * and the tons move from the old product's availability to the new one's.
 */
export function substitute(core: EngineCore, emit: Emit, before: ClimateOrder, productId?: string): ClimateOrder {
  transition(ORDER, 'order', before, 'substitute');
  const target = productId !== undefined ? loadClimateProduct(core, productId) : similarProduct(core, before);
  if (target.id === before.product) throw invalidRequest('The substitute must be a different product from the order’s own.', 'product');
  release(core, before.product, before.metric_tons);
  const reserved = reserve(core, loadClimateProduct(core, target.id), before.metric_tons, 'product');
  const change = { product: reserved.id, expected_delivery_year: reserved.delivery_year ?? before.expected_delivery_year, product_substituted_at: core.clock.now() };
  return moveOrder(core, emit, before, 'substitute', change, 'climate.order.product_substituted');
}

/** Another product priced in the order's currency with room for its tons, nearest in delivery year. */
function similarProduct(core: EngineCore, order: ClimateOrder): ClimateProduct {
  const candidates = allProducts(core).filter(
    (p) => p.id !== order.product && p.current_prices_per_metric_ton[order.currency] && new D(p.metric_tons_available).gte(order.metric_tons),
  );
  candidates.sort((a, b) => Math.abs((a.delivery_year ?? 0) - order.expected_delivery_year) - Math.abs((b.delivery_year ?? 0) - order.expected_delivery_year));
  if (!candidates[0]) throw invalidRequest('No other product can take this order: name one with `product`.', 'product');
  return candidates[0];
}
