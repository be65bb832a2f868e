import type { ResourceModule } from '../../context.js';
import { treasuryActions } from './actions.js';
import { treasuryControls } from './controls.js';
import { creditReversalOperations } from './credit-reversals.js';
import { debitReversalOperations } from './debit-reversals.js';
import { featuresObject, type FinancialAccount } from './financial-account-shape.js';
import { financialAccountOperations } from './financial-accounts.js';
import { inboundTransferOperations } from './inbound-transfers.js';
import { outboundPaymentOperations } from './outbound-payments.js';
import { outboundTransferOperations } from './outbound-transfers.js';
import { receivedCreditOperations } from './received-credits.js';
import { receivedDebitOperations } from './received-debits.js';
import { registerTreasuryJobs } from './schedule.js';
import { entriesOf, flowDetails, transactionOperations } from './transactions.js';

/** Treasury: every money movement, on a ledger that always balances. */
export const treasuryModule: ResourceModule = {
  name: 'treasury',
  operations: [
    ...financialAccountOperations,
    ...transactionOperations,
    ...outboundPaymentOperations,
    ...outboundTransferOperations,
    ...inboundTransferOperations,
    ...receivedCreditOperations,
    ...receivedDebitOperations,
    ...creditReversalOperations,
    ...debitReversalOperations,
  ],
  controls: treasuryControls,
  actions: treasuryActions,
  expanders: {
    'treasury.transaction.flow_details': flowDetails,
    'treasury.transaction.entries': entriesOf,
    'treasury.transaction_entry.flow_details': flowDetails,
    'treasury.financial_account.features': (_core, fa) => featuresObject(fa as FinancialAccount),
  },
  setup: registerTreasuryJobs,
};
