/** A field of a create form; `name` is the form value key, `build` turns values into API params. */
import type { TestOutcomes } from '@shared/dashboard-api';

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'amount' | 'select' | 'account' | 'url' | 'outcome';
  options?: string[];
  /** For `outcome` fields: which of Stripe's test outcomes to offer. */
  outcomes?: keyof TestOutcomes;
  initial?: string;
  placeholder?: string;
  optional?: boolean;
}

export interface FormSpec {
  id: string;
  title: string;
  method: 'POST';
  /** A Stripe API path, or a dashboard control path starting with `/_counterfoil`. */
  path: string;
  fields: FieldSpec[];
  build(values: Record<string, string>): Record<string, unknown>;
}

/** Amounts are typed in major units and sent in the minor unit, as integers. */
export function toMinor(value: string): number {
  return Math.round(Number(value) * 100);
}

const amountAndAccount: FieldSpec[] = [
  { name: 'financial_account', label: 'Financial account', kind: 'account' },
  { name: 'amount', label: 'Amount (USD)', kind: 'amount', initial: '250.00' },
];

export const CREATE_FORMS: FormSpec[] = [
  {
    id: 'financial_account',
    title: 'Financial account',
    method: 'POST',
    path: '/v1/treasury/financial_accounts',
    fields: [{ name: 'nickname', label: 'Nickname', kind: 'text', initial: 'Operating account', optional: true }],
    build: (v) => ({
      supported_currencies: ['usd'],
      features: {
        financial_addresses: { aba: { requested: true } },
        inbound_transfers: { ach: { requested: true } },
        intra_stripe_flows: { requested: true },
        outbound_payments: { ach: { requested: true }, us_domestic_wire: { requested: true } },
        outbound_transfers: { ach: { requested: true }, us_domestic_wire: { requested: true } },
      },
      ...(v.nickname ? { nickname: v.nickname } : {}),
    }),
  },
  {
    id: 'received_credit',
    title: 'Received credit',
    method: 'POST',
    path: '/v1/test_helpers/treasury/received_credits',
    fields: [...amountAndAccount, { name: 'network', label: 'Network', kind: 'select', options: ['ach', 'us_domestic_wire'] }],
    build: (v) => ({ financial_account: v.financial_account, amount: toMinor(v.amount), currency: 'usd', network: v.network, description: 'Incoming credit' }),
  },
  {
    id: 'received_debit',
    title: 'Received debit',
    method: 'POST',
    path: '/v1/test_helpers/treasury/received_debits',
    fields: [...amountAndAccount],
    build: (v) => ({ financial_account: v.financial_account, amount: toMinor(v.amount), currency: 'usd', network: 'ach', description: 'ACH debit' }),
  },
  {
    id: 'outbound_payment',
    title: 'Outbound payment',
    method: 'POST',
    path: '/v1/treasury/outbound_payments',
    fields: [
      ...amountAndAccount,
      { name: 'payee', label: 'Payee name', kind: 'text', initial: 'Jenny Rosen' },
      { name: 'account_number', label: 'Destination test bank account (what happens)', kind: 'outcome', outcomes: 'destination_accounts', initial: '000123456789' },
      { name: 'description', label: 'Description', kind: 'text', initial: 'Payroll', optional: true },
    ],
    build: (v) => ({
      financial_account: v.financial_account,
      amount: toMinor(v.amount),
      currency: 'usd',
      description: v.description || undefined,
      destination_payment_method_data: {
        type: 'us_bank_account',
        us_bank_account: { routing_number: '110000000', account_number: v.account_number || '000123456789', account_holder_type: 'individual' },
        billing_details: { name: v.payee },
      },
    }),
  },
  {
    id: 'outbound_transfer',
    title: 'Outbound transfer',
    method: 'POST',
    path: '/v1/treasury/outbound_transfers',
    fields: [
      ...amountAndAccount,
      { name: 'destination', label: 'Destination (what happens)', kind: 'outcome', outcomes: 'destination_payment_methods', initial: 'financial_account' },
      { name: 'to_account', label: 'To financial account (when the destination is one)', kind: 'account' },
    ],
    build: (v) => ({
      financial_account: v.financial_account,
      amount: toMinor(v.amount),
      currency: 'usd',
      ...(v.destination && v.destination !== 'financial_account'
        ? { destination_payment_method: v.destination }
        : { destination_payment_method_data: { type: 'financial_account', financial_account: v.to_account } }),
    }),
  },
  {
    id: 'inbound_transfer',
    title: 'Inbound transfer',
    method: 'POST',
    path: '/v1/treasury/inbound_transfers',
    fields: [...amountAndAccount, { name: 'origin_payment_method', label: 'Origin test payment method (what happens)', kind: 'outcome', outcomes: 'origin_payment_methods', initial: 'pm_usBankAccount' }],
    build: (v) => ({ financial_account: v.financial_account, amount: toMinor(v.amount), currency: 'usd', origin_payment_method: v.origin_payment_method }),
  },
  {
    id: 'webhook_endpoint',
    title: 'Webhook endpoint',
    method: 'POST',
    path: '/v1/webhook_endpoints',
    fields: [
      { name: 'url', label: 'URL', kind: 'url', initial: 'http://127.0.0.1:4242/webhook' },
      { name: 'events', label: 'Events (comma separated)', kind: 'text', initial: '*' },
    ],
    build: (v) => ({ url: v.url, enabled_events: v.events.split(',').map((s) => s.trim()).filter(Boolean) }),
  },
  {
    id: 'forwarding_config',
    title: 'Forwarding config',
    method: 'POST',
    path: '/_counterfoil/forwarding/configs',
    fields: [
      { name: 'url', label: 'Destination URL (exact)', kind: 'url', initial: 'http://127.0.0.1:4343/cards' },
      { name: 'name', label: 'Name', kind: 'text', initial: 'Card vault', optional: true },
      { name: 'card_number', label: 'Card number goes to (JSON path)', kind: 'text', initial: 'card.number' },
      { name: 'card_cvc', label: 'CVC goes to (JSON path)', kind: 'text', initial: 'card.cvc', optional: true },
    ],
    build: (v) => ({
      url: v.url,
      ...(v.name ? { name: v.name } : {}),
      replacements: { card_number: v.card_number, ...(v.card_cvc ? { card_cvc: v.card_cvc } : {}) },
    }),
  },
];
