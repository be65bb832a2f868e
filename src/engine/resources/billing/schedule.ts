import type { EngineCore } from '../../context.js';
import { label, type JobLabel } from '../../scheduler.js';
import { allows } from '../treasury/transitions.js';
import { JOBS } from './jobs.js';
import { cancelSubscription, endTrial, renew } from './subscription-flow.js';
import { SUBSCRIPTION_TYPE, type Subscription } from './subscription-shape.js';
import { SUBSCRIPTION } from './transitions.js';

/**
 * What happens when the sandbox clock passes a subscription's period end. The
 * job names the end it was set for: a job made stale by an update (the period
 * moved) does nothing. Time comes from the period, not from now, so a clock
 * jumped past several periods rolls through each of them in turn.
 */
export function registerBillingJobs(core: EngineCore): void {
  core.scheduler.on(JOBS.periodEnd, (p: { id: string; at: number }) => {
    const sub = core.store.get<Subscription>(p.id, SUBSCRIPTION_TYPE);
    if (!sub || sub.current_period_end !== p.at || !allows(SUBSCRIPTION, sub, 'update')) return;
    if (sub.cancel_at_period_end) cancelSubscription(core, null, sub, p.at, 'cancellation_requested');
    else if (sub.status === 'trialing') endTrial(core, null, sub, p.at);
    else renew(core, null, sub, p.at);
  }, (p: { id: string; at: number }) => labelOf(core.store.get<Subscription>(p.id, SUBSCRIPTION_TYPE), p.at));
}

/** What an advance reports for a period end, read once the job ran. */
function labelOf(sub: Subscription | undefined, at: number): JobLabel {
  if (sub?.status === 'canceled' && sub.ended_at === at) return label('subscription canceled at period end', 'subscriptions canceled at period end');
  if (sub?.trial_end === at && sub.current_period_start === at) return label('subscription trial ended', 'subscription trials ended');
  return label('subscription renewed', 'subscriptions renewed');
}
