import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { applyMetadata } from '../../metadata.js';
import { outboundOperations } from './outbound-routes.js';
import { load, requestEmitter, requireCurrency, requirePositiveAmount } from './common.js';
import { fromInlineBank, fromPaymentMethod, toFinancialAccount, type BankEndpoint } from './destinations.js';
import { loadOpenAccount, listedAccountExists } from './financial-accounts.js';
import { createOutbound, type OutboundFlow, type OutboundKind } from './outbound-flow.js';

/** OutboundPayment: money to a third party (a bank account or another FinancialAccount). */
export const OUTBOUND_PAYMENT: OutboundKind = {
  type: 'treasury.outbound_payment',
  flowType: 'outbound_payment',
  human: 'OutboundPayment',
  defaultDescriptor: 'payment',
  entries: {
    create: 'outbound_payment',
    posting: 'outbound_payment_posting',
    failure: 'outbound_payment_failure',
    cancellation: 'outbound_payment_cancellation',
    return: 'outbound_payment_return',
  },
  feature: (network) => (network === 'stripe' ? 'intra_stripe_flows' : network === 'ach' ? 'outbound_payments.ach' : 'outbound_payments.us_domestic_wire'),
};

/** The network chosen in destination_payment_method_options (`""` unsets it), ACH by default. */
export function chosenNetwork(options: Record<string, any> | undefined): 'ach' | 'us_domestic_wire' {
  const us = options?.us_bank_account;
  return us && typeof us === 'object' && us.network ? us.network : 'ach';
}

function destination(ctx: RequestContext, source: string): BankEndpoint {
  const p = ctx.params;
  if (p.destination_payment_method && p.destination_payment_method_data) {
    throw invalidRequest('You may only specify one of these parameters: destination_payment_method, destination_payment_method_data.');
  }
  const network = chosenNetwork(p.destination_payment_method_options);
  if (p.destination_payment_method) {
    const endpoint = fromPaymentMethod(ctx.core, p.destination_payment_method, network, 'destination_payment_method');
    if (endpoint.customer && p.customer && endpoint.customer !== p.customer) {
      throw invalidRequest(`The PaymentMethod ${p.destination_payment_method} does not belong to the Customer ${p.customer}.`, 'destination_payment_method');
    }
    return endpoint;
  }
  const data = p.destination_payment_method_data;
  if (!data) throw invalidRequest('You must provide one of destination_payment_method or destination_payment_method_data.');
  if (data.type === 'financial_account') {
    return toFinancialAccount(ctx.core, data.financial_account, source, 'destination_payment_method_data[financial_account]');
  }
  return fromInlineBank(ctx.core, data, network);
}

function create(ctx: RequestContext): OutboundFlow {
  const p = ctx.params;
  requirePositiveAmount(p.amount);
  const account = loadOpenAccount(ctx.core, p.financial_account);
  const currency = requireCurrency(account, p.currency);
  const endpoint = destination(ctx, account.id);
  return createOutbound(ctx.core, OUTBOUND_PAYMENT, requestEmitter(ctx), {
    account,
    amount: p.amount,
    currency,
    description: p.description ?? null,
    metadata: applyMetadata({}, p.metadata),
    statementDescriptor: p.statement_descriptor,
    endpoint,
    extra: {
      customer: p.customer ?? endpoint.customer ?? null,
      end_user_details: { ip_address: p.end_user_details?.ip_address ?? null, present: p.end_user_details?.present ?? false },
    },
  });
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, string> = {};
  if (p.status !== undefined) where.status = p.status;
  if (p.customer !== undefined) where.customer = p.customer;
  return listObjects(ctx, OUTBOUND_PAYMENT.type, '/v1/treasury/outbound_payments', { owner: p.financial_account, where }, listedAccountExists(ctx));
}

/** Loads an OutboundPayment or Stripe's 404. */
export function loadOutboundPayment(ctx: RequestContext): OutboundFlow {
  return load<OutboundFlow>(ctx.core, OUTBOUND_PAYMENT.type, ctx.path.id, 'outbound payment');
}

/** OutboundPayment: create, retrieve, list, cancel, and the post/fail/return/tracking test helpers. */
export const outboundPaymentOperations: Operation[] = outboundOperations({
  kind: OUTBOUND_PAYMENT,
  resource: 'outbound_payments',
  param: 'id',
  human: 'outbound payment',
  load: loadOutboundPayment,
  create,
  list,
});
