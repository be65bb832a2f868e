import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { REGISTRATION, insertObject, loadObject, saveObject } from './common.js';
import { requireCountry } from './location.js';
import { CA_PROVINCES, EU_COUNTRIES, US_STATES } from './regions.js';
import {
  REGISTRATION_CHANGES,
  refreshAll,
  refreshStatus,
  scheduleTicks,
  statusAt,
  type Registration,
} from './registration-status.js';
import { loadSettings } from './settings.js';

/** US registration types that name a local jurisdiction in their own sub-hash. */
const US_LOCAL_TYPES = new Set([
  'admissions_tax', 'attendance_tax', 'entertainment_tax', 'gross_receipts_tax', 'hospitality_tax', 'local_amusement_tax',
  'local_lease_tax', 'luxury_tax', 'mass_transit_parking_tax', 'parking_tax', 'resort_tax', 'tourism_tax', 'utility_users_tax',
]);
const EU_SCHEMES = new Set(['ioss', 'oss_union', 'oss_non_union']);

/**
 * What a registration registers for, as one key: two registrations with the
 * same key must not be in force at the same time.
 */
export function jurisdictionKey(reg: Pick<Registration, 'country' | 'country_options'>): string {
  const options = reg.country_options[reg.country.toLowerCase()] as Record<string, any>;
  const type = options.type as string;
  if (reg.country === 'US') {
    const local = US_LOCAL_TYPES.has(type) ? `:${options[type]?.jurisdiction}` : '';
    return `US:${options.state}:${type}${local}`;
  }
  if (reg.country === 'CA') return type === 'province_standard' ? `CA:${options.province_standard.province}:provincial` : 'CA:federal';
  if (EU_COUNTRIES.has(reg.country) && EU_SCHEMES.has(type)) return `EU:${type}`;
  return reg.country;
}

function time(value: 'now' | number, now: number): number {
  return value === 'now' ? now : value;
}

/** Checks the options hold exactly the registration country's entry, shaped for its type. */
function checkOptions(country: string, options: Record<string, any>): Record<string, any> {
  const key = country.toLowerCase();
  for (const other of Object.keys(options)) {
    if (other !== key) {
      throw invalidRequest(`country_options may only contain the options for the registration's country (${key}).`, `country_options[${other}]`);
    }
  }
  const mine = options[key];
  if (!mine) throw parameterMissing(`country_options[${key}]`);
  const param = `country_options[${key}]`;
  if (country === 'US') {
    const state = String(mine.state).toUpperCase();
    if (!US_STATES[state]) throw invalidRequest(`Invalid US state: '${mine.state}'. Use the state's two-letter code.`, `${param}[state]`);
    for (const sub of Object.keys(mine)) {
      if (sub === 'state' || sub === 'type') continue;
      if (sub !== mine.type) throw invalidRequest(`${param}[${sub}] can only be given when ${param}[type] is ${sub}.`, `${param}[${sub}]`);
    }
    if (US_LOCAL_TYPES.has(mine.type) && !mine[mine.type]?.jurisdiction) throw parameterMissing(`${param}[${mine.type}][jurisdiction]`);
    return { ...mine, state };
  }
  if (country === 'CA') {
    if (mine.type === 'province_standard') {
      const province = String(mine.province_standard?.province ?? '').toUpperCase();
      if (!mine.province_standard) throw parameterMissing(`${param}[province_standard][province]`);
      if (!CA_PROVINCES[province]) throw invalidRequest(`Invalid Canadian province: '${mine.province_standard.province}'.`, `${param}[province_standard][province]`);
      return { type: mine.type, province_standard: { province } };
    }
    if (mine.province_standard) throw invalidRequest(`${param}[province_standard] can only be given when ${param}[type] is province_standard.`, `${param}[province_standard]`);
    return { type: mine.type };
  }
  if (mine.standard && mine.type !== 'standard') {
    throw invalidRequest(`${param}[standard] can only be given when ${param}[type] is standard.`, `${param}[standard]`);
  }
  if (EU_COUNTRIES.has(country) && mine.type === 'standard') {
    return { type: 'standard', standard: { place_of_supply_scheme: mine.standard?.place_of_supply_scheme ?? 'standard' } };
  }
  return mine;
}

