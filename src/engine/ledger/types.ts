import type { FlowType } from '@shared/dashboard-api.js';
import type { StripeObject } from '../store/objects.js';
import type { BalanceImpact } from './impact.js';

/** What kind of flow created a Transaction (Stripe's `flow_type`); the dashboard speaks the same type. */
export type { FlowType };

/** The money movement step a TransactionEntry records (Stripe's entry `type`). */
export type EntryType =
  | 'credit_reversal'
  | 'credit_reversal_posting'
  | 'debit_reversal'
  | 'inbound_transfer'
  | 'inbound_transfer_return'
  | 'issuing_authorization_hold'
  | 'issuing_authorization_release'
  | 'other'
  | 'outbound_payment'
  | 'outbound_payment_cancellation'
  | 'outbound_payment_failure'
  | 'outbound_payment_posting'
  | 'outbound_payment_return'
  | 'outbound_transfer'
  | 'outbound_transfer_cancellation'
  | 'outbound_transfer_failure'
  | 'outbound_transfer_posting'
  | 'outbound_transfer_return'
  | 'received_credit'
  | 'received_debit';

export type TransactionStatus = 'open' | 'posted' | 'void';

export interface TreasuryTransaction extends StripeObject {
  object: 'treasury.transaction';
  amount: number;
  balance_impact: BalanceImpact;
  created: number;
  currency: string;
  description: string;
  financial_account: string;
  flow: string;
  flow_type: FlowType;
  livemode: false;
  status: TransactionStatus;
  status_transitions: { posted_at: number | null; void_at: number | null };
}

export interface TransactionEntry extends StripeObject {
  object: 'treasury.transaction_entry';
  balance_impact: BalanceImpact;
  created: number;
  currency: string;
  effective_at: number;
  financial_account: string;
  flow: string;
  flow_type: FlowType;
  livemode: false;
  transaction: string;
  type: EntryType;
}

/** One step to write: its type and what it does to the balance. */
export interface EntrySpec {
  type: EntryType;
  impact: Partial<BalanceImpact>;
}

export const TRANSACTION = 'treasury.transaction';
export const ENTRY = 'treasury.transaction_entry';
export const FINANCIAL_ACCOUNT = 'treasury.financial_account';
