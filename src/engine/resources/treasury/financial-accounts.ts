import { currencyExponent } from '../../money.js';
import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import { emptyBalance, isZeroBalance } from '../../ledger/impact.js';
import { applyMetadata } from '../../metadata.js';
import { ensureAbaAddress } from './aba.js';
import { FINANCIAL_ACCOUNT_STATES, transition } from './transitions.js';
import { insert, load, previousAttributes, requestEmitter, save, type Emit } from './common.js';
import {
  FEATURES,
  featuresObject,
  requestedFeatures,
  withFeatures,
  type FeatureName,
  type FinancialAccount,
} from './financial-account-shape.js';

export const FA = 'treasury.financial_account';

/** Loads a FinancialAccount named by a param, or Stripe's 404. */
export function loadAccount(core: EngineCore, id: string, param = 'financial_account'): FinancialAccount {
  return load<FinancialAccount>(core, FA, id, 'financial account', param);
}

/** Checks that the account exists without reading it: list filters need nothing more. */
export function requireAccount(core: EngineCore, id: string, param = 'financial_account'): void {
  if (!core.store.exists(id, FA)) throw resourceMissing('financial account', id, param);
}

/** A Treasury list's check of its `financial_account`, which the list runs only when its page is empty (http/list.ts). */
export function listedAccountExists(ctx: RequestContext): () => void {
  return () => requireAccount(ctx.core, ctx.params.financial_account);
}

/** Loads an account that must still be open (flows cannot touch a closed one). */
export function loadOpenAccount(core: EngineCore, id: string, param = 'financial_account'): FinancialAccount {
  const fa = loadAccount(core, id, param);
  if (fa.status !== 'open') throw invalidRequest(`The FinancialAccount ${id} is closed.`, param);
  return fa;
}

function currencies(values: string[]): string[] {
  const out = [...new Set(values.map((v) => v.toLowerCase()))];
  if (out.length === 0) throw invalidRequest('supported_currencies must name at least one currency.', 'supported_currencies');
  for (const c of out) {
    if (!/^[a-z]{3}$/.test(c) || currencyExponent(c) === undefined) {
      throw invalidRequest(`Invalid currency: ${c}. Stripe supports three-letter ISO currency codes.`, 'supported_currencies');
    }
  }
  return out;
}

/** The requested feature list after applying a `features` param (`{requested: bool}` leaves). */
function applyFeatureParams(current: FeatureName[], param: Record<string, any> | undefined): FeatureName[] {
  if (!param) return current;
  const next = new Set(current);
  for (const f of FEATURES) {
    const leaf = f.path.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), param);
    if (leaf?.requested === true) next.add(f.name);
    if (leaf?.requested === false) next.delete(f.name);
  }
  return FEATURES.map((f) => f.name).filter((n) => next.has(n));
}

/** Recomputes features and the ABA address after a change, emitting features_status_updated if they moved. */
export function refreshFeatures(core: EngineCore, before: FinancialAccount, after: FinancialAccount, requested: FeatureName[], emit: Emit): FinancialAccount {
  let next = withFeatures(after, requested);
  if (requested.includes('financial_addresses.aba') && next.financial_addresses.length === 0) {
    next = { ...next, financial_addresses: [ensureAbaAddress(core, next.id)] };
  }
  const moved = ['active_features', 'pending_features', 'restricted_features'].some(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]),
  );
  if (moved) {
    emit('treasury.financial_account.features_status_updated', next, previousAttributes(before, next));
  }
  return next;
}

function create(ctx: RequestContext): FinancialAccount {
  const p = ctx.params;
  const supported = currencies(p.supported_currencies);
  const base: FinancialAccount = {
    id: newId('treasury.financial_account'),
    object: FA,
    active_features: [],
    balance: emptyBalance(supported),
    country: 'US',
    created: ctx.core.clock.now(),
    financial_addresses: [],
    livemode: false,
    metadata: applyMetadata({}, p.metadata),
    nickname: p.nickname || null,
    pending_features: [],
    platform_restrictions: {
      inbound_flows: p.platform_restrictions?.inbound_flows ?? 'unrestricted',
      outbound_flows: p.platform_restrictions?.outbound_flows ?? 'unrestricted',
    },
    restricted_features: [],
    status: 'open',
    status_details: { closed: null },
    supported_currencies: supported,
  };
  insert(ctx.core, base, base.id);
  ctx.emit('treasury.financial_account.created', base);
  const requested = applyFeatureParams([], p.features);
  if (requested.length === 0) return base;
  return save(ctx.core, refreshFeatures(ctx.core, base, base, requested, requestEmitter(ctx)));
}

