import type { Jurisdiction, Placement, TaxComponent } from './jurisdictions.js';
import { D, exclusiveTax, inclusiveSplit, percentageDecimal, type Dec } from './money.js';
import { NONTAXABLE, reducedRatePercent, treatmentOf } from './product-tax-codes.js';

export type TaxabilityReason =
  | 'customer_exempt' | 'not_collecting' | 'not_subject_to_tax' | 'not_supported' | 'product_exempt'
  | 'reduced_rated' | 'reverse_charge' | 'standard_rated' | 'zero_rated';

/** One entry of a line's `tax_breakdown`, as Stripe shows it. */
export interface LineBreakdown {
  amount: number;
  jurisdiction: Jurisdiction;
  sourcing: 'destination';
  tax_rate_details: { display_name: string; percentage_decimal: string; tax_type: string } | null;
  taxability_reason: TaxabilityReason;
  taxable_amount: number;
}

export interface LineInput {
  amount: number;
  taxBehavior: 'exclusive' | 'inclusive';
  taxCode: string;
}

/** Who the customer is, as far as tax cares. */
export interface CustomerStatus {
  exempt: boolean;
  reverseCharge: boolean;
}

export interface LineResult {
  amountTax: number;
  breakdown: LineBreakdown[];
}

interface Decision {
  c: TaxComponent;
  reason: TaxabilityReason;
  rate: Dec;
}

/** Why a tax is or is not charged on a line, in the order Stripe's zero-tax causes are checked. */
function decide(c: TaxComponent, line: LineInput, customer: CustomerStatus): Decision {
  if (!c.collecting) return { c, reason: 'not_collecting', rate: new D(0) };
  if (line.taxCode === NONTAXABLE) return { c, reason: 'not_subject_to_tax', rate: new D(0) };
  if (customer.exempt) return { c, reason: 'customer_exempt', rate: new D(0) };
  if (customer.reverseCharge) return { c, reason: 'reverse_charge', rate: new D(0) };
  const treatment = treatmentOf(line.taxCode, c.jurisdiction.country, c.jurisdiction.state);
  if (treatment === 'exempt') return { c, reason: 'product_exempt', rate: new D(0) };
  if (treatment === 'zero') return { c, reason: 'zero_rated', rate: new D(0) };
  if (treatment === 'reduced' && c.national) {
    const pct = reducedRatePercent(line.taxCode, c.jurisdiction.country);
    if (pct !== undefined) return { c, reason: 'reduced_rated', rate: new D(pct).dividedBy(100) };
  }
  return { c, reason: 'standard_rated', rate: c.rate };
}

/** Reasons under which the line still counts as taxable at a (zero) rate. */
const SHOWS_RATE = new Set<TaxabilityReason>(['standard_rated', 'reduced_rated', 'zero_rated', 'reverse_charge']);

/**
 * The tax on one line at one place: each jurisdiction's tax, rounded per line
 * per jurisdiction (half up). An inclusive amount is split so that its net
 * plus every jurisdiction's tax is the amount exactly.
 */
export function taxLine(line: LineInput, place: Placement, customer: CustomerStatus): LineResult {
  if (!place.supported) {
    return {
      amountTax: 0,
      breakdown: [{ amount: 0, jurisdiction: place.jurisdiction, sourcing: 'destination', tax_rate_details: null, taxability_reason: 'not_supported', taxable_amount: 0 }],
    };
  }
  const decisions = place.components.map((c) => decide(c, line, customer));
  const charged = decisions.filter((d) => d.rate.gt(0));
  let net = line.amount;
  let taxes: number[];
  if (line.taxBehavior === 'inclusive') {
    const split = inclusiveSplit(line.amount, charged.map((d) => d.rate));
    net = split.net;
    taxes = split.taxes;
  } else {
    taxes = charged.map((d) => exclusiveTax(line.amount, d.rate));
  }
  const taxOf = new Map(charged.map((d, i) => [d, taxes[i]]));
  const breakdown = decisions.map((d): LineBreakdown => {
    const shows = SHOWS_RATE.has(d.reason);
    return {
      amount: taxOf.get(d) ?? 0,
      jurisdiction: d.c.jurisdiction,
      sourcing: 'destination',
      tax_rate_details: shows ? { display_name: d.c.displayName, percentage_decimal: percentageDecimal(d.rate), tax_type: d.c.taxType } : null,
      taxability_reason: d.reason,
      taxable_amount: shows ? net : 0,
    };
  });
  return { amountTax: taxes.reduce((a, b) => a + b, 0), breakdown };
}

/** One entry of the calculation's `tax_breakdown`: lines grouped by rate, reason and behaviour. */
export interface TotalBreakdown {
  amount: number;
  inclusive: boolean;
  tax_rate_details: {
    country: string | null;
    flat_amount: null;
    percentage_decimal: string;
    rate_type: 'percentage' | null;
    state: string | null;
    tax_type: string | null;
  };
  taxability_reason: TaxabilityReason;
  taxable_amount: number;
}

/** Sums line breakdowns into the calculation's breakdown, in first-seen order. */
export function totalBreakdown(lines: { inclusive: boolean; breakdown: LineBreakdown[] }[]): TotalBreakdown[] {
  const groups = new Map<string, TotalBreakdown>();
  for (const line of lines) {
    for (const b of line.breakdown) {
      const details = b.tax_rate_details;
      const key = [line.inclusive, b.taxability_reason, b.jurisdiction.country, b.jurisdiction.state, details?.tax_type, details?.percentage_decimal].join('|');
      const g = groups.get(key) ?? {
        amount: 0,
        inclusive: line.inclusive,
        tax_rate_details: {
          country: b.jurisdiction.country,
          flat_amount: null,
          percentage_decimal: details?.percentage_decimal ?? '0.0',
          rate_type: details ? 'percentage' : null,
          state: b.jurisdiction.state,
          tax_type: details?.tax_type ?? null,
        },
        taxability_reason: b.taxability_reason,
        taxable_amount: 0,
      };
      g.amount += b.amount;
      g.taxable_amount += b.taxable_amount;
      groups.set(key, g);
    }
  }
  return [...groups.values()];
}
