import type { EngineCore } from '../../context.js';
import { label } from '../../scheduler.js';
import { sandboxEmitter } from '../treasury/common.js';
import { ACCOUNT_TYPE, type FcAccount } from './common.js';
import { JOBS, SUBSCRIPTION_PERIOD_SECONDS } from './jobs.js';
import { finishRefresh, startRefresh } from './refresh.js';
import { accountAllows, FEATURES, type RefreshFeature } from './transitions.js';

/**
 * What the sandbox does when its clock passes a Financial Connections time.
 * Handlers re-check state first (a control may have finished the refresh, the
 * account may be disconnected) and read time from the clock, which the
 * scheduler sets to the job's due moment.
 */
export function registerFinancialConnectionsJobs(core: EngineCore): void {
  const emit = sandboxEmitter(core);

  core.scheduler.on(JOBS.finishRefresh, (p: { account: string; feature: RefreshFeature }) => {
    const account = core.store.get<FcAccount>(p.account, ACCOUNT_TYPE);
    if (!account || account[FEATURES[p.feature].field]?.status !== 'pending') return;
    finishRefresh(core, emit, account, p.feature, 'succeeded');
  }, (p: { feature: RefreshFeature }) => label(`${p.feature} refresh finished`, `${p.feature} refreshes finished`));

  core.scheduler.on(JOBS.dailyRefresh, (p: { account: string; at?: number }) => {
    const account = core.store.get<FcAccount>(p.account, ACCOUNT_TYPE);
    if (!account || !account.subscriptions.includes('transactions') || account.status === 'disconnected') return;
    // An inactive account keeps its subscription but is not refreshed until it is active again.
    // Counted from when this one was due, so a long clock jump still refreshes once per sandbox day.
    const due = Math.min(p.at ?? core.clock.now(), core.clock.now());
    if (accountAllows(account, 'refresh')) startRefresh(core, account, ['transactions'], due);
    const next = due + SUBSCRIPTION_PERIOD_SECONDS;
    core.scheduler.schedule(JOBS.dailyRefresh, next, { account: p.account, at: next });
  }, label('daily transaction refresh started', 'daily transaction refreshes started'));
}
