import type { EngineCore } from '../../context.js';
import { sandboxEmitter } from '../treasury/common.js';
import { allows } from '../treasury/transitions.js';
import { DELIVER_JOB, advance } from './advance.js';
import { ONRAMP_SESSION, type OnrampSession } from './shape.js';
import { ONRAMP_STATES } from './transitions.js';

/** Delivery confirms on the sandbox clock after payment, unless a control confirmed it first. */
export function registerCryptoJobs(core: EngineCore): void {
  const emit = sandboxEmitter(core);
  core.scheduler.on(DELIVER_JOB, (p: { id: string }) => {
    const session = core.store.get<OnrampSession>(p.id, ONRAMP_SESSION);
    if (session && allows(ONRAMP_STATES, session, 'fulfillment_complete')) advance(core, emit, session, 'fulfillment_complete');
  });
}
