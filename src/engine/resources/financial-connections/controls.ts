import type { ControlRoute } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { sandboxEmitter } from '../treasury/common.js';
import { moveAccount } from './accounts.js';
import { loadAccount } from './common.js';
import { JOBS } from './jobs.js';
import { completeSession, type LinkInput } from './link.js';
import { finishRefresh } from './refresh.js';
import { FEATURES, type RefreshFeature } from './transitions.js';
import { atomically } from '../../store/statements.js';

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidRequest(`${name} must be a string.`, name);
  return v;
}

/** `{"institution": …, "accounts": [...], "username": …, "password": …}` as the end user's choices. */
function linkInput(body: Record<string, unknown>): LinkInput {
  const institution = optionalString(body, 'institution');
  if (institution === undefined) throw parameterMissing('institution');
  const accounts = body.accounts;
  if (accounts !== undefined && (!Array.isArray(accounts) || accounts.some((a) => typeof a !== 'string'))) {
    throw invalidRequest('accounts must be a list of account keys.', 'accounts');
  }
  return { institution, accounts: accounts as string[] | undefined, username: optionalString(body, 'username'), password: optionalString(body, 'password') };
}

/**
 * The end user's and the bank's side of Financial Connections: completing a
 * session's flow, the bank deactivating or reactivating an account, and a
 * pending refresh reaching its outcome now. Documented in docs/financial-connections.md.
 */
export const financialConnectionsControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/financial_connections/sessions/:id/complete',
    handler: ({ core, params, body }) => completeSession(core, sandboxEmitter(core), params.id, linkInput(body)),
  },
  {
    method: 'POST',
    path: '/financial_connections/accounts/:id/deactivate',
    handler: ({ core, params }) => atomically(core.db, () => moveAccount(core, sandboxEmitter(core), loadAccount(core, params.id, 'id'), 'deactivate')),
  },
  {
    method: 'POST',
    path: '/financial_connections/accounts/:id/reactivate',
    handler: ({ core, params }) => atomically(core.db, () => moveAccount(core, sandboxEmitter(core), loadAccount(core, params.id, 'id'), 'reactivate')),
  },
  {
    method: 'POST',
    path: '/financial_connections/accounts/:id/refresh/finish',
    handler: ({ core, params, body }) => {
      const feature = optionalString(body, 'feature');
      if (feature === undefined) throw parameterMissing('feature');
      if (!(feature in FEATURES)) throw invalidRequest('feature must be one of balance, ownership or transactions.', 'feature');
      const status = optionalString(body, 'status') ?? 'succeeded';
      if (status !== 'succeeded' && status !== 'failed') throw invalidRequest('status must be `succeeded` or `failed`.', 'status');
      return atomically(core.db, () => {
        const account = finishRefresh(core, sandboxEmitter(core), loadAccount(core, params.id, 'id'), feature as RefreshFeature, status);
        core.scheduler.cancel(JOBS.finishRefresh, (p) => p.account === params.id && p.feature === feature);
        return account;
      });
    },
  },
];
