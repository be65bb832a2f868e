import type { EngineCore } from '../../context.js';
import { allows } from '../treasury/transitions.js';
import { sandboxEmitter } from '../treasury/common.js';
import { IDENTITY_JOBS, finishSubmission, type Outcome } from './outcome.js';
import { finishRedaction } from './redaction.js';
import { SESSION, type VerificationSession } from './shape.js';
import { SESSION_STATES } from './transitions.js';

/** What the sandbox clock finishes for Identity: delayed submissions and redactions. */
export function registerIdentityJobs(core: EngineCore): void {
  const emit = sandboxEmitter(core);
  core.scheduler.on(IDENTITY_JOBS.finishSubmission, (p: { id: string } & Outcome) => {
    const vs = core.store.get<VerificationSession>(p.id, SESSION);
    // A control may have finished it already; a job must never throw.
    if (!vs || vs.status !== 'processing' || !allows(SESSION_STATES, vs, p.verified ? 'verify' : 'unverify')) return;
    finishSubmission(core, emit, vs, { verified: p.verified, code: p.code });
  });
  core.scheduler.on(IDENTITY_JOBS.finishRedaction, (p: { id: string }) => finishRedaction(core, emit, p.id));
}