function update(ctx: RequestContext): FinancialAccount {
  const p = ctx.params;
  const before = loadAccount(ctx.core, ctx.path.financial_account, 'financial_account');
  if (before.status === 'closed' && (p.features || p.platform_restrictions)) {
    throw invalidRequest(`The FinancialAccount ${before.id} is closed; its features and restrictions can no longer change.`);
  }
  let next: FinancialAccount = { ...before, metadata: applyMetadata(before.metadata ?? {}, p.metadata) };
  if (p.nickname !== undefined) next.nickname = p.nickname === '' ? null : p.nickname;
  if (p.platform_restrictions) next.platform_restrictions = { ...next.platform_restrictions, ...p.platform_restrictions };
  next = refreshFeatures(ctx.core, before, next, applyFeatureParams(requestedFeatures(before), p.features), requestEmitter(ctx));
  return save(ctx.core, next);
}

function updateFeatures(ctx: RequestContext): Record<string, unknown> {
  const before = loadAccount(ctx.core, ctx.path.financial_account, 'financial_account');
  if (before.status === 'closed') throw invalidRequest(`The FinancialAccount ${before.id} is closed; its features can no longer change.`);
  const requested = applyFeatureParams(requestedFeatures(before), ctx.params);
  return featuresObject(save(ctx.core, refreshFeatures(ctx.core, before, before, requested, requestEmitter(ctx))));
}

function close(ctx: RequestContext): FinancialAccount {
  const before = loadAccount(ctx.core, ctx.path.financial_account, 'financial_account');
  const status = transition(FINANCIAL_ACCOUNT_STATES, 'FinancialAccount', before, 'close');
  if (!isZeroBalance(before.balance)) {
    throw invalidRequest(
      `The FinancialAccount ${before.id} cannot be closed because its balance is not zero (${JSON.stringify(before.balance)}). Move the funds out and wait for pending flows to settle first.`,
    );
  }
  const pending = ctx.core.store.list('treasury.inbound_transfer', { limit: 1, owner: before.id, where: { status: 'processing' } });
  if (pending.data.length > 0) {
    throw invalidRequest(`The FinancialAccount ${before.id} cannot be closed while it has pending InboundTransfers (${pending.data[0].id}).`);
  }
  const closed: FinancialAccount = { ...before, status, status_details: { closed: { reasons: ['closed_by_platform'] } } };
  const next = refreshFeatures(ctx.core, before, closed, requestedFeatures(before), requestEmitter(ctx));
  save(ctx.core, next);
  ctx.emit('treasury.financial_account.closed', next, previousAttributes(before, next));
  return next;
}

function list(ctx: RequestContext) {
  const where = ctx.params.status !== undefined ? { status: ctx.params.status as string } : undefined;
  return listObjects(ctx, FA, '/v1/treasury/financial_accounts', { where });
}

const BASE = '/v1/treasury/financial_accounts';

/** FinancialAccount operations: create, retrieve, update, list, close and the features sub-resource. */
export const financialAccountOperations: Operation[] = [
  { method: 'POST', path: BASE, handler: create },
  { method: 'GET', path: BASE, handler: list },
  { method: 'GET', path: `${BASE}/{financial_account}`, handler: (ctx) => loadAccount(ctx.core, ctx.path.financial_account, 'financial_account') },
  { method: 'POST', path: `${BASE}/{financial_account}`, handler: update },
  { method: 'POST', path: `${BASE}/{financial_account}/close`, handler: close },
  {
    method: 'GET',
    path: `${BASE}/{financial_account}/features`,
    handler: (ctx) => featuresObject(loadAccount(ctx.core, ctx.path.financial_account, 'financial_account')),
  },
  { method: 'POST', path: `${BASE}/{financial_account}/features`, handler: updateFeatures },
];
