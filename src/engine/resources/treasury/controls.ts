import type { ControlRoute } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { checkLedger } from '../../ledger/check.js';
import { sandboxEmitter } from './common.js';
import { settleCreditReversal } from './credit-reversals.js';
import { resolveDebitReversal } from './debit-reversals.js';
import { JOBS } from './jobs.js';
import { atomically } from '../../store/statements.js';

/**
 * Treasury's sandbox controls: the ledger check, and forcing what Stripe's
 * side decides for reversals (no official test helper exists for them).
 * Documented in docs/controls-treasury.md.
 */
export const treasuryControls: ControlRoute[] = [
  {
    method: 'GET',
    path: '/ledger/check',
    handler: ({ core, query }) => checkLedger(core, typeof query.financial_account === 'string' ? query.financial_account : undefined),
  },
  {
    method: 'POST',
    path: '/treasury/credit_reversals/:id/post',
    handler: ({ core, params }) =>
      atomically(core.db, () => {
        core.scheduler.cancel(JOBS.postCreditReversal, (p) => p.id === params.id);
        return settleCreditReversal(core, sandboxEmitter(core), params.id, 'post');
      }),
  },
  {
    method: 'POST',
    path: '/treasury/credit_reversals/:id/cancel',
    handler: ({ core, params }) =>
      atomically(core.db, () => {
        core.scheduler.cancel(JOBS.postCreditReversal, (p) => p.id === params.id);
        return settleCreditReversal(core, sandboxEmitter(core), params.id, 'cancel');
      }),
  },
  {
    method: 'POST',
    path: '/treasury/debit_reversals/:id/resolve',
    handler: ({ core, params, body }) => {
      const outcome = body.outcome ?? 'won';
      if (outcome !== 'won' && outcome !== 'lost') throw invalidRequest('outcome must be `won` or `lost`.', 'outcome');
      return atomically(core.db, () => {
        core.scheduler.cancel(JOBS.resolveDebitReversal, (p) => p.id === params.id);
        return resolveDebitReversal(core, sandboxEmitter(core), params.id, outcome === 'won' ? 'win' : 'lose');
      });
    },
  },
];
