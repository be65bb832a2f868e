import type { EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { previousAttributes, save, type Emit } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import type { FcAccount, Refresh } from './common.js';
import { fetchFeature, newTransactionRefresh } from './fetch.js';
import { JOBS, REFRESH_SECONDS } from './jobs.js';
import { accountTransition, FEATURES, REFRESH, type RefreshFeature } from './transitions.js';

/** Refuses a feature the account's holder did not grant (the session's permissions). */
export function requirePermission(account: FcAccount, feature: RefreshFeature, param = 'features'): void {
  const needed = FEATURES[feature].permission;
  if (!account.permissions.includes(needed)) {
    throw invalidRequest(
      `The account ${account.id} was linked without the \`${needed}\` permission, which refreshing its ${feature} requires. Create a session whose permissions include \`${needed}\` and link the account again.`,
      param,
    );
  }
}

function refreshOf(account: FcAccount, feature: RefreshFeature): Refresh | null {
  return account[FEATURES[feature].field];
}

/**
 * Starts refreshing features of an active account: each becomes `pending` and
 * the bank answers on the sandbox clock a few seconds later. A feature already
 * pending stays as it is. Saves the account; emits nothing (the outcome does).
 * `now` is when the refresh started (a scheduled one: when it was due).
 */
export function startRefresh(core: EngineCore, before: FcAccount, features: RefreshFeature[], now = core.clock.now()): FcAccount {
  accountTransition(before, 'refresh');
  for (const f of features) requirePermission(before, f);
  const account: FcAccount = structuredClone(before);
  for (const feature of new Set(features)) {
    if (refreshOf(account, feature)?.status === 'pending') continue;
    const refresh: Refresh = { last_attempted_at: now, next_refresh_available_at: null, status: 'pending' };
    if (feature === 'transactions') account.transaction_refresh = { id: newTransactionRefresh(core, account.id), ...refresh };
    else account[FEATURES[feature].field] = refresh;
    core.scheduler.schedule(JOBS.finishRefresh, now + REFRESH_SECONDS, { account: account.id, feature });
  }
  return save(core, account);
}

/**
 * Ends a pending refresh: `succeeded` fetches the bank's data into the account,
 * `failed` keeps what was there. Either way the refreshed_* event fires once.
 * A bank with no data for the feature fails the refresh whatever was asked.
 */
export function finishRefresh(core: EngineCore, emit: Emit, before: FcAccount, feature: RefreshFeature, outcome: 'succeeded' | 'failed'): FcAccount {
  const current = refreshOf(before, feature);
  if (!current) throw invalidRequest(`The account ${before.id} has no ${feature} refresh to finish.`, 'feature');
  transition(REFRESH, `${feature} refresh`, { id: before.id, status: current.status }, outcome === 'succeeded' ? 'succeed' : 'fail');
  const account: FcAccount = structuredClone(before);
  const now = core.clock.now();
  const ok = outcome === 'succeeded' && fetchFeature(core, account, feature, now);
  account[FEATURES[feature].field] = { ...current, status: ok ? 'succeeded' : 'failed', next_refresh_available_at: now };
  save(core, account);
  emit(FEATURES[feature].event, account, previousAttributes(before, account));
  return account;
}

/** Fetches a feature at once, as prefetch does when the account links: succeeded, with its event. */
export function fetchAtLink(core: EngineCore, emit: Emit, before: FcAccount, feature: RefreshFeature): FcAccount {
  const account: FcAccount = structuredClone(before);
  const now = core.clock.now();
  const refresh: Refresh = { last_attempted_at: now, next_refresh_available_at: null, status: 'pending' };
  if (feature === 'transactions') account.transaction_refresh = { id: newTransactionRefresh(core, account.id), ...refresh };
  else account[FEATURES[feature].field] = refresh;
  const ok = fetchFeature(core, account, feature, now);
  account[FEATURES[feature].field] = { ...account[FEATURES[feature].field]!, status: ok ? 'succeeded' : 'failed', next_refresh_available_at: now };
  save(core, account);
  emit(FEATURES[feature].event, account, previousAttributes(before, account));
  return account;
}
