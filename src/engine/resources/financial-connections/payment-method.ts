import type { EngineCore } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { accountSecrets, ACCOUNT_TYPE, type FcAccount } from './common.js';

/** What a us_bank_account PaymentMethod takes from a linked account. */
export interface LinkedBankNumbers {
  accountNumber: string;
  routingNumber: string;
  last4: string;
  accountType: 'checking' | 'savings';
}

/**
 * The bank numbers behind a linked account, for a PaymentMethod made from it
 * (`us_bank_account[financial_connections_account]`), with Stripe's checks:
 * the account is connected, was linked with the `payment_method` permission,
 * and supports ACH. Never put what this returns in an object or a response.
 */
export function bankNumbersForPaymentMethod(core: EngineCore, id: string, param: string): LinkedBankNumbers {
  const account = core.store.get<FcAccount>(id, ACCOUNT_TYPE);
  if (!account) throw resourceMissing('financial connections account', id, param);
  if (account.status === 'disconnected') {
    throw invalidRequest(`The Financial Connections account ${id} is disconnected; link the bank account again to create a PaymentMethod from it.`, param);
  }
  if (!account.permissions.includes('payment_method')) {
    throw invalidRequest(`The Financial Connections account ${id} was linked without the \`payment_method\` permission, which creating a PaymentMethod requires.`, param);
  }
  const secrets = accountSecrets(core, id);
  if (!account.supported_payment_method_types.includes('us_bank_account') || !secrets.account_number || !secrets.routing_number) {
    throw invalidRequest(`The Financial Connections account ${id} (${account.display_name}) does not support the us_bank_account payment method.`, param);
  }
  return {
    accountNumber: secrets.account_number,
    routingNumber: secrets.routing_number,
    last4: account.last4 ?? secrets.account_number.slice(-4),
    accountType: account.subcategory === 'savings' ? 'savings' : 'checking',
  };
}
