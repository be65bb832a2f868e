import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { appendEntries, openTransaction } from '../../ledger/postings.js';
import { applyMetadata } from '../../metadata.js';
import { filterColumn } from '../../store/filter-columns.js';
import type { StripeObject } from '../../store/objects.js';
import { addBusinessDays } from './arrival.js';
import { insert, load, previousAttributes, save, type Emit } from './common.js';
import { requireReversible } from './credit-reversals.js';
import { loadOpenAccount, listedAccountExists } from './financial-accounts.js';
import { JOBS } from './jobs.js';
import { RECEIVED_DEBIT } from './received-debits.js';
import { DEBIT_REVERSAL, transition } from './transitions.js';

export const DEBIT_REVERSAL_TYPE = 'treasury.debit_reversal';

type DebitReversal = StripeObject & { amount: number; status: string; transaction: string; financial_account: string };

function create(ctx: RequestContext): DebitReversal {
  const core = ctx.core;
  const rd = load<StripeObject & { amount: number; currency: string; financial_account: string; network: string }>(
    core, RECEIVED_DEBIT, ctx.params.received_debit, 'received debit', 'received_debit',
  );
  requireReversible(core, rd, 'ReceivedDebit', 'received_debit');
  const account = loadOpenAccount(core, rd.financial_account);
  const created = core.clock.now();
  const id = newId('treasury.debit_reversal');
  // The money is claimed back but not spendable until the network resolves the reversal.
  const trxn = openTransaction(core, {
    financialAccount: account.id,
    currency: rd.currency,
    amount: rd.amount,
    flowType: 'debit_reversal',
    flow: id,
    description: `Reversal of ReceivedDebit ${rd.id}`,
    entries: [{ type: 'debit_reversal', impact: { inbound_pending: rd.amount } }],
  });
  const dr: DebitReversal = {
    id,
    object: DEBIT_REVERSAL_TYPE,
    amount: rd.amount,
    created,
    currency: rd.currency,
    financial_account: account.id,
    hosted_regulatory_receipt_url: null,
    linked_flows: null,
    livemode: false,
    metadata: applyMetadata({}, ctx.params.metadata),
    network: rd.network,
    received_debit: rd.id,
    status: 'processing',
    status_transitions: { completed_at: null },
    transaction: trxn.id,
  };
  insert(core, dr, account.id);
  save(core, {
    ...rd,
    linked_flows: { ...(rd.linked_flows as object), debit_reversal: id },
    reversal_details: { deadline: null, restricted_reason: 'already_reversed' },
  });
  core.scheduler.schedule(JOBS.resolveDebitReversal, addBusinessDays(created, 2), { id });
  ctx.emit('treasury.debit_reversal.created', dr);
  return dr;
}

/** The network resolves a DebitReversal: won credits the cash (posted), lost releases the claim (void). */
export function resolveDebitReversal(core: EngineCore, emit: Emit, id: string, outcome: 'win' | 'lose'): DebitReversal {
  const before = load<DebitReversal>(core, DEBIT_REVERSAL_TYPE, id, 'debit reversal', 'debit_reversal');
  const status = transition(DEBIT_REVERSAL, 'DebitReversal', before, outcome);
  const A = before.amount;
  if (outcome === 'win') {
    appendEntries(core, before.transaction, [{ type: 'debit_reversal', impact: { inbound_pending: -A, cash: A } }], 'posted');
  } else {
    appendEntries(core, before.transaction, [{ type: 'debit_reversal', impact: { inbound_pending: -A } }], 'void');
  }
  const dr: DebitReversal = { ...before, status, status_transitions: { completed_at: core.clock.now() } };
  save(core, dr);
  emit('treasury.debit_reversal.completed', dr, previousAttributes(before, dr));
  return dr;
}

const STATUS = filterColumn(DEBIT_REVERSAL_TYPE, 'status');
const OF_RECEIVED_DEBIT = filterColumn(DEBIT_REVERSAL_TYPE, 'received_debit');

function list(ctx: RequestContext) {
  const p = ctx.params;
  const sql: { clause: string; params: unknown[] }[] = [];
  if (p.received_debit !== undefined) sql.push({ clause: `${OF_RECEIVED_DEBIT} = ?`, params: [p.received_debit] });
  // The list filter speaks of completed/canceled and won/lost; the object of succeeded/failed.
  if (p.status === 'completed') sql.push({ clause: `${STATUS} IN ('succeeded', 'failed')`, params: [] });
  else if (p.status !== undefined) sql.push({ clause: `${STATUS} = ?`, params: [p.status] });
  if (p.resolution !== undefined) {
    sql.push({ clause: `${STATUS} = ?`, params: [p.resolution === 'won' ? 'succeeded' : 'failed'] });
  }
  return listObjects(ctx, DEBIT_REVERSAL_TYPE, '/v1/treasury/debit_reversals', { owner: p.financial_account, sql }, listedAccountExists(ctx));
}

const BASE = '/v1/treasury/debit_reversals';

/** DebitReversal: create, retrieve, list (the sandbox resolves them; see controls). */
export const debitReversalOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: list },
  {
    method: 'GET',
    path: `${BASE}/{debit_reversal}`,
    handler: (ctx) => load(ctx.core, DEBIT_REVERSAL_TYPE, ctx.path.debit_reversal, 'debit reversal', 'debit_reversal'),
  },
];
