import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { openTransaction } from '../../ledger/postings.js';
import type { EntryType } from '../../ledger/types.js';
import type { StripeObject } from '../../store/objects.js';
import { loadRaw } from '../../http/raw-json.js';
import { reversalDeadline } from './arrival.js';
import { insert, requestEmitter, type Emit } from './common.js';
import { loadAccount, listedAccountExists } from './financial-accounts.js';
import { JOBS } from './jobs.js';
import { RECEIVED_CREDIT, helperFlowArgs } from './received-credits.js';

export const RECEIVED_DEBIT = 'treasury.received_debit';

export interface ReceiveDebitArgs {
  financialAccount: string;
  amount: number;
  currency: string;
  description: string;
  network: 'ach';
  initiating: Record<string, unknown>;
  /** Set when the debit returns an InboundTransfer: an ACH return cannot be refused, even past the cash balance. */
  inboundTransfer?: string;
}

function failureOf(fa: { status: string; platform_restrictions: { outbound_flows: string }; balance: { cash: Record<string, number> } }, args: ReceiveDebitArgs) {
  if (fa.status === 'closed') return 'account_closed';
  if (args.inboundTransfer) return null;
  if (fa.platform_restrictions.outbound_flows === 'restricted') return 'account_frozen';
  if ((fa.balance.cash[args.currency] ?? 0) < args.amount) return 'insufficient_funds';
  return null;
}

/**
 * Money pulled from an account by a third party: a ReceivedDebit born
 * succeeded (cash −amount, posted at once) or failed (closed, frozen, or not
 * enough cash; no money moves).
 */
export function receiveDebit(core: EngineCore, emit: Emit, args: ReceiveDebitArgs): StripeObject {
  const fa = loadAccount(core, args.financialAccount);
  const created = core.clock.now();
  const id = newId('treasury.received_debit');
  const failure = failureOf(fa, args);
  const rd: StripeObject = {
    id,
    object: RECEIVED_DEBIT,
    amount: args.amount,
    created,
    currency: args.currency,
    description: args.description,
    failure_code: failure,
    financial_account: fa.id,
    hosted_regulatory_receipt_url: null,
    initiating_payment_method_details: args.initiating,
    linked_flows: {
      debit_reversal: null,
      inbound_transfer: args.inboundTransfer ?? null,
      issuing_authorization: null,
      issuing_transaction: null,
      payout: null,
    },
    livemode: false,
    network: args.network,
    reversal_details: failure
      ? null
      : args.inboundTransfer
        ? { deadline: null, restricted_reason: 'source_flow_restricted' }
        : { deadline: reversalDeadline(created), restricted_reason: null },
    status: failure ? 'failed' : 'succeeded',
    transaction: null,
  };
  if (!failure) {
    const entryType: EntryType = args.inboundTransfer ? 'inbound_transfer_return' : 'received_debit';
    const trxn = openTransaction(core, {
      financialAccount: fa.id,
      currency: args.currency,
      amount: -args.amount,
      flowType: 'received_debit',
      flow: id,
      description: args.description,
      entries: [{ type: entryType, impact: { cash: -args.amount } }],
      settle: 'posted',
    });
    rd.transaction = trxn.id;
    const deadline = (rd.reversal_details as { deadline: number | null }).deadline;
    if (deadline !== null) core.scheduler.schedule(JOBS.reversalDeadline, deadline, { type: RECEIVED_DEBIT, id });
  }
  insert(core, rd, fa.id);
  emit('treasury.received_debit.created', rd);
  return rd;
}

function createByHelper(ctx: RequestContext): StripeObject {
  return receiveDebit(ctx.core, requestEmitter(ctx), helperFlowArgs(ctx, 'Received debit'));
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where = p.status !== undefined ? { status: p.status as string } : undefined;
  return listObjects(ctx, RECEIVED_DEBIT, '/v1/treasury/received_debits', { owner: p.financial_account, where }, listedAccountExists(ctx));
}

/** ReceivedDebit: retrieve, list, and the test helper that simulates a third party's ACH debit. */
export const receivedDebitOperations: Operation[] = [
  { method: 'POST', path: '/v1/test_helpers/treasury/received_debits', handler: createByHelper },
  { method: 'GET', path: '/v1/treasury/received_debits', handler: list },
  { method: 'GET', path: '/v1/treasury/received_debits/{id}', handler: (ctx) => loadRaw(ctx.core, RECEIVED_DEBIT, ctx.path.id, 'received debit') },
];

/** Closes the reversal window of a received credit or debit once its deadline passes. */
export function closeReversalWindow(core: EngineCore, type: string, id: string): void {
  if (type !== RECEIVED_DEBIT && type !== RECEIVED_CREDIT) return;
  const obj = core.store.get(id, type);
  const details = obj?.reversal_details as { deadline: number | null; restricted_reason: string | null } | null | undefined;
  if (!obj || !details || details.restricted_reason !== null) return;
  core.store.update({ ...obj, reversal_details: { ...details, restricted_reason: 'deadline_passed' } });
  core.changes.publish({ kind: 'object', type, id });
}
