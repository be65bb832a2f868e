import type { StripeObject } from '../../store/objects.js';
import type { SecretBox } from './secret-box.js';
import { displayBrand } from './card-brand.js';
import { TEST_BANK_NAME, TEST_ROUTING_NUMBER } from './test-methods.js';

/** A `payment_method` object as the API returns it. */
export type PaymentMethod = StripeObject & {
  object: 'payment_method';
  type: 'card' | 'us_bank_account';
  created: number;
  billing_details: BillingDetails;
  metadata: Record<string, string>;
  card?: Record<string, unknown>;
  us_bank_account?: Record<string, unknown>;
};

export interface BillingDetails {
  address: Record<(typeof ADDRESS_KEYS)[number], string | null>;
  email: string | null;
  name: string | null;
  phone: string | null;
}

const ADDRESS_KEYS = ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const;

/** `billing_details` from create params: every field present, unset ones null ("" unsets). */
export function billingDetails(params: Record<string, any> | undefined): BillingDetails {
  const p = params ?? {};
  const addr = p.address && typeof p.address === 'object' ? p.address : {};
  const address = Object.fromEntries(ADDRESS_KEYS.map((k) => [k, addr[k] || null])) as BillingDetails['address'];
  return { address, email: p.email || null, name: p.name || null, phone: p.phone || null };
}

interface Base {
  id: string;
  created: number;
  billing: BillingDetails;
  metadata: Record<string, string>;
  allowRedisplay?: string;
}

function base(b: Base, type: PaymentMethod['type']): PaymentMethod {
  return {
    id: b.id,
    object: 'payment_method',
    allow_redisplay: b.allowRedisplay ?? 'unspecified',
    billing_details: b.billing,
    created: b.created,
    customer: null,
    livemode: false,
    metadata: b.metadata,
    type,
  };
}

export interface CardFacts {
  number: string;
  brand: string;
  funding: string;
  country: string | null;
  exp_month: number;
  exp_year: number;
  cvcGiven: boolean;
}

/** A card payment method; only the last four digits and a keyed fingerprint of the number enter it. */
export function cardPaymentMethod(b: Base, card: CardFacts, box: SecretBox): PaymentMethod {
  return {
    ...base(b, 'card'),
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: card.cvcGiven ? 'unchecked' : null },
      country: card.country,
      display_brand: displayBrand(card.brand),
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: box.digest(`card:${card.number}`),
      funding: card.funding,
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
  };
}

export interface BankFacts {
  accountNumber: string | null;
  last4: string | null;
  routingNumber: string | null;
  accountHolderType: string | null;
  accountType: string;
  financialConnectionsAccount: string | null;
}

/** A US bank account payment method; the account number stays out, only its last four digits go in. */
export function bankPaymentMethod(b: Base, bank: BankFacts, box: SecretBox): PaymentMethod {
  const fingerprintSource = bank.accountNumber ?? bank.financialConnectionsAccount ?? '';
  return {
    ...base(b, 'us_bank_account'),
    us_bank_account: {
      account_holder_type: bank.accountHolderType,
      account_type: bank.accountType,
      bank_name: bank.routingNumber === TEST_ROUTING_NUMBER ? TEST_BANK_NAME : null,
      financial_connections_account: bank.financialConnectionsAccount,
      fingerprint: box.digest(`bank:${bank.routingNumber}:${fingerprintSource}`),
      last4: bank.last4,
      networks: { preferred: 'ach', supported: ['ach', 'us_domestic_wire'] },
      routing_number: bank.routingNumber,
      status_details: {},
    },
  };
}
