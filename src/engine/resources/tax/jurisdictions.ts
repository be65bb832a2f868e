import type { EngineCore } from '../../context.js';
import { REGISTRATION } from './common.js';
import { countryName } from './lazy-data.js';
import type { TaxLocation } from './location.js';
import { D, type Dec } from './money.js';
import { countryRate, stateRate } from './rate-table.js';
import { CA_PROVINCES, EU_COUNTRIES, US_STATES } from './regions.js';
import { statusAt, type Registration } from './registration-status.js';

export interface Jurisdiction {
  country: string;
  display_name: string;
  level: 'country' | 'state';
  state: string | null;
}

/** One tax that applies at a location: who levies it, what it is called, its rate, and whether the seller collects it. */
export interface TaxComponent {
  jurisdiction: Jurisdiction;
  taxType: string;
  /** The rate's display name (`VAT`, `Sales Tax`, `HST`). */
  displayName: string;
  rate: Dec;
  /** True when an active registration covers this tax at this location. */
  collecting: boolean;
  /** Country-level VAT/GST, to which reduced rates apply. */
  national: boolean;
}

export type Placement = { supported: false; jurisdiction: Jurisdiction } | { supported: true; components: TaxComponent[] };

const TYPE_NAMES: Record<string, string> = { vat: 'VAT', gst: 'GST', hst: 'HST', pst: 'PST', qst: 'QST', jct: 'JCT', sales_tax: 'Sales Tax' };

function countryJurisdiction(country: string): Jurisdiction {
  return { country, display_name: countryName(country), level: 'country', state: null };
}

function stateJurisdiction(country: string, state: string): Jurisdiction {
  const names = country === 'US' ? US_STATES : CA_PROVINCES;
  return { country, display_name: names[state] ?? state, level: 'state', state };
}

/** Registrations in force at a time (their status at `tax_date`, not only now). */
export function registrationsAt(core: EngineCore, at: number): Registration[] {
  return [...core.store.iterate<Registration>(REGISTRATION)].filter((r) => statusAt(r, at) === 'active');
}

function optionsOf(reg: Registration): Record<string, any> {
  return reg.country_options[reg.country.toLowerCase()] as Record<string, any>;
}

function component(jurisdiction: Jurisdiction, taxType: string, rate: Dec, collecting: boolean, national: boolean): TaxComponent {
  return { jurisdiction, taxType, displayName: TYPE_NAMES[taxType] ?? taxType, rate, collecting, national };
}

/**
 * The taxes that apply at a location at a time, from the rate table, each
 * marked with whether a registration in force covers it. US: the state's
 * sales tax (state-level only). Canada: GST, or HST where the province
 * harmonises, plus PST/QST covered by a provincial registration. Elsewhere:
 * the country's VAT/GST, covered by a registration there or, inside the EU,
 * by an OSS/IOSS registration.
 */
export function placeTaxes(location: TaxLocation, at: number, regs: Registration[]): Placement {
  const { country, state } = location;
  if (country === 'US') {
    const r = state ? stateRate('US', state, at) : undefined;
    if (!state || !r || r.rate.lte(0)) return { supported: false, jurisdiction: state ? stateJurisdiction('US', state) : countryJurisdiction('US') };
    const collecting = regs.some((g) => g.country === 'US' && optionsOf(g).state === state && optionsOf(g).type === 'state_sales_tax');
    return { supported: true, components: [component(stateJurisdiction('US', state), 'sales_tax', r.rate, collecting, false)] };
  }
  if (country === 'CA') {
    const gst = countryRate('CA', at);
    if (!gst) return { supported: false, jurisdiction: countryJurisdiction('CA') };
    const federal = regs.some((g) => g.country === 'CA' && optionsOf(g).type !== 'province_standard');
    const provincial = regs.some((g) => g.country === 'CA' && optionsOf(g).province_standard?.province === state);
    const prov = state ? stateRate('CA', state, at) : undefined;
    if (prov?.type === 'hst') {
      return { supported: true, components: [component(stateJurisdiction('CA', state!), 'hst', gst.rate.plus(prov.rate), federal, false)] };
    }
    const out = [component(countryJurisdiction('CA'), 'gst', gst.rate, federal, false)];
    if (prov && (prov.type === 'pst' || prov.type === 'qst')) out.push(component(stateJurisdiction('CA', state!), prov.type, prov.rate, provincial, false));
    return { supported: true, components: out };
  }
  const r = countryRate(country, at);
  if (!r || r.type === 'none' || r.rate.lte(0)) return { supported: false, jurisdiction: countryJurisdiction(country) };
  const collecting = regs.some(
    (g) => g.country === country || (EU_COUNTRIES.has(country) && EU_COUNTRIES.has(g.country) && optionsOf(g).type !== 'standard'),
  );
  const taxType = country === 'JP' ? 'jct' : r.type === 'gst' ? 'gst' : 'vat';
  return { supported: true, components: [component(countryJurisdiction(country), taxType, r.rate, collecting, true)] };
}

/** A zero rate, for breakdowns of taxes charged at nothing. */
export const ZERO = new D(0);
