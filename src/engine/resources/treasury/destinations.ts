import type { EngineCore } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { billingDetails } from '../payment-methods/index.js';
import { secretBox } from '../payment-methods/secret-box.js';
import { TEST_BANK_NAME } from '../payment-methods/index.js';
import {
  getPaymentMethodSecrets,
  requirePaymentMethod,
  testBankBehaviour,
  TEST_ROUTING_NUMBER,
  type PaymentMethod,
  type TestBankBehaviour,
} from '../payment-methods/index.js';
import { accountByNumber } from './aba.js';
import type { Network } from './arrival.js';
import { loadOpenAccount } from './financial-accounts.js';
import { hasActiveFeature } from './financial-account-shape.js';

/** Where an outbound flow sends money (or an inbound transfer pulls it from), as the flow needs it. */
export interface BankEndpoint {
  /** `destination_payment_method_details` / `origin_payment_method_details` as Stripe shows them. */
  details: Record<string, any>;
  paymentMethod: string | null;
  customer: string | null;
  network: Network;
  /** What Stripe's test account numbers make happen; absent for other accounts. */
  behaviour?: TestBankBehaviour;
  /** A FinancialAccount in this sandbox that receives the money (Stripe network, or its own ABA number). */
  receivingAccount?: string;
}

function bankDetails(core: EngineCore, pm: PaymentMethod, network: Network): BankEndpoint {
  if (pm.type !== 'us_bank_account') {
    throw invalidRequest(`The PaymentMethod ${pm.id} is a ${pm.type}; Treasury flows need a us_bank_account PaymentMethod.`);
  }
  const bank = pm.us_bank_account as Record<string, any>;
  const secrets = getPaymentMethodSecrets(core, pm.id);
  const full = secrets?.type === 'us_bank_account' ? secrets.us_bank_account : undefined;
  const routing = full?.routing_number ?? bank.routing_number;
  const account = full?.account_number ?? null;
  const { phone: _phone, ...billing } = pm.billing_details;
  return {
    details: {
      billing_details: billing,
      type: 'us_bank_account',
      us_bank_account: {
        account_holder_type: bank.account_holder_type ?? null,
        account_type: bank.account_type ?? null,
        bank_name: bank.bank_name ?? null,
        fingerprint: bank.fingerprint ?? null,
        last4: bank.last4 ?? null,
        network,
        routing_number: bank.routing_number ?? null,
      },
    },
    paymentMethod: pm.id,
    customer: (pm.customer as string | null) ?? null,
    network,
    behaviour: routing && account ? testBankBehaviour(routing, account) : undefined,
    receivingAccount: routing && account ? accountByNumber(core, routing, account) : undefined,
  };
}

/** A saved or test PaymentMethod (`pm_…`, `pm_usBankAccount_*`) as a bank endpoint. */
export function fromPaymentMethod(core: EngineCore, id: string, network: Network, param: string): BankEndpoint {
  return bankDetails(core, requirePaymentMethod(core, id, param), network);
}

/** A FinancialAccount in this sandbox as the destination of a flow over the Stripe network. */
export function toFinancialAccount(core: EngineCore, id: string | undefined, source: string, param: string): BankEndpoint {
  if (!id) throw parameterMissing(param);
  if (id === source) throw invalidRequest('The destination FinancialAccount must differ from the source FinancialAccount.', param);
  const fa = loadOpenAccount(core, id, param);
  if (!hasActiveFeature(fa, 'intra_stripe_flows')) {
    throw invalidRequest(`The destination FinancialAccount ${id} does not have the intra_stripe_flows feature active.`, param);
  }
  return {
    details: { billing_details: billingOf(undefined), type: 'financial_account', financial_account: { id, network: 'stripe' } },
    paymentMethod: null,
    customer: null,
    network: 'stripe',
    receivingAccount: id,
  };
}

function billingOf(params: Record<string, any> | undefined) {
  const { phone: _phone, ...rest } = billingDetails(params);
  return rest;
}

/** Inline `destination_payment_method_data[us_bank_account]`: no PaymentMethod is saved. */
export function fromInlineBank(core: EngineCore, data: Record<string, any>, network: Network): BankEndpoint {
  const bank = data.us_bank_account ?? {};
  const param = 'destination_payment_method_data[us_bank_account]';
  if (bank.financial_connections_account) {
    throw invalidRequest('Financial Connections accounts are not available as Treasury destinations in Counterfoil; pass account_number and routing_number.', `${param}[financial_connections_account]`);
  }
  if (!bank.routing_number) throw parameterMissing(`${param}[routing_number]`);
  if (!bank.account_number) throw parameterMissing(`${param}[account_number]`);
  if (!/^\d{9}$/.test(bank.routing_number)) throw invalidRequest('Routing number must have 9 digits', `${param}[routing_number]`, 'routing_number_invalid');
  if (!/^\d{4,17}$/.test(bank.account_number)) throw invalidRequest('Account number must have 4 to 17 digits', `${param}[account_number]`, 'account_number_invalid');
  return {
    details: {
      billing_details: billingOf(data.billing_details),
      type: 'us_bank_account',
      us_bank_account: {
        account_holder_type: bank.account_holder_type ?? 'individual',
        account_type: bank.account_type ?? 'checking',
        bank_name: bank.routing_number === TEST_ROUTING_NUMBER ? TEST_BANK_NAME : null,
        fingerprint: secretBox(core.db).digest(`bank:${bank.routing_number}:${bank.account_number}`),
        last4: bank.account_number.slice(-4),
        network,
        routing_number: bank.routing_number,
      },
    },
    paymentMethod: null,
    customer: null,
    network,
    behaviour: testBankBehaviour(bank.routing_number, bank.account_number),
    receivingAccount: accountByNumber(core, bank.routing_number, bank.account_number),
  };
}
