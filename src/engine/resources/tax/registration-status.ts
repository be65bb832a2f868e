import type { EngineCore } from '../../context.js';
import { REGISTRATION, saveObject } from './common.js';

export type RegistrationStatus = 'scheduled' | 'active' | 'expired';

export type Registration = {
  id: string;
  object: 'tax.registration';
  active_from: number;
  country: string;
  country_options: Record<string, Record<string, unknown>>;
  created: number;
  expires_at: number | null;
  livemode: false;
  status: RegistrationStatus;
};

/**
 * A registration's status is a function of the sandbox clock: scheduled until
 * `active_from`, active until `expires_at`, expired after. The table of what
 * each status may still change is the state machine the handlers and the
 * UI's buttons both read.
 */
export function statusAt(reg: Pick<Registration, 'active_from' | 'expires_at'>, now: number): RegistrationStatus {
  if (reg.expires_at !== null && reg.expires_at <= now) return 'expired';
  return reg.active_from <= now ? 'active' : 'scheduled';
}

/** What an update may change in each status. */
export const REGISTRATION_CHANGES: Record<RegistrationStatus, { active_from: boolean; expires_at: boolean }> = {
  scheduled: { active_from: true, expires_at: true },
  active: { active_from: false, expires_at: true },
  expired: { active_from: false, expires_at: false },
};

/** The scheduler job that refreshes a registration's status when the clock reaches one of its times. */
export const REGISTRATION_TICK = 'tax.registration.tick';

/** Schedules the status changes still ahead of a registration. */
export function scheduleTicks(core: EngineCore, reg: Registration): void {
  core.scheduler.cancel(REGISTRATION_TICK, (p: { id: string }) => p.id === reg.id);
  const now = core.clock.now();
  for (const at of [reg.active_from, reg.expires_at]) {
    if (at !== null && at > now) core.scheduler.schedule(REGISTRATION_TICK, at, { id: reg.id });
  }
}

/** Brings a stored registration's status up to the clock; Stripe emits no event for it. */
export function refreshStatus(core: EngineCore, reg: Registration): Registration {
  const status = statusAt(reg, core.clock.now());
  if (status === reg.status) return reg;
  return saveObject(core, { ...reg, status });
}

/** Registers the job that moves registrations along as the sandbox clock passes their times. */
export function registerRegistrationJobs(core: EngineCore): void {
  core.scheduler.on(REGISTRATION_TICK, (p: { id: string }) => {
    const reg = core.store.get<Registration>(p.id, REGISTRATION);
    if (reg) refreshStatus(core, reg);
  });
}

/** Refreshes every registration not yet expired (a handful per sandbox), before reads that filter on status. */
export function refreshAll(core: EngineCore): void {
  for (const reg of [...core.store.iterate<Registration>(REGISTRATION)]) {
    if (reg.status !== 'expired') refreshStatus(core, reg);
  }
}
