import type { RequestContext } from '../../context.js';
import { invalidRequest, parameterMissing, resourceMissing } from '../../errors.js';
import type { StripeObject } from '../../store/objects.js';
import { storedAddress, type Address } from './common.js';
import type { CustomerStatus } from './compute.js';
import { locationInvalid, resolveLocation, type TaxLocation } from './location.js';

export interface CustomerDetails {
  address: Address | null;
  address_source: 'billing' | 'shipping' | null;
  ip_address: string | null;
  tax_ids: { type: string; value: string }[];
  taxability_override: 'customer_exempt' | 'none' | 'reverse_charge';
}

export interface ResolvedCustomer {
  details: CustomerDetails;
  location: TaxLocation;
  status: CustomerStatus;
  customer: string | null;
}

type CustomerObject = StripeObject & {
  address?: Record<string, string> | null;
  shipping?: { address?: Record<string, string> } | null;
  tax_exempt?: 'exempt' | 'none' | 'reverse';
};

/** Countries where a business customer's tax id does not shift the tax to them. */
const NO_REVERSE_CHARGE = new Set(['US', 'CA']);

/**
 * Where and who the customer is: `customer_details` as given, or else the
 * stored Customer's shipping or billing address and exemption. An IP address
 * alone cannot be placed offline.
 */
export function resolveCustomer(ctx: RequestContext, headOfficeCountry: string | null): ResolvedCustomer {
  const p = ctx.params;
  const given = p.customer_details as Record<string, any> | undefined;
  let stored: CustomerObject | undefined;
  if (p.customer !== undefined) {
    stored = ctx.core.store.get<CustomerObject>(p.customer, 'customer');
    if (!stored) throw resourceMissing('customer', p.customer, 'customer');
  }
  let address: Record<string, string> | undefined;
  let source: 'billing' | 'shipping' | null = null;
  let param = 'customer_details[address]';
  if (given?.address) {
    if (!given.address_source) throw parameterMissing('customer_details[address_source]');
    address = given.address;
    source = given.address_source;
  } else if (stored && (stored.shipping?.address || stored.address)) {
    source = stored.shipping?.address ? 'shipping' : 'billing';
    address = (stored.shipping?.address ?? stored.address) as Record<string, string>;
    param = 'customer';
  } else if (given?.ip_address) {
    throw locationInvalid('customer_details[ip_address]', 'the sandbox works offline and cannot place an IP address; pass customer_details[address].');
  } else if (!given && !stored) {
    throw invalidRequest('You must provide either customer or customer_details.', 'customer_details');
  } else {
    throw locationInvalid(stored && !given ? 'customer' : 'customer_details[address]', 'no address was given.');
  }
  const location = resolveLocation(address!, param === 'customer' ? 'customer[address]' : param);
  const taxIds = (given?.tax_ids ?? []) as { type: string; value: string }[];
  const override: CustomerDetails['taxability_override'] =
    given?.taxability_override ?? (stored?.tax_exempt === 'exempt' ? 'customer_exempt' : stored?.tax_exempt === 'reverse' ? 'reverse_charge' : 'none');
  const b2bAbroad = taxIds.length > 0 && !NO_REVERSE_CHARGE.has(location.country) && location.country !== headOfficeCountry;
  return {
    details: {
      address: storedAddress(address!, location.country),
      address_source: source,
      ip_address: given?.ip_address ?? null,
      tax_ids: taxIds.map((t) => ({ type: t.type, value: t.value })),
      taxability_override: override,
    },
    location,
    status: { exempt: override === 'customer_exempt', reverseCharge: override === 'reverse_charge' || (override === 'none' && b2bAbroad) },
    customer: p.customer ?? null,
  };
}
