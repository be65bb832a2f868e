import rateData from 'sales-tax/res/sales_tax_rates.json';
import { D, type Dec } from './money.js';

/**
 * The rate table is the `sales-tax` package's data file (MIT, Valerian Saliou):
 * standard VAT/GST rates per country, US state and Canadian province rates, and
 * dated history (`before`) for rates that changed.
 */
interface RateEntry {
  type: string;
  rate: number;
  currency?: string;
  before?: Record<string, RateEntry>;
  states?: Record<string, RateEntry>;
}

const TABLE = rateData as unknown as Record<string, RateEntry>;

/** The version of the `sales-tax` package whose table is bundled, and that release's date. */
export const RATE_SOURCE = { package: 'sales-tax', version: '2.23.0', date: '2026-05-19' } as const;

/** The entry that applied at a time: the earliest `before` date still ahead of it, else the current one. */
function asOf(entry: RateEntry, atSeconds: number): RateEntry {
  let chosen: { at: number; entry: RateEntry } | undefined;
  for (const [date, older] of Object.entries(entry.before ?? {})) {
    const at = Date.parse(date) / 1000;
    if (atSeconds < at && (!chosen || at < chosen.at)) chosen = { at, entry: older };
  }
  return chosen ? { ...entry, ...chosen.entry, states: entry.states } : entry;
}

/** The decimal rate of a number from the JSON table, read through its shortest decimal text. */
function dec(rate: number): Dec {
  return new D(String(rate));
}

export interface TableRate {
  /** The package's kind of tax: vat, gst, hst, pst, qst, igic, none. */
  type: string;
  rate: Dec;
}

/** Whether the table knows the country at all. */
export function hasCountry(country: string): boolean {
  return TABLE[country] !== undefined;
}

/** The country-wide rate at a time, if the table has the country. */
export function countryRate(country: string, atSeconds: number): TableRate | undefined {
  const entry = TABLE[country];
  if (!entry) return undefined;
  const e = asOf(entry, atSeconds);
  return { type: e.type, rate: dec(e.rate) };
}

/** The rate a state or province adds (Spain's excluded territories carry negative ones), if listed. */
export function stateRate(country: string, state: string, atSeconds: number): TableRate | undefined {
  const entry = TABLE[country]?.states?.[state];
  if (!entry) return undefined;
  const e = asOf(entry, atSeconds);
  return { type: e.type, rate: dec(e.rate) };
}
