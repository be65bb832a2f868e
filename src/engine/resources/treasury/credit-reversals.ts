import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { appendEntries, openTransaction } from '../../ledger/postings.js';
import { applyMetadata } from '../../metadata.js';
import type { StripeObject } from '../../store/objects.js';
import { addBusinessDays } from './arrival.js';
import { insert, load, previousAttributes, requireCash, save, type Emit } from './common.js';
import { loadOpenAccount, listedAccountExists } from './financial-accounts.js';
import { JOBS } from './jobs.js';
import { RECEIVED_CREDIT } from './received-credits.js';
import { CREDIT_REVERSAL, transition } from './transitions.js';

export const CREDIT_REVERSAL_TYPE = 'treasury.credit_reversal';

type CreditReversal = StripeObject & { amount: number; status: string; transaction: string; financial_account: string };
type ReversalDetails = { deadline: number | null; restricted_reason: string | null } | null;

/** Stripe's refusal when a received flow's reversal_details forbid reversing it (shared with DebitReversals). */
export function requireReversible(core: EngineCore, flow: StripeObject, human: string, param: string): void {
  if (flow.status !== 'succeeded') {
    throw invalidRequest(`This ${human} cannot be reversed because it has a status of \`${String(flow.status)}\`.`, param);
  }
  const details = flow.reversal_details as ReversalDetails;
  const reason = details?.restricted_reason ?? (details?.deadline != null && core.clock.now() >= details.deadline ? 'deadline_passed' : null);
  if (reason) {
    throw invalidRequest(`This ${human} cannot be reversed: its reversal_details.restricted_reason is \`${reason}\`.`, param);
  }
}

function create(ctx: RequestContext): CreditReversal {
  const core = ctx.core;
  const rc = load<StripeObject & { amount: number; currency: string; financial_account: string; network: string }>(
    core, RECEIVED_CREDIT, ctx.params.received_credit, 'received credit', 'received_credit',
  );
  requireReversible(core, rc, 'ReceivedCredit', 'received_credit');
  const account = loadOpenAccount(core, rc.financial_account);
  requireCash(account, rc.currency, rc.amount, 'CreditReversal');
  const created = core.clock.now();
  const id = newId('treasury.credit_reversal');
  const trxn = openTransaction(core, {
    financialAccount: account.id,
    currency: rc.currency,
    amount: -rc.amount,
    flowType: 'credit_reversal',
    flow: id,
    description: `Reversal of ReceivedCredit ${rc.id}`,
    entries: [{ type: 'credit_reversal', impact: { cash: -rc.amount, outbound_pending: rc.amount } }],
  });
  const network = rc.network === 'stripe' ? 'stripe' : 'ach';
  const cr: CreditReversal = {
    id,
    object: CREDIT_REVERSAL_TYPE,
    amount: rc.amount,
    created,
    currency: rc.currency,
    financial_account: account.id,
    hosted_regulatory_receipt_url: null,
    livemode: false,
    metadata: applyMetadata({}, ctx.params.metadata),
    network,
    received_credit: rc.id,
    status: 'processing',
    status_transitions: { posted_at: null },
    transaction: trxn.id,
  };
  insert(core, cr, account.id);
  save(core, {
    ...rc,
    linked_flows: { ...(rc.linked_flows as object), credit_reversal: id },
    reversal_details: { deadline: null, restricted_reason: 'already_reversed' },
  });
  // The Stripe network reverses at once; ACH on the next business day.
  const postAt = network === 'stripe' ? created : addBusinessDays(created, 1);
  core.scheduler.schedule(JOBS.postCreditReversal, postAt, { id });
  ctx.emit('treasury.credit_reversal.created', cr);
  return cr;
}

/** Posts a CreditReversal (the hold leaves the account) or, forced, cancels it (the hold comes back). */
export function settleCreditReversal(core: EngineCore, emit: Emit, id: string, outcome: 'post' | 'cancel'): CreditReversal {
  const before = load<CreditReversal>(core, CREDIT_REVERSAL_TYPE, id, 'credit reversal', 'credit_reversal');
  const status = transition(CREDIT_REVERSAL, 'CreditReversal', before, outcome);
  const A = before.amount;
  const cr: CreditReversal = { ...before, status };
  if (outcome === 'post') {
    appendEntries(core, cr.transaction, [{ type: 'credit_reversal_posting', impact: { outbound_pending: -A } }], 'posted');
    cr.status_transitions = { posted_at: core.clock.now() };
  } else {
    appendEntries(core, cr.transaction, [{ type: 'credit_reversal', impact: { cash: A, outbound_pending: -A } }], 'void');
  }
  save(core, cr);
  // Stripe has no event for a canceled CreditReversal.
  if (outcome === 'post') emit('treasury.credit_reversal.posted', cr, previousAttributes(before, cr));
  return cr;
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, string> = {};
  if (p.status !== undefined) where.status = p.status;
  if (p.received_credit !== undefined) where.received_credit = p.received_credit;
  return listObjects(ctx, CREDIT_REVERSAL_TYPE, '/v1/treasury/credit_reversals', { owner: p.financial_account, where }, listedAccountExists(ctx));
}

const BASE = '/v1/treasury/credit_reversals';

/** CreditReversal: create, retrieve, list (the sandbox posts them; see controls). */
export const creditReversalOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: list },
  {
    method: 'GET',
    path: `${BASE}/{credit_reversal}`,
    handler: (ctx) => load(ctx.core, CREDIT_REVERSAL_TYPE, ctx.path.credit_reversal, 'credit reversal', 'credit_reversal'),
  },
];

