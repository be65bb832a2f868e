import type { EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { newId } from '../../ids.js';
import { appendEntries, openTransaction } from '../../ledger/postings.js';
import type { EntryType } from '../../ledger/types.js';
import type { StripeObject } from '../../store/objects.js';
import { addBusinessDays, expectedArrival, submissionTime } from './arrival.js';
import { insert, previousAttributes, requireCash, save, type Emit } from './common.js';
import type { BankEndpoint } from './destinations.js';
import type { FeatureName, FinancialAccount } from './financial-account-shape.js';
import { hasActiveFeature } from './financial-account-shape.js';
import { JOBS } from './jobs.js';
import { receiveCredit } from './received-credits.js';
import { routeOf, saveRoute } from './routes.js';
import { OUTBOUND, transition, type OutboundAction } from './transitions.js';

/** What differs between OutboundPayments and OutboundTransfers; the state machine and ledger are shared. */
export interface OutboundKind {
  type: 'treasury.outbound_payment' | 'treasury.outbound_transfer';
  flowType: 'outbound_payment' | 'outbound_transfer';
  human: string;
  defaultDescriptor: string;
  entries: Record<'create' | 'posting' | 'failure' | 'cancellation' | 'return', EntryType>;
  feature(network: BankEndpoint['network']): FeatureName;
}

export type OutboundFlow = StripeObject & {
  amount: number;
  currency: string;
  cancelable: boolean;
  financial_account: string;
  status: string;
  transaction: string;
  destination_payment_method_details: Record<string, any>;
  expected_arrival_date: number;
  status_transitions: Record<'canceled_at' | 'failed_at' | 'posted_at' | 'returned_at', number | null>;
};

export interface CreateOutboundArgs {
  account: FinancialAccount;
  amount: number;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  statementDescriptor: string | undefined;
  endpoint: BankEndpoint;
  /** Fields only one kind has (`customer`, `end_user_details`), in Stripe's key order. */
  extra: Record<string, unknown>;
}

/** ACH statement descriptors are cut to 10 characters by the network; Stripe refuses longer ones. */
function descriptor(kind: OutboundKind, args: CreateOutboundArgs): string {
  const value = args.statementDescriptor ?? kind.defaultDescriptor;
  const max = args.endpoint.network === 'ach' ? 10 : 140;
  if (value.length > max) {
    throw invalidRequest(`statement_descriptor must be at most ${max} characters for the ${args.endpoint.network} network.`, 'statement_descriptor');
  }
  return value;
}

/**
 * Creates an OutboundPayment or OutboundTransfer: holds the amount (cash −A,
 * outbound_pending +A on an open Transaction) and schedules the network's part.
 */
export function createOutbound(core: EngineCore, kind: OutboundKind, emit: Emit, args: CreateOutboundArgs): OutboundFlow {
  const { account, endpoint } = args;
  const feature = kind.feature(endpoint.network);
  if (!hasActiveFeature(account, feature)) {
    throw invalidRequest(`The FinancialAccount ${account.id} does not have the ${feature} feature active, which a ${kind.human} over ${endpoint.network} needs.`, 'financial_account');
  }
  if (endpoint.receivingAccount) {
    const receiver = core.store.get(endpoint.receivingAccount) as FinancialAccount;
    if (!receiver.supported_currencies.includes(args.currency)) {
      throw invalidRequest(`The destination FinancialAccount ${receiver.id} cannot hold ${args.currency}.`, 'currency');
    }
  }
  requireCash(account, args.currency, args.amount, kind.human);
  const statementDescriptor = descriptor(kind, args);
  const now = core.clock.now();
  const id = newId(kind.type);
  const trxn = openTransaction(core, {
    financialAccount: account.id,
    currency: args.currency,
    amount: -args.amount,
    flowType: kind.flowType,
    flow: id,
    description: args.description ?? `${kind.human} ${id}`,
    entries: [{ type: kind.entries.create, impact: { cash: -args.amount, outbound_pending: args.amount } }],
  });
  const flow: OutboundFlow = {
    id,
    object: kind.type,
    amount: args.amount,
    // Only ACH waits for a batch; wires and Stripe-network payments leave at once.
    cancelable: endpoint.network === 'ach',
    created: now,
    currency: args.currency,
    ...('customer' in args.extra ? { customer: args.extra.customer } : {}),
    description: args.description,
    destination_payment_method: endpoint.paymentMethod,
    destination_payment_method_details: endpoint.details,
    ...('end_user_details' in args.extra ? { end_user_details: args.extra.end_user_details } : {}),
    expected_arrival_date: expectedArrival(now, endpoint.network),
    financial_account: account.id,
    hosted_regulatory_receipt_url: null,
    livemode: false,
    metadata: args.metadata,
    returned_details: null,
    statement_descriptor: statementDescriptor,
    status: 'processing',
    status_transitions: { canceled_at: null, failed_at: null, posted_at: null, returned_at: null },
    tracking_details: null,
    transaction: trxn.id,
  };
  insert(core, flow, account.id);
  saveRoute(core, id, { receivingAccount: endpoint.receivingAccount, behaviour: endpoint.behaviour });
  const submitAt = submissionTime(now, endpoint.network);
  if (submitAt !== null) core.scheduler.schedule(JOBS.submitOutbound, submitAt, { type: kind.type, id });
  core.scheduler.schedule(JOBS.arriveOutbound, flow.expected_arrival_date, { type: kind.type, id });
  emit(`${kind.type}.created`, flow);
  return flow;
}

function returnTransaction(core: EngineCore, kind: OutboundKind, flow: OutboundFlow): string {
  return openTransaction(core, {
    financialAccount: flow.financial_account,
    currency: flow.currency,
    amount: flow.amount,
    flowType: kind.flowType,
    flow: flow.id,
    description: `Return of ${kind.human} ${flow.id}`,
    entries: [{ type: kind.entries.return, impact: { cash: flow.amount } }],
    settle: 'posted',
  }).id;
}

function post(core: EngineCore, kind: OutboundKind, flow: OutboundFlow): void {
  appendEntries(core, flow.transaction, [{ type: kind.entries.posting, impact: { outbound_pending: -flow.amount } }], 'posted');
}

/** Options of the actions that take some. */
export interface OutboundActionOptions {
  returnCode?: string;
  trackingDetails?: Record<string, any>;
  /** The new expected arrival date, for `reschedule`. */
  arrival?: number;
}

/**
 * Moves a flow along the OUTBOUND table and writes what that means to the
 * ledger: posting releases the hold, failing or canceling gives the cash back
 * (void), a return credits the cash on a new Transaction. Illegal moves throw
 * before anything is written.
 */
export function applyOutbound(
  core: EngineCore,
  kind: OutboundKind,
  emit: Emit,
  before: OutboundFlow,
  action: OutboundAction,
  options: OutboundActionOptions = {},
): OutboundFlow {
  const status = transition(OUTBOUND, kind.human, before, action);
  const now = core.clock.now();
  const flow: OutboundFlow = { ...before, status, status_transitions: { ...before.status_transitions } };
  const A = flow.amount;
  let bounced: string | null = null;
  switch (action) {
    case 'post': {
      post(core, kind, flow);
      flow.status_transitions.posted_at = now;
      const { receivingAccount } = routeOf(core, flow.id);
      if (receivingAccount) bounced = deliver(core, kind, emit, flow, receivingAccount);
      break;
    }
    case 'fail':
    case 'cancel': {
      const type = action === 'fail' ? kind.entries.failure : kind.entries.cancellation;
      appendEntries(core, flow.transaction, [{ type, impact: { cash: A, outbound_pending: -A } }], 'void');
      flow.status_transitions[action === 'fail' ? 'failed_at' : 'canceled_at'] = now;
      break;
    }
    case 'return':
    case 'network_return': {
      // The helper returns a processing flow: it posts first, then comes back on a new Transaction.
      if (action === 'return') {
        post(core, kind, flow);
        flow.status_transitions.posted_at = now;
      }
      flow.returned_details = { code: options.returnCode ?? 'declined', transaction: returnTransaction(core, kind, flow) };
      flow.status_transitions.returned_at = now;
      break;
    }
    case 'track':
      flow.tracking_details = trackingDetails(flow, options.trackingDetails ?? {});
      break;
    case 'reschedule':
      flow.expected_arrival_date = options.arrival ?? addBusinessDays(now, 1);
      break;
    case 'submit':
      break;
  }
  if (status !== 'processing' || action === 'submit') flow.cancelable = false;
  save(core, flow);
  const event = EVENTS[action];
  if (event) emit(`${kind.type}.${event}`, flow, previousAttributes(before, flow));
  // A credit the receiving account refuses (closed, frozen) comes straight back to the sender.
  if (bounced) return applyOutbound(core, kind, emit, flow, 'network_return', { returnCode: bounced });
  return flow;
}

const EVENTS: Record<OutboundAction, string | null> = {
  post: 'posted',
  fail: 'failed',
  cancel: 'canceled',
  return: 'returned',
  network_return: 'returned',
  track: 'tracking_details_updated',
  reschedule: 'expected_arrival_date_updated',
  submit: null,
};

/** Tracking details as the network reports them; the type must be the flow's own network. */
function trackingDetails(flow: OutboundFlow, param: Record<string, any>): Record<string, unknown> {
  const network = flow.destination_payment_method_details.us_bank_account?.network;
  if (param.type !== network) {
    throw invalidRequest(`tracking_details[type] must be the network this flow was sent over (${network ?? 'stripe, which has no tracking details'}).`, 'tracking_details[type]');
  }
  if (param.type === 'ach') {
    if (!param.ach?.trace_id) throw invalidRequest('Missing required param: tracking_details[ach][trace_id].', 'tracking_details[ach][trace_id]', 'parameter_missing');
    return { ach: { trace_id: param.ach.trace_id }, type: 'ach' };
  }
  const wire = param.us_domestic_wire ?? {};
  if (!wire.imad && !wire.chips) {
    throw invalidRequest('A us_domestic_wire needs tracking_details[us_domestic_wire][imad] or [chips].', 'tracking_details[us_domestic_wire]');
  }
  return { type: 'us_domestic_wire', us_domestic_wire: { chips: wire.chips ?? null, imad: wire.imad ?? null, omad: wire.omad ?? null } };
}

/**
 * A posted flow to a FinancialAccount of this sandbox arrives there as a
 * ReceivedCredit. Returns the failure code when that account refused it.
 */
function deliver(core: EngineCore, kind: OutboundKind, emit: Emit, flow: OutboundFlow, receivingAccount: string): string | null {
  const fa = core.store.get(flow.financial_account) as FinancialAccount;
  const details = flow.destination_payment_method_details;
  const stripeNetwork = details.type === 'financial_account';
  const rc = receiveCredit(core, emit, {
    financialAccount: receivingAccount,
    amount: flow.amount,
    currency: flow.currency,
    description: (flow.description as string | null) ?? `${kind.human} from ${fa.id}`,
    network: stripeNetwork ? 'stripe' : details.us_bank_account.network,
    initiating: stripeNetwork
      ? {
          billing_details: details.billing_details,
          financial_account: { id: fa.id, network: 'stripe' },
          type: 'financial_account',
        }
      : {
          billing_details: details.billing_details,
          type: 'us_bank_account',
          us_bank_account: fa.financial_addresses[0]
            ? { bank_name: fa.financial_addresses[0].aba.bank_name, last4: fa.financial_addresses[0].aba.account_number_last4, routing_number: fa.financial_addresses[0].aba.routing_number }
            : { bank_name: null, last4: null, routing_number: null },
        },
    source: { type: kind.flowType, id: flow.id },
  });
  return (rc.failure_code as string | null) ?? null;
}
