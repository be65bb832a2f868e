import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { openTransaction } from '../../ledger/postings.js';
import { filterColumn } from '../../store/filter-columns.js';
import type { StripeObject } from '../../store/objects.js';
import { TEST_BANK_NAME } from '../payment-methods/index.js';
import { TEST_ROUTING_NUMBER } from '../payment-methods/index.js';
import { loadRaw } from '../../http/raw-json.js';
import { reversalDeadline } from './arrival.js';
import { insert, requestEmitter, requirePositiveAmount, requireCurrency, type Emit } from './common.js';
import { loadAccount, listedAccountExists } from './financial-accounts.js';
import { JOBS } from './jobs.js';

export const RECEIVED_CREDIT = 'treasury.received_credit';

export interface ReceiveCreditArgs {
  financialAccount: string;
  amount: number;
  currency: string;
  description: string;
  network: 'ach' | 'rtp' | 'us_domestic_wire' | 'stripe';
  initiating: Record<string, unknown>;
  /** The sandbox flow that sent the money, when it came from another FinancialAccount. */
  source?: { type: 'outbound_payment' | 'outbound_transfer'; id: string };
}

/** Why a credit to this account fails, if it does. */
function failureOf(fa: { status: string; platform_restrictions: { inbound_flows: string } }) {
  if (fa.status === 'closed') return 'account_closed';
  if (fa.platform_restrictions.inbound_flows === 'restricted') return 'account_frozen';
  return null;
}

/** Whether and until when the credit can be reversed, as Stripe's reversal_details table describes. */
function reversalDetails(args: ReceiveCreditArgs, created: number) {
  // Wires and real-time payments are final: their networks have no reversal.
  if (args.network === 'us_domestic_wire' || args.network === 'rtp') return { deadline: null, restricted_reason: 'network_restricted' };
  if (args.network === 'stripe') {
    return { deadline: null, restricted_reason: args.source?.type === 'outbound_payment' ? null : 'source_flow_restricted' };
  }
  return { deadline: reversalDeadline(created), restricted_reason: null };
}

/**
 * Money arriving in an account: a ReceivedCredit that is born succeeded (cash
 * +amount, posted at once) or failed (closed or frozen account; no money moves).
 */
export function receiveCredit(core: EngineCore, emit: Emit, args: ReceiveCreditArgs): StripeObject {
  const fa = loadAccount(core, args.financialAccount);
  const created = core.clock.now();
  const id = newId('treasury.received_credit');
  const failure = failureOf(fa);
  const rc: StripeObject = {
    id,
    object: RECEIVED_CREDIT,
    amount: args.amount,
    created,
    currency: args.currency,
    description: args.description,
    failure_code: failure,
    financial_account: fa.id,
    hosted_regulatory_receipt_url: null,
    initiating_payment_method_details: args.initiating,
    linked_flows: {
      credit_reversal: null,
      issuing_authorization: null,
      issuing_transaction: null,
      source_flow: args.source?.id ?? null,
      source_flow_type: args.source?.type ?? null,
    },
    livemode: false,
    network: args.network,
    reversal_details: failure ? null : reversalDetails(args, created),
    status: failure ? 'failed' : 'succeeded',
    transaction: null,
  };
  if (!failure) {
    const trxn = openTransaction(core, {
      financialAccount: fa.id,
      currency: args.currency,
      amount: args.amount,
      flowType: 'received_credit',
      flow: id,
      description: args.description,
      entries: [{ type: 'received_credit', impact: { cash: args.amount } }],
      settle: 'posted',
    });
    rc.transaction = trxn.id;
    const deadline = (rc.reversal_details as { deadline: number | null }).deadline;
    if (deadline !== null) core.scheduler.schedule(JOBS.reversalDeadline, deadline, { type: RECEIVED_CREDIT, id });
  }
  insert(core, rc, fa.id);
  emit('treasury.received_credit.created', rc);
  emit(failure ? 'treasury.received_credit.failed' : 'treasury.received_credit.succeeded', rc);
  return rc;
}

/** `initiating_payment_method_details` from the test helper's params (a US bank account). */
export function initiatingDetails(param: Record<string, any> | undefined): Record<string, unknown> {
  const bank = param?.us_bank_account ?? {};
  const routing: string = bank.routing_number ?? TEST_ROUTING_NUMBER;
  return {
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: bank.account_holder_name ?? null,
    },
    type: 'us_bank_account',
    us_bank_account: {
      bank_name: routing === TEST_ROUTING_NUMBER ? TEST_BANK_NAME : null,
      last4: (bank.account_number ?? '000123456789').slice(-4),
      routing_number: routing,
    },
  };
}

/**
 * What the received_credits and received_debits test helpers share: the
 * amount and currency checked against the account, and the sender's details.
 */
export function helperFlowArgs(ctx: RequestContext, defaultDescription: string) {
  const p = ctx.params;
  requirePositiveAmount(p.amount);
  const fa = loadAccount(ctx.core, p.financial_account);
  return {
    financialAccount: fa.id,
    amount: p.amount as number,
    currency: requireCurrency(fa, p.currency),
    description: (p.description as string | undefined) ?? defaultDescription,
    network: p.network,
    initiating: initiatingDetails(p.initiating_payment_method_details),
  };
}

function createByHelper(ctx: RequestContext): StripeObject {
  return receiveCredit(ctx.core, requestEmitter(ctx), helperFlowArgs(ctx, 'Received credit'));
}

const STATUS = filterColumn(RECEIVED_CREDIT, 'status');
const SOURCE_FLOW_TYPE = filterColumn(RECEIVED_CREDIT, 'linked_flows.source_flow_type');

function list(ctx: RequestContext) {
  const p = ctx.params;
  const sql: { clause: string; params: unknown[] }[] = [];
  if (p.status !== undefined) sql.push({ clause: `${STATUS} = ?`, params: [p.status] });
  const sourceType = p.linked_flows?.source_flow_type;
  if (sourceType === 'other') {
    // Credits from outside the sandbox's flows (an external ACH or wire) have no source flow.
    sql.push({ clause: `coalesce(${SOURCE_FLOW_TYPE}, 'other') = 'other'`, params: [] });
  } else if (sourceType !== undefined) {
    sql.push({ clause: `${SOURCE_FLOW_TYPE} = ?`, params: [sourceType] });
  }
  return listObjects(ctx, RECEIVED_CREDIT, '/v1/treasury/received_credits', { owner: p.financial_account, sql }, listedAccountExists(ctx));
}

/** ReceivedCredit: retrieve, list, and the test helper that simulates an incoming ACH or wire. */
export const receivedCreditOperations: Operation[] = [
  { method: 'POST', path: '/v1/test_helpers/treasury/received_credits', handler: createByHelper },
  { method: 'GET', path: '/v1/treasury/received_credits', handler: list },
  { method: 'GET', path: '/v1/treasury/received_credits/{id}', handler: (ctx) => loadRaw(ctx.core, RECEIVED_CREDIT, ctx.path.id, 'received credit') },
];
