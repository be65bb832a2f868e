import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { nextDeliveryAtMs } from '../../webhooks/queue.js';

/** The sandbox time (seconds) of the next scheduled job or webhook retry, if any. */
export function nextScheduledAt(core: EngineCore): number | undefined {
  const job = core.scheduler.nextRunAt();
  const deliveryMs = nextDeliveryAtMs(core);
  const delivery = deliveryMs === undefined ? undefined : Math.ceil(deliveryMs / 1000);
  const all = [job, delivery].filter((t): t is number => t !== undefined);
  return all.length ? Math.min(...all) : undefined;
}

function clockState(core: EngineCore) {
  return {
    now: core.clock.now(),
    offset_seconds: Math.round(core.clock.offsetMs() / 1000),
    next_scheduled_at: nextScheduledAt(core) ?? null,
  };
}

/** Moves the sandbox clock forward and runs what falls due, in order. */
export function advanceClock(core: EngineCore, seconds: number): void {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw invalidRequest('The sandbox clock only moves forward: seconds must be a non-negative number.', 'seconds');
  }
  core.clock.advance(seconds);
  core.scheduler.runDue();
  core.changes.publish({ kind: 'clock', now: core.clock.now() });
}

/** `GET /_counterfoil/clock`, `POST /_counterfoil/clock/advance` ({seconds} or {to_next: true}). */
export const clockControls: ControlRoute[] = [
  { method: 'GET', path: '/clock', handler: ({ core }) => clockState(core) },
  {
    method: 'POST',
    path: '/clock/advance',
    handler: ({ core, body }) => {
      let seconds = Number(body.seconds);
      if (body.to_next === true || body.to_next === 'true') {
        const next = nextScheduledAt(core);
        if (next === undefined) throw invalidRequest('Nothing is scheduled: there is no next time to jump to.');
        seconds = Math.max(0, next - core.clock.now());
      } else if (body.seconds === undefined) {
        throw invalidRequest('Missing required param: seconds.', 'seconds', 'parameter_missing');
      }
      advanceClock(core, seconds);
      return clockState(core);
    },
  },
];
