import { StripeError, invalidRequest } from '../../errors.js';
import { isCountryCode, stateOfZip } from './lazy-data.js';
import { CA_PROVINCES, US_STATES, provinceOfPostalCode, subdivisionCode } from './regions.js';

/** Where a customer is for tax purposes. */
export interface TaxLocation {
  country: string;
  /** The US state or Canadian province; null elsewhere. */
  state: string | null;
}

export interface AddressInput {
  country?: string;
  state?: string;
  postal_code?: string;
  city?: string;
  line1?: string;
  line2?: string;
}

/** Stripe's error for an address that cannot be placed in a tax jurisdiction. */
export function locationInvalid(param: string, detail: string): StripeError {
  return new StripeError(400, {
    type: 'invalid_request_error',
    code: 'customer_tax_location_invalid',
    param,
    message: `We could not determine the customer's tax location based on the provided customer address: ${detail}`,
    doc_url: 'https://stripe.com/docs/error-codes/customer-tax-location-invalid',
  });
}

/** An ISO country code Stripe accepts, upper-cased; anything else is Stripe's invalid country. */
export function requireCountry(value: string | undefined, param: string): string {
  const code = (value ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !isCountryCode(code)) {
    throw invalidRequest(`Country '${value ?? ''}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'. A full list of country codes is available at https://stripe.com/docs/api#country_codes`, param);
  }
  return code;
}

/**
 * Places an address as Stripe Tax does: the country, and in the US and Canada
 * the state or province, from the `state` field or else the postal code
 * (US ZIP → state; the first letter of a Canadian code → province).
 * `param` is the address's own param name (`customer_details[address]`).
 */
export function resolveLocation(address: AddressInput, param: string): TaxLocation {
  const country = requireCountry(address.country, `${param}[country]`);
  if (country === 'US') return { country, state: usState(address, param) };
  if (country === 'CA') return { country, state: caProvince(address, param) };
  return { country, state: null };
}

function usState(address: AddressInput, param: string): string {
  if (address.state) {
    const code = subdivisionCode(US_STATES, address.state);
    if (!code) throw locationInvalid(`${param}[state]`, `'${address.state}' is not a US state.`);
    return code;
  }
  const zip = /^(\d{5})(-\d{4})?$/.exec((address.postal_code ?? '').trim());
  if (!zip) {
    throw locationInvalid(`${param}[postal_code]`, 'a US address needs a 5-digit ZIP code or a state.');
  }
  const state = stateOfZip(zip[1]);
  if (!state || !US_STATES[state]) {
    throw locationInvalid(`${param}[postal_code]`, `the ZIP code ${zip[1]} is not a known US ZIP code.`);
  }
  return state;
}

function caProvince(address: AddressInput, param: string): string {
  if (address.state) {
    const code = subdivisionCode(CA_PROVINCES, address.state);
    if (!code) throw locationInvalid(`${param}[state]`, `'${address.state}' is not a Canadian province or territory.`);
    return code;
  }
  const province = address.postal_code ? provinceOfPostalCode(address.postal_code) : undefined;
  if (!province) {
    throw locationInvalid(`${param}[postal_code]`, 'a Canadian address needs a province or a postal code.');
  }
  return province;
}
