import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { applyMetadata } from '../../metadata.js';
import { outboundOperations } from './outbound-routes.js';
import { load, requestEmitter, requireCurrency, requirePositiveAmount } from './common.js';
import { fromPaymentMethod, toFinancialAccount, type BankEndpoint } from './destinations.js';
import { loadOpenAccount, listedAccountExists } from './financial-accounts.js';
import { createOutbound, type OutboundFlow, type OutboundKind } from './outbound-flow.js';
import { chosenNetwork } from './outbound-payments.js';

/** OutboundTransfer: money to the account holder's own bank account or FinancialAccount. */
export const OUTBOUND_TRANSFER: OutboundKind = {
  type: 'treasury.outbound_transfer',
  flowType: 'outbound_transfer',
  human: 'OutboundTransfer',
  defaultDescriptor: 'transfer',
  entries: {
    create: 'outbound_transfer',
    posting: 'outbound_transfer_posting',
    failure: 'outbound_transfer_failure',
    cancellation: 'outbound_transfer_cancellation',
    return: 'outbound_transfer_return',
  },
  feature: (network) => (network === 'stripe' ? 'intra_stripe_flows' : network === 'ach' ? 'outbound_transfers.ach' : 'outbound_transfers.us_domestic_wire'),
};

/** An OutboundTransfer goes to the account holder's own bank account, or (newer API) to another of their FinancialAccounts. */
function destination(ctx: RequestContext, source: string): BankEndpoint {
  const p = ctx.params;
  if (p.destination_payment_method && p.destination_payment_method_data) {
    throw invalidRequest('You may only specify one of these parameters: destination_payment_method, destination_payment_method_data.');
  }
  if (p.destination_payment_method_data) {
    return toFinancialAccount(ctx.core, p.destination_payment_method_data.financial_account, source, 'destination_payment_method_data[financial_account]');
  }
  if (!p.destination_payment_method) throw invalidRequest('You must provide one of destination_payment_method or destination_payment_method_data.');
  const endpoint = fromPaymentMethod(ctx.core, p.destination_payment_method, chosenNetwork(p.destination_payment_method_options), 'destination_payment_method');
  if (endpoint.customer) {
    throw invalidRequest(
      `The PaymentMethod ${p.destination_payment_method} belongs to a Customer; an OutboundTransfer goes to the account holder's own bank account. Use an OutboundPayment to pay a third party.`,
      'destination_payment_method',
    );
  }
  return endpoint;
}

function create(ctx: RequestContext): OutboundFlow {
  const p = ctx.params;
  requirePositiveAmount(p.amount);
  const account = loadOpenAccount(ctx.core, p.financial_account);
  const currency = requireCurrency(account, p.currency);
  return createOutbound(ctx.core, OUTBOUND_TRANSFER, requestEmitter(ctx), {
    account,
    amount: p.amount,
    currency,
    description: p.description ?? null,
    metadata: applyMetadata({}, p.metadata),
    statementDescriptor: p.statement_descriptor,
    endpoint: destination(ctx, account.id),
    extra: {},
  });
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where = p.status !== undefined ? { status: p.status as string } : undefined;
  return listObjects(ctx, OUTBOUND_TRANSFER.type, '/v1/treasury/outbound_transfers', { owner: p.financial_account, where }, listedAccountExists(ctx));
}

function loadTransfer(ctx: RequestContext): OutboundFlow {
  return load<OutboundFlow>(ctx.core, OUTBOUND_TRANSFER.type, ctx.path.outbound_transfer, 'outbound transfer', 'outbound_transfer');
}

/** OutboundTransfer: create, retrieve, list, cancel, and the post/fail/return/tracking test helpers. */
export const outboundTransferOperations: Operation[] = outboundOperations({
  kind: OUTBOUND_TRANSFER,
  resource: 'outbound_transfers',
  param: 'outbound_transfer',
  human: 'outbound transfer',
  load: loadTransfer,
  create,
  list,
});
