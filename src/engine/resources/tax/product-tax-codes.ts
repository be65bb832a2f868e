/**
 * How the sandbox treats a product tax code: the shipped table of common
 * Stripe tax codes, each with its usual treatment and the places it differs.
 * Codes outside the table are taxed at the standard rate.
 */
export type Treatment = 'standard' | 'reduced' | 'zero' | 'exempt';

interface CodeRule {
  name: string;
  treatment: Treatment;
  /** Per country (`DE`) or per US state / Canadian province (`US-NJ`). */
  except?: Record<string, Treatment>;
}

/** Stripe's "nontaxable" code: nothing is ever due on it. */
export const NONTAXABLE = 'txcd_00000000';
/** What a line without a tax code (and no default in Settings) is classified as, as Stripe presets. */
export const PRESET_TAX_CODE = 'txcd_10000000';
/** What shipping is classified as unless the request says otherwise. */
export const SHIPPING_TAX_CODE = 'txcd_92010001';

const FOOD_AND_BOOKS_ZERO = { GB: 'zero', IE: 'zero' } as const;

export const PRODUCT_TAX_CODES: Record<string, CodeRule> = {
  [NONTAXABLE]: { name: 'Nontaxable', treatment: 'exempt' },
  txcd_10000000: { name: 'General - Electronically Supplied Services', treatment: 'standard' },
  txcd_10103000: { name: 'Software as a service (SaaS) - personal use', treatment: 'standard' },
  txcd_10103001: { name: 'Software as a service (SaaS) - business use', treatment: 'standard' },
  txcd_10302000: { name: 'Digital books', treatment: 'reduced', except: { 'US-CA': 'exempt' } },
  txcd_20030000: { name: 'General - Services', treatment: 'standard' },
  txcd_30011000: { name: 'Clothing and footwear', treatment: 'standard', except: { 'US-NJ': 'exempt', 'US-PA': 'exempt', 'US-MN': 'exempt' } },
  txcd_35010000: { name: 'Books (printed)', treatment: 'reduced', except: { ...FOOD_AND_BOOKS_ZERO, US: 'standard' } },
  txcd_40060003: { name: 'Food for home consumption (grocery)', treatment: 'reduced', except: { ...FOOD_AND_BOOKS_ZERO, US: 'exempt' } },
  txcd_92010001: { name: 'Shipping', treatment: 'standard' },
  txcd_99999999: { name: 'General - Tangible Goods', treatment: 'standard' },
};

/** What a tax code is at a place; the state's rule wins over the country's, which wins over the code's. */
export function treatmentOf(taxCode: string, country: string, state: string | null): Treatment {
  const rule = PRODUCT_TAX_CODES[taxCode];
  if (!rule) return 'standard';
  return (state && rule.except?.[`${country}-${state}`]) || rule.except?.[country] || rule.treatment;
}

/** The category a code belongs to, for the reduced-rate table: books, food or anything else. */
function categoryOf(taxCode: string): 'books' | 'food' | undefined {
  if (taxCode === 'txcd_35010000' || taxCode === 'txcd_10302000') return 'books';
  if (taxCode === 'txcd_40060003') return 'food';
  return undefined;
}

/**
 * Reduced VAT rates (percent) for books and groceries, which the `sales-tax`
 * table lacks. Kept by hand from the EU's published VAT rates (2025); a
 * country missing here taxes a "reduced" code at its standard rate.
 */
const REDUCED_RATES: Record<string, { books: string; food: string }> = {
  AT: { books: '10', food: '10' },
  BE: { books: '6', food: '6' },
  DE: { books: '7', food: '7' },
  ES: { books: '4', food: '4' },
  FR: { books: '5.5', food: '5.5' },
  IT: { books: '4', food: '4' },
  NL: { books: '9', food: '9' },
  PL: { books: '5', food: '5' },
  PT: { books: '6', food: '6' },
  SE: { books: '6', food: '12' },
};

/** The reduced rate (percent text) of a code in a country, if the sandbox knows one. */
export function reducedRatePercent(taxCode: string, country: string): string | undefined {
  const category = categoryOf(taxCode);
  return category ? REDUCED_RATES[country]?.[category] : undefined;
}

/** A tax code has Stripe's shape: `txcd_` and eight digits. */
export function isTaxCode(code: string): boolean {
  return /^txcd_\d{8}$/.test(code);
}
