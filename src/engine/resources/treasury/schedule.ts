import type { EngineCore } from '../../context.js';
import { label, type JobLabel } from '../../scheduler.js';
import { addBusinessDays } from './arrival.js';
import { sandboxEmitter } from './common.js';
import { settleCreditReversal } from './credit-reversals.js';
import { resolveDebitReversal } from './debit-reversals.js';
import { applyInbound, INBOUND_TRANSFER, type InboundTransfer } from './inbound-transfers.js';
import { JOBS } from './jobs.js';
import { applyOutbound, type OutboundFlow, type OutboundKind } from './outbound-flow.js';
import { OUTBOUND_PAYMENT } from './outbound-payments.js';
import { OUTBOUND_TRANSFER } from './outbound-transfers.js';
import { closeReversalWindow } from './received-debits.js';
import { routeOf } from './routes.js';
import { allows, CREDIT_REVERSAL, DEBIT_REVERSAL, INBOUND, OUTBOUND, type OutboundAction } from './transitions.js';

const KINDS: Record<string, OutboundKind> = { [OUTBOUND_PAYMENT.type]: OUTBOUND_PAYMENT, [OUTBOUND_TRANSFER.type]: OUTBOUND_TRANSFER };
const ACH_FAILURES = new Set(['account_closed', 'no_account', 'insufficient_funds', 'debit_not_authorized', 'invalid_currency']);

/**
 * Registers what the sandbox does when its clock passes a Treasury time. Every
 * handler re-checks the state machine first: a helper or control may already
 * have moved the object, and a job must never fail (it would roll back and rerun).
 */
export function registerTreasuryJobs(core: EngineCore): void {
  const emit = sandboxEmitter(core);
  // How a job reads in an advance's report, from the object's status once the job ran.
  const said = (type: string, id: string, phrases: Record<string, string>, otherwise: string): JobLabel => {
    const noun = type.replace(/^treasury\./, '').replace(/_/g, ' ');
    const status = (core.store.get(id, type) as { status?: string; returned?: boolean } | undefined)?.status ?? '';
    const verb = phrases[status] ?? otherwise;
    return label(`${noun} ${verb}`, `${noun}s ${verb}`);
  };
  const outcome = { posted: 'posted', failed: 'failed', returned: 'returned', canceled: 'canceled' };
  const outbound = (payload: { type: string; id: string }, action: OutboundAction, options = {}) => {
    const kind = KINDS[payload.type];
    const flow = kind && core.store.get<OutboundFlow>(payload.id, kind.type);
    if (!flow || !allows(OUTBOUND, flow, action)) return undefined;
    return applyOutbound(core, kind, emit, flow, action, options);
  };

  core.scheduler.on(JOBS.submitOutbound, (p: { type: string; id: string }) => {
    // Stripe's "canceled by user" test account cancels before the batch leaves.
    if (routeOf(core, p.id).behaviour?.treasury?.to === 'canceled') outbound(p, 'cancel');
    else outbound(p, 'submit');
  }, (p: { type: string; id: string }) => said(p.type, p.id, { canceled: 'canceled' }, 'submitted to the network'));

  core.scheduler.on(JOBS.arriveOutbound, (p: { type: string; id: string; shifted?: boolean }) => {
    const route = routeOf(core, p.id);
    const outcome = route.behaviour?.treasury;
    const reschedule = (arrival: number, shifted = p.shifted) => {
      if (outbound(p, 'reschedule', { arrival })) core.scheduler.schedule(JOBS.arriveOutbound, arrival, { ...p, shifted });
    };
    if (route.receivingAccount) return void outbound(p, 'post');
    if (!outcome || outcome.to === 'processing') return reschedule(addBusinessDays(core.clock.now(), 1));
    switch (outcome.to) {
      case 'posted':
        if (outcome.expectedArrivalDateShiftDays && !p.shifted) {
          return reschedule(addBusinessDays(core.clock.now(), outcome.expectedArrivalDateShiftDays), true);
        }
        return void outbound(p, 'post');
      case 'failed':
        return void outbound(p, 'fail');
      case 'returned':
        outbound(p, 'post');
        return void outbound(p, 'network_return', { returnCode: outcome.code });
      case 'canceled':
        // Only an ACH batch can be canceled (at submission); anything else just waits.
        return reschedule(addBusinessDays(core.clock.now(), 1));
    }
  }, (p: { type: string; id: string }) => said(p.type, p.id, outcome, 'delayed a business day'));

  core.scheduler.on(JOBS.settleInbound, (p: { id: string; dispute?: boolean }) => {
    const ibt = core.store.get<InboundTransfer>(p.id, INBOUND_TRANSFER);
    if (!ibt) return;
    const ach = routeOf(core, p.id).behaviour?.ach;
    if (p.dispute) {
      if (allows(INBOUND, ibt, 'return')) applyInbound(core, emit, ibt, 'return');
    } else if (!allows(INBOUND, ibt, 'succeed')) {
      return;
    } else if (ach === 'succeeds' || ach === 'dispute') {
      applyInbound(core, emit, ibt, 'succeed');
      // A disputed debit succeeds first and comes back a business day later.
      if (ach === 'dispute') core.scheduler.schedule(JOBS.settleInbound, addBusinessDays(core.clock.now(), 1), { id: p.id, dispute: true });
    } else if (ach && ACH_FAILURES.has(ach)) {
      applyInbound(core, emit, ibt, 'fail', ach);
    }
  }, (p: { id: string; dispute?: boolean }) =>
    p.dispute ? label('inbound transfer returned', 'inbound transfers returned') : said(INBOUND_TRANSFER, p.id, { succeeded: 'succeeded', failed: 'failed' }, 'settled'));

  core.scheduler.on(
    JOBS.reversalDeadline,
    (p: { type: string; id: string }) => closeReversalWindow(core, p.type, p.id),
    (p: { type: string }) => {
      const noun = p.type.replace(/^treasury\./, '').replace(/_/g, ' ');
      return label(`${noun}'s reversal window closed`, `${noun}s' reversal windows closed`);
    },
  );

  core.scheduler.on(JOBS.postCreditReversal, (p: { id: string }) => {
    const cr = core.store.get(p.id, 'treasury.credit_reversal') as { status: string } | undefined;
    if (cr && allows(CREDIT_REVERSAL, cr, 'post')) settleCreditReversal(core, emit, p.id, 'post');
  }, label('credit reversal posted', 'credit reversals posted'));

  core.scheduler.on(JOBS.resolveDebitReversal, (p: { id: string }) => {
    const dr = core.store.get(p.id, 'treasury.debit_reversal') as { status: string } | undefined;
    // Without a dispute to lose, the network resolves in the account holder's favour.
    if (dr && allows(DEBIT_REVERSAL, dr, 'win')) resolveDebitReversal(core, emit, p.id, 'win');
  }, label('debit reversal resolved', 'debit reversals resolved'));
}
