import { currencyExponent } from '../../money.js';
import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { StripeError, invalidRequest, parameterMissing, resourceMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import {
  CALCULATION,
  CALCULATION_LIFETIME_SECONDS,
  CALCULATION_LINE_ITEM,
  TAX_DATE_WINDOW_SECONDS,
  insertObject,
  storedAddress,
  type Address,
} from './common.js';
import { taxLine, totalBreakdown, type LineBreakdown, type TotalBreakdown } from './compute.js';
import { resolveCustomer, type CustomerDetails } from './customer-details.js';
import { placeTaxes, registrationsAt } from './jurisdictions.js';
import { requireCountry } from './location.js';
import { PRESET_TAX_CODE, SHIPPING_TAX_CODE, isTaxCode } from './product-tax-codes.js';
import { loadSettings } from './settings.js';

export type CalculationLineItem = {
  id: string;
  object: 'tax.calculation_line_item';
  amount: number;
  amount_tax: number;
  livemode: false;
  metadata: Record<string, string> | null;
  performance_location: string | null;
  product: string | null;
  quantity: number;
  reference: string | null;
  tax_behavior: 'exclusive' | 'inclusive';
  tax_breakdown: LineBreakdown[];
  tax_code: string;
};

export type ShippingCost = {
  amount: number;
  amount_tax: number;
  shipping_rate?: string;
  tax_behavior: 'exclusive' | 'inclusive';
  tax_breakdown: LineBreakdown[];
  tax_code: string;
};

export type Calculation = {
  id: string;
  object: 'tax.calculation';
  amount_total: number;
  currency: string;
  customer: string | null;
  customer_details: CustomerDetails;
  expires_at: number;
  livemode: false;
  ship_from_details: { address: Address } | null;
  shipping_cost: ShippingCost | null;
  tax_amount_exclusive: number;
  tax_amount_inclusive: number;
  tax_breakdown: TotalBreakdown[];
  tax_date: number;
};

/** A currency Stripe knows, lower-cased. */
export function requireTaxCurrency(given: string): string {
  const c = given.toLowerCase();
  if (!/^[a-z]{3}$/.test(c) || currencyExponent(c) === undefined) throw invalidRequest(`Invalid currency: ${given}.`, 'currency');
  return c;
}

type Behavior = 'exclusive' | 'inclusive';

/** The behaviour a line gets when it names none: Settings' default, as Stripe applies it. */
function defaultBehavior(core: EngineCore, currency: string, param: string): Behavior {
  const d = loadSettings(core).defaults.tax_behavior;
  if (d === 'inferred_by_currency') return currency === 'usd' || currency === 'cad' ? 'exclusive' : 'inclusive';
  if (d) return d;
  throw invalidRequest(
    'tax_behavior is required: set it on each line item, or set defaults[tax_behavior] in your Tax Settings.',
    param,
  );
}

function requireActiveSettings(core: EngineCore) {
  const settings = loadSettings(core);
  if (settings.status !== 'active') {
    throw new StripeError(400, {
      type: 'invalid_request_error',
      code: 'stripe_tax_inactive',
      message: `Stripe Tax has not been activated on your account: your Tax Settings are pending (missing: ${settings.status_details.pending?.missing_fields?.join(', ')}). Set head_office with POST /v1/tax/settings.`,
      doc_url: 'https://stripe.com/docs/error-codes/stripe-tax-inactive',
    });
  }
  return settings;
}

function taxDate(core: EngineCore, given: number | undefined): number {
  const now = core.clock.now();
  if (given === undefined) return now;
  if (Math.abs(given - now) > TAX_DATE_WINDOW_SECONDS) {
    throw invalidRequest('tax_date must be within 31 days of the current time, in the past or the future.', 'tax_date');
  }
  return given;
}

function create(ctx: RequestContext): Calculation {
  const { core, params: p } = ctx;
  const settings = requireActiveSettings(core);
  const currency = requireTaxCurrency(p.currency);
  const at = taxDate(core, p.tax_date);
  const who = resolveCustomer(ctx, settings.head_office?.address.country ?? null);
  const place = placeTaxes(who.location, at, registrationsAt(core, at));
  const now = core.clock.now();
  const id = newId('tax.calculation');
  const references = new Set<string>();
  const lines: CalculationLineItem[] = (p.line_items as Record<string, any>[]).map((li, i) => {
    const param = `line_items[${i}]`;
    if (li.amount < 0) throw invalidRequest('Invalid non-negative integer', `${param}[amount]`, 'parameter_invalid_integer');
    if (li.quantity !== undefined && li.quantity < 1) throw invalidRequest('Invalid positive integer', `${param}[quantity]`, 'parameter_invalid_integer');
    if (li.reference !== undefined) {
      if (references.has(li.reference)) throw invalidRequest(`The reference '${li.reference}' is used by more than one line item; references must be unique within a calculation.`, `${param}[reference]`);
      references.add(li.reference);
    }
    if (li.tax_code !== undefined && !isTaxCode(li.tax_code)) throw invalidRequest(`Invalid tax code: '${li.tax_code}'.`, `${param}[tax_code]`);
    const product = li.product ? core.store.get<StripeObject & { tax_code?: string | null }>(li.product, 'product') : undefined;
    const taxCode = li.tax_code ?? product?.tax_code ?? settings.defaults.tax_code ?? PRESET_TAX_CODE;
    const taxBehavior: Behavior = li.tax_behavior ?? defaultBehavior(core, currency, `${param}[tax_behavior]`);
    const result = taxLine({ amount: li.amount, taxBehavior, taxCode }, place, who.status);
    return {
      id: newId('tax.calculation_line_item'),
      object: CALCULATION_LINE_ITEM,
      amount: li.amount,
      amount_tax: result.amountTax,
      livemode: false,
      metadata: applyMetadata({}, li.metadata),
      performance_location: li.performance_location ?? null,
      product: li.product ?? null,
      quantity: li.quantity ?? 1,
      reference: li.reference ?? null,
      tax_behavior: taxBehavior,
      tax_breakdown: result.breakdown,
      tax_code: taxCode,
    };
  });
  const shipping = shippingCost(p.shipping_cost, place, who.status);
  const taxed = [...lines.map((l) => ({ inclusive: l.tax_behavior === 'inclusive', breakdown: l.tax_breakdown, amount: l.amount, tax: l.amount_tax }))];
  if (shipping) taxed.push({ inclusive: shipping.tax_behavior === 'inclusive', breakdown: shipping.tax_breakdown, amount: shipping.amount, tax: shipping.amount_tax });
  const exclusive = taxed.filter((t) => !t.inclusive).reduce((s, t) => s + t.tax, 0);
  const inclusive = taxed.filter((t) => t.inclusive).reduce((s, t) => s + t.tax, 0);
  const calc: Calculation = {
    id,
    object: CALCULATION,
    amount_total: taxed.reduce((s, t) => s + t.amount, 0) + exclusive,
    currency,
    customer: who.customer,
    customer_details: who.details,
    expires_at: now + CALCULATION_LIFETIME_SECONDS,
    livemode: false,
    ship_from_details: p.ship_from_details
      ? { address: storedAddress(p.ship_from_details.address, requireCountry(p.ship_from_details.address.country, 'ship_from_details[address][country]')) }
      : null,
    shipping_cost: shipping,
    tax_amount_exclusive: exclusive,
    tax_amount_inclusive: inclusive,
    tax_breakdown: totalBreakdown(taxed),
    tax_date: at,
  };
  if (!Number.isSafeInteger(calc.amount_total)) throw invalidRequest('The calculation total is too large.', 'line_items');
  insertObject(core, { ...calc, created: now } as unknown as StripeObject);
  for (const line of lines) core.store.insert(line as unknown as StripeObject, id);
  return calc;
}

function shippingCost(given: Record<string, any> | undefined, place: ReturnType<typeof placeTaxes>, customer: ReturnType<typeof resolveCustomer>['status']): ShippingCost | null {
  if (!given) return null;
  if (given.shipping_rate !== undefined) throw resourceMissing('shipping rate', given.shipping_rate, 'shipping_cost[shipping_rate]');
  if (given.amount === undefined) throw parameterMissing('shipping_cost[amount]');
  if (given.amount < 0) throw invalidRequest('Invalid non-negative integer', 'shipping_cost[amount]', 'parameter_invalid_integer');
  if (given.tax_code !== undefined && !isTaxCode(given.tax_code)) throw invalidRequest(`Invalid tax code: '${given.tax_code}'.`, 'shipping_cost[tax_code]');
  const taxBehavior: Behavior = given.tax_behavior ?? 'exclusive';
  const taxCode: string = given.tax_code ?? SHIPPING_TAX_CODE;
  const result = taxLine({ amount: given.amount, taxBehavior, taxCode }, place, customer);
  return { amount: given.amount, amount_tax: result.amountTax, tax_behavior: taxBehavior, tax_breakdown: result.breakdown, tax_code: taxCode };
}

/** A calculation that has not expired, or Stripe's 404 (an expired one is gone). */
export function loadLiveCalculation(core: EngineCore, id: string, param = 'calculation'): Calculation {
  const calc = core.store.get<Calculation & { created?: number }>(id, CALCULATION);
  if (!calc || calc.expires_at <= core.clock.now()) throw resourceMissing('tax calculation', id, param);
  return stripCreated(calc);
}

/** A calculation a transaction may still be made from: an expired one is refused by name. */
export function loadUsableCalculation(core: EngineCore, id: string): Calculation {
  const calc = core.store.get<Calculation>(id, CALCULATION);
  if (calc && calc.expires_at <= core.clock.now()) {
    throw invalidRequest(`The calculation ${id} expired at ${calc.expires_at} and can no longer be used to create a transaction.`, 'calculation');
  }
  return loadLiveCalculation(core, id);
}

/** Calculations carry no `created` in the API; the store keeps one for its indexes. */
function stripCreated(calc: Calculation & { created?: number }): Calculation {
  const { created: _c, ...rest } = calc;
  return rest;
}

/** The line items of a calculation in the order they were given. */
export function calculationLines(core: EngineCore, calcId: string): CalculationLineItem[] {
  return [...core.store.iterate<CalculationLineItem & { object: string }>(CALCULATION_LINE_ITEM, calcId)];
}

/** The `line_items` list a calculation shows when expanded: its first hundred lines. */
export function expandCalculationLines(core: EngineCore, calc: StripeObject) {
  const page = core.store.list(CALCULATION_LINE_ITEM, { limit: 100, owner: calc.id, ascending: true });
  return { object: 'list', data: page.data, has_more: page.has_more, url: `/v1/tax/calculations/${calc.id}/line_items` };
}

/** Tax calculations: create, retrieve and list line items, for 90 days. */
export const calculationOperations: Operation[] = [
  { method: 'POST', path: '/v1/tax/calculations', handler: create },
  { method: 'GET', path: '/v1/tax/calculations/{calculation}', handler: (ctx) => loadLiveCalculation(ctx.core, ctx.path.calculation) },
  {
    method: 'GET',
    path: '/v1/tax/calculations/{calculation}/line_items',
    handler: (ctx) => {
      const calc = loadLiveCalculation(ctx.core, ctx.path.calculation);
      return listObjects(ctx, CALCULATION_LINE_ITEM, `/v1/tax/calculations/${calc.id}/line_items`, { owner: calc.id, ascending: true });
    },
  },
];
