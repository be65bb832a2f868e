import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { appendEntries, openTransaction } from '../../ledger/postings.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { addBusinessDays } from './arrival.js';
import { insert, load, previousAttributes, requestEmitter, requireCurrency, requirePositiveAmount, save, type Emit } from './common.js';
import { fromPaymentMethod } from './destinations.js';
import { loadOpenAccount, listedAccountExists } from './financial-accounts.js';
import { hasActiveFeature } from './financial-account-shape.js';
import { JOBS } from './jobs.js';
import { receiveDebit } from './received-debits.js';
import { saveRoute } from './routes.js';
import { INBOUND, transition, type InboundAction } from './transitions.js';

export const INBOUND_TRANSFER = 'treasury.inbound_transfer';

export type InboundTransfer = StripeObject & {
  amount: number;
  currency: string;
  cancelable: boolean;
  financial_account: string;
  status: string;
  returned: boolean;
  transaction: string;
  origin_payment_method_details: Record<string, any>;
  status_transitions: Record<'canceled_at' | 'failed_at' | 'succeeded_at', number | null>;
};

function create(ctx: RequestContext): InboundTransfer {
  const p = ctx.params;
  const core = ctx.core;
  requirePositiveAmount(p.amount);
  const account = loadOpenAccount(core, p.financial_account);
  const currency = requireCurrency(account, p.currency);
  if (!hasActiveFeature(account, 'inbound_transfers.ach')) {
    throw invalidRequest(`The FinancialAccount ${account.id} does not have the inbound_transfers.ach feature active.`, 'financial_account');
  }
  const origin = fromPaymentMethod(core, p.origin_payment_method, 'ach', 'origin_payment_method');
  if (origin.customer) {
    throw invalidRequest(`The PaymentMethod ${p.origin_payment_method} belongs to a Customer; an InboundTransfer pulls from the account holder's own bank account.`, 'origin_payment_method');
  }
  const now = core.clock.now();
  const id = newId('treasury.inbound_transfer');
  const trxn = openTransaction(core, {
    financialAccount: account.id,
    currency,
    amount: p.amount,
    flowType: 'inbound_transfer',
    flow: id,
    description: p.description ?? `InboundTransfer ${id}`,
    entries: [{ type: 'inbound_transfer', impact: { inbound_pending: p.amount } }],
  });
  const ibt: InboundTransfer = {
    id,
    object: INBOUND_TRANSFER,
    amount: p.amount,
    cancelable: true,
    created: now,
    currency,
    description: p.description ?? null,
    failure_details: null,
    financial_account: account.id,
    hosted_regulatory_receipt_url: null,
    linked_flows: { received_debit: null },
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    origin_payment_method: p.origin_payment_method,
    origin_payment_method_details: origin.details,
    returned: false,
    statement_descriptor: p.statement_descriptor ?? 'transfer',
    status: 'processing',
    status_transitions: { canceled_at: null, failed_at: null, succeeded_at: null },
    transaction: trxn.id,
  };
  insert(core, ibt, account.id);
  saveRoute(core, id, { behaviour: origin.behaviour });
  // The origin bank answers an ACH debit about a business day later.
  core.scheduler.schedule(JOBS.settleInbound, addBusinessDays(now, 1), { id });
  ctx.emit('treasury.inbound_transfer.created', ibt);
  return ibt;
}

/**
 * Moves an InboundTransfer along the INBOUND table: success turns the pending
 * amount into cash (posted), failure or cancellation releases it (void), and a
 * return pulls the money back out with a ReceivedDebit.
 */
export function applyInbound(core: EngineCore, emit: Emit, before: InboundTransfer, action: InboundAction, failureCode?: string): InboundTransfer {
  const status = transition(INBOUND, 'InboundTransfer', before, action);
  const now = core.clock.now();
  const ibt: InboundTransfer = { ...before, status, status_transitions: { ...before.status_transitions } };
  const A = ibt.amount;
  if (action === 'succeed') {
    appendEntries(core, ibt.transaction, [{ type: 'inbound_transfer', impact: { inbound_pending: -A, cash: A } }], 'posted');
    ibt.status_transitions.succeeded_at = now;
  } else if (action === 'fail' || action === 'cancel') {
    appendEntries(core, ibt.transaction, [{ type: 'inbound_transfer', impact: { inbound_pending: -A } }], 'void');
    ibt.status_transitions[action === 'fail' ? 'failed_at' : 'canceled_at'] = now;
    if (action === 'fail') ibt.failure_details = { code: failureCode ?? 'other' };
  } else {
    const bank = ibt.origin_payment_method_details.us_bank_account ?? {};
    const rd = receiveDebit(core, emit, {
      financialAccount: ibt.financial_account,
      amount: A,
      currency: ibt.currency,
      description: `Return of InboundTransfer ${ibt.id}`,
      network: 'ach',
      initiating: {
        billing_details: ibt.origin_payment_method_details.billing_details,
        type: 'us_bank_account',
        us_bank_account: { bank_name: bank.bank_name ?? null, last4: bank.last4 ?? null, routing_number: bank.routing_number ?? null },
      },
      inboundTransfer: ibt.id,
    });
    ibt.returned = true;
    ibt.linked_flows = { received_debit: rd.id };
  }
  if (status !== 'processing') ibt.cancelable = false;
  save(core, ibt);
  const event = { succeed: 'succeeded', fail: 'failed', cancel: 'canceled', return: null }[action];
  if (event) emit(`treasury.inbound_transfer.${event}`, ibt, previousAttributes(before, ibt));
  return ibt;
}

function loadInbound(core: EngineCore, id: string, param: string): InboundTransfer {
  return load<InboundTransfer>(core, INBOUND_TRANSFER, id, 'inbound transfer', param);
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where = p.status !== undefined ? { status: p.status as string } : undefined;
  return listObjects(ctx, INBOUND_TRANSFER, '/v1/treasury/inbound_transfers', { owner: p.financial_account, where }, listedAccountExists(ctx));
}

function act(action: InboundAction, param: 'id' | 'inbound_transfer') {
  return (ctx: RequestContext) =>
    applyInbound(ctx.core, requestEmitter(ctx), loadInbound(ctx.core, ctx.path[param], param), action, ctx.params.failure_details?.code);
}

const BASE = '/v1/treasury/inbound_transfers';
const HELPERS = '/v1/test_helpers/treasury/inbound_transfers';

/** InboundTransfer: create, retrieve, list, cancel, and the succeed/fail/return test helpers. */
export const inboundTransferOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: `${BASE}/{id}`, handler: (ctx) => loadInbound(ctx.core, ctx.path.id, 'id') },
  { method: 'POST', path: `${BASE}/{inbound_transfer}/cancel`, handler: act('cancel', 'inbound_transfer') },
  { method: 'POST', path: `${HELPERS}/{id}/succeed`, handler: act('succeed', 'id') },
  { method: 'POST', path: `${HELPERS}/{id}/fail`, handler: act('fail', 'id') },
  { method: 'POST', path: `${HELPERS}/{id}/return`, handler: act('return', 'id') },
];
