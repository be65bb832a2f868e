/**
 * Stripe's test payment methods, which resolve without being created, and the
 * test numbers behind them. Sources: docs.stripe.com/testing (cards),
 * docs.stripe.com/payments/ach-direct-debit (bank tokens and account numbers)
 * and the Treasury OutboundPayment testing table (routing 110000000).
 */

export interface TestCard {
  number: string;
  brand: string;
  funding: 'credit' | 'debit' | 'prepaid';
  country: string;
}

/** `pm_card_*` ids and the card each stands for. */
export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { number: '4242424242424242', brand: 'visa', funding: 'credit', country: 'US' },
  pm_card_us: { number: '4242424242424242', brand: 'visa', funding: 'credit', country: 'US' },
  pm_card_visa_debit: { number: '4000056655665556', brand: 'visa', funding: 'debit', country: 'US' },
  pm_card_mastercard: { number: '5555555555554444', brand: 'mastercard', funding: 'credit', country: 'US' },
  pm_card_mastercard_debit: { number: '5200828282828210', brand: 'mastercard', funding: 'debit', country: 'US' },
  pm_card_mastercard_prepaid: { number: '5105105105105100', brand: 'mastercard', funding: 'prepaid', country: 'US' },
  pm_card_amex: { number: '378282246310005', brand: 'amex', funding: 'credit', country: 'US' },
  pm_card_discover: { number: '6011111111111117', brand: 'discover', funding: 'credit', country: 'US' },
  pm_card_diners: { number: '3056930009020004', brand: 'diners', funding: 'credit', country: 'US' },
  pm_card_jcb: { number: '3566002020360505', brand: 'jcb', funding: 'credit', country: 'JP' },
  pm_card_unionpay: { number: '6200000000000005', brand: 'unionpay', funding: 'credit', country: 'CN' },
  pm_card_chargeDeclined: { number: '4000000000000002', brand: 'visa', funding: 'credit', country: 'US' },
  pm_card_visa_chargeDeclined: { number: '4000000000000002', brand: 'visa', funding: 'credit', country: 'US' },
  pm_card_chargeDeclinedInsufficientFunds: { number: '4000000000009995', brand: 'visa', funding: 'credit', country: 'US' },
};

/** The test routing number every Stripe test bank account uses. */
export const TEST_ROUTING_NUMBER = '110000000';
export const TEST_BANK_NAME = 'STRIPE TEST BANK';

/**
 * What a test bank account does when money moves to or from it. `ach` is the
 * ACH Direct Debit outcome; `treasury` the OutboundPayment/OutboundTransfer
 * outcome Stripe documents for the same account number (absent: stays processing
 * until a test helper moves it).
 */
export interface TestBankBehaviour {
  ach?: 'succeeds' | 'account_closed' | 'no_account' | 'insufficient_funds' | 'debit_not_authorized' | 'invalid_currency' | 'fail_microdeposits' | 'dispute' | 'processing';
  treasury?:
    | { to: 'posted'; expectedArrivalDateShiftDays?: number }
    | { to: 'canceled' }
    | { to: 'failed' }
    | { to: 'returned'; code: 'account_closed' | 'no_account' | 'invalid_account_number' }
    | { to: 'processing' };
}

/** Account numbers (routing 110000000) and their documented behaviour. */
export const TEST_BANK_ACCOUNTS: Record<string, TestBankBehaviour> = {
  '000123456789': { ach: 'succeeds', treasury: { to: 'posted' } },
  '000000000009': { ach: 'processing', treasury: { to: 'processing' } },
  '000123457890': { treasury: { to: 'posted', expectedArrivalDateShiftDays: 1 } },
  '000000000123': { treasury: { to: 'canceled' } },
  '000000000234': { treasury: { to: 'failed' } },
  '000111111113': { ach: 'account_closed', treasury: { to: 'returned', code: 'account_closed' } },
  '000111111116': { ach: 'no_account', treasury: { to: 'returned', code: 'no_account' } },
  '000111111119': { treasury: { to: 'returned', code: 'invalid_account_number' } },
  '000222222227': { ach: 'insufficient_funds' },
  '000333333335': { ach: 'debit_not_authorized' },
  '000444444440': { ach: 'invalid_currency' },
  '000666666661': { ach: 'fail_microdeposits' },
  '000555555559': { ach: 'dispute' },
};

/** `pm_usBankAccount*` ids and the account number each stands for. */
export const TEST_BANK_METHODS: Record<string, string> = {
  pm_usBankAccount: '000123456789',
  pm_usBankAccount_success: '000123456789',
  pm_usBankAccount_processing: '000000000009',
  pm_usBankAccount_expectedArrivalDateUpdated: '000123457890',
  pm_usBankAccount_canceledByUser: '000000000123',
  pm_usBankAccount_internalFailure: '000000000234',
  pm_usBankAccount_accountClosed: '000111111113',
  pm_usBankAccount_noAccount: '000111111116',
  pm_usBankAccount_invalidAccountNumber: '000111111119',
  pm_usBankAccount_insufficientFunds: '000222222227',
  pm_usBankAccount_debitNotAuthorized: '000333333335',
  pm_usBankAccount_invalidCurrency: '000444444440',
  pm_usBankAccount_failMicrodeposits: '000666666661',
  pm_usBankAccount_dispute: '000555555559',
};

/** The documented behaviour of a test account number, if it has one. */
export function testBankBehaviour(routingNumber: string, accountNumber: string): TestBankBehaviour | undefined {
  return routingNumber === TEST_ROUTING_NUMBER ? TEST_BANK_ACCOUNTS[accountNumber] : undefined;
}

/** True for ids that name one of Stripe's test payment methods. */
export function isTestPaymentMethodId(id: string): boolean {
  return id in TEST_CARDS || id in TEST_BANK_METHODS;
}
