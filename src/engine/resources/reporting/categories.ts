import type { EntryType } from '../../ledger/types.js';

/**
 * The balance reports' `reporting_category` of each TransactionEntry type.
 * The sandbox has no payments balance: its balance is the FinancialAccounts'
 * cash, and each Treasury movement is filed under the nearest of Stripe's categories.
 */
export const REPORTING_CATEGORY: Record<EntryType, string> = {
  received_credit: 'topup',
  inbound_transfer: 'topup',
  inbound_transfer_return: 'topup_reversal',
  credit_reversal: 'topup_reversal',
  credit_reversal_posting: 'topup_reversal',
  received_debit: 'other_adjustment',
  debit_reversal: 'other_adjustment',
  outbound_payment: 'payout',
  outbound_payment_posting: 'payout',
  outbound_payment_cancellation: 'payout_reversal',
  outbound_payment_failure: 'payout_reversal',
  outbound_payment_return: 'payout_reversal',
  outbound_transfer: 'transfer',
  outbound_transfer_posting: 'transfer',
  outbound_transfer_cancellation: 'transfer_reversal',
  outbound_transfer_failure: 'transfer_reversal',
  outbound_transfer_return: 'transfer_reversal',
  issuing_authorization_hold: 'issuing_authorization_hold',
  issuing_authorization_release: 'issuing_authorization_release',
  other: 'other_adjustment',
};

/** Categories the balance summary counts as payouts rather than activity. */
export const PAYOUT_CATEGORIES = new Set(['payout', 'payout_reversal']);

export function categoryOf(type: string): string {
  return REPORTING_CATEGORY[type as EntryType] ?? 'other_adjustment';
}
