import { createRequire } from 'node:module';
import type zipcodesModule from 'zipcodes';
import type countriesModule from 'i18n-iso-countries';

// The ZIP code table is 5 MB of JavaScript (most of a second to load) and the
// country names a few hundred kB: both load on first use, not at engine start.
const require = createRequire(import.meta.url);
let zipcodes: typeof zipcodesModule | undefined;
let countries: typeof countriesModule | undefined;

/** The US state of a five-digit ZIP code, if the `zipcodes` table knows it. */
export function stateOfZip(zip: string): string | undefined {
  zipcodes ??= require('zipcodes') as typeof zipcodesModule;
  const found = zipcodes.lookup(zip);
  return found && found.country === 'US' ? found.state : undefined;
}

function countryTable(): typeof countriesModule {
  countries ??= require('i18n-iso-countries') as typeof countriesModule;
  return countries;
}

/** Whether an upper-case two-letter code is an ISO 3166-1 country. */
export function isCountryCode(code: string): boolean {
  return countryTable().isValid(code);
}

/** A country's English name (`DE` → Germany). */
export function countryName(code: string): string {
  return countryTable().getName(code, 'en') ?? code;
}