/** Refuses a registration whose time in force overlaps another's for the same jurisdiction. */
function checkNoOverlap(core: EngineCore, reg: Registration): void {
  const key = jurisdictionKey(reg);
  const end = (r: Registration) => r.expires_at ?? Number.POSITIVE_INFINITY;
  for (const other of core.store.iterate<Registration>(REGISTRATION)) {
    if (other.id === reg.id || other.status === 'expired' || jurisdictionKey(other) !== key) continue;
    if (reg.active_from < end(other) && other.active_from < end(reg)) {
      throw invalidRequest(
        `A registration for this jurisdiction is already ${other.status === 'active' ? 'active' : 'scheduled'} (${other.id}); end it with expires_at before adding another.`,
        'active_from',
      );
    }
  }
}

/** A timestamp expiry must follow the start; `now` may end a registration that has not begun. */
function checkTimes(reg: Registration, param: 'expires_at' | 'active_from', expiresNow = false): void {
  if (!expiresNow && reg.expires_at !== null && reg.expires_at < reg.active_from) {
    throw invalidRequest('expires_at must be after active_from.', param);
  }
}

function create(ctx: RequestContext): Registration {
  const { core, params: p } = ctx;
  if (!loadSettings(core).head_office) {
    throw invalidRequest(
      'You must set a head office address in your Tax Settings before adding a registration (POST /v1/tax/settings with head_office[address]).',
    );
  }
  const country = requireCountry(p.country, 'country');
  const now = core.clock.now();
  refreshAll(core);
  const reg: Registration = {
    id: newId('tax.registration'),
    object: REGISTRATION,
    active_from: time(p.active_from, now),
    country,
    country_options: { [country.toLowerCase()]: checkOptions(country, p.country_options) },
    created: now,
    expires_at: p.expires_at ?? null,
    livemode: false,
    status: 'scheduled',
  };
  if (reg.expires_at !== null && reg.expires_at <= now) throw invalidRequest('expires_at must be in the future.', 'expires_at');
  reg.status = statusAt(reg, now);
  checkTimes(reg, 'expires_at');
  checkNoOverlap(core, reg);
  insertObject(core, reg);
  scheduleTicks(core, reg);
  return reg;
}

function update(ctx: RequestContext): Registration {
  const { core, params: p } = ctx;
  const now = core.clock.now();
  const reg = refreshStatus(core, loadObject<Registration>(core, REGISTRATION, ctx.path.id, 'tax registration'));
  const allowed = REGISTRATION_CHANGES[reg.status];
  const next: Registration = { ...reg };
  if (p.active_from !== undefined) {
    if (!allowed.active_from) throw invalidRequest(`active_from can only be changed while the registration is scheduled; this one is ${reg.status}.`, 'active_from');
    next.active_from = time(p.active_from, now);
  }
  if (p.expires_at !== undefined) {
    if (!allowed.expires_at) throw invalidRequest(`This registration has expired; its expires_at can no longer change.`, 'expires_at');
    if (typeof p.expires_at === 'number' && p.expires_at < now) {
      throw invalidRequest('expires_at must be in the future; pass `now` to end the registration now.', 'expires_at');
    }
    next.expires_at = p.expires_at === '' ? null : time(p.expires_at, now);
  }
  next.status = statusAt(next, now);
  checkTimes(next, p.expires_at !== undefined ? 'expires_at' : 'active_from', p.expires_at === 'now');
  refreshAll(core);
  checkNoOverlap(core, next);
  saveObject(core, next);
  scheduleTicks(core, next);
  return next;
}

function list(ctx: RequestContext) {
  refreshAll(ctx.core);
  const status = ctx.params.status;
  const where = status && status !== 'all' ? { status } : undefined;
  return listObjects(ctx, REGISTRATION, '/v1/tax/registrations', where ? { where } : {});
}

/** Tax registrations: create, update (times only), retrieve, list; never deleted. */
export const registrationOperations: Operation[] = [
  { method: 'POST', path: '/v1/tax/registrations', handler: create },
  { method: 'GET', path: '/v1/tax/registrations', handler: list },
  {
    method: 'GET',
    path: '/v1/tax/registrations/{id}',
    handler: (ctx) => refreshStatus(ctx.core, loadObject<Registration>(ctx.core, REGISTRATION, ctx.path.id, 'tax registration')),
  },
  { method: 'POST', path: '/v1/tax/registrations/{id}', handler: update },
];
