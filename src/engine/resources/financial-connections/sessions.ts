import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest, parameterMissing } from '../../errors.js';
import { newId, randomTail } from '../../ids.js';
import { insert } from '../treasury/common.js';
import { ACCOUNT_TYPE, loadSession, SESSION, type AccountHolder, type FcAccount, type FcSession } from './common.js';

const PREFETCH_PERMISSION: Record<string, string> = { balances: 'balances', ownership: 'ownership', transactions: 'transactions' };
const ACCOUNTS_URL = '/v1/financial_connections/accounts';

/** `account_holder` as Stripe checks it: the id its type names, and only that one. */
function accountHolder(p: Record<string, any>): AccountHolder {
  const h = p.account_holder as Record<string, string>;
  const other = h.type === 'customer' ? 'account' : 'customer';
  if (h[other] !== undefined) {
    throw invalidRequest(`You cannot pass account_holder[${other}] when account_holder[type] is \`${h.type}\`.`, `account_holder[${other}]`);
  }
  const id = h[h.type];
  if (id === undefined) throw parameterMissing(`account_holder[${h.type}]`);
  // Customers and connected accounts are not served here: an id of the right kind stands for one.
  const prefix = h.type === 'customer' ? 'cus_' : 'acct_';
  if (!id.startsWith(prefix)) {
    throw invalidRequest(`No such ${h.type}: '${id}'`, `account_holder[${h.type}]`, 'resource_missing');
  }
  return h.type === 'customer' ? { customer: id, type: 'customer' } : { account: id, type: 'account' };
}

function filtersOf(p: Record<string, any>): Record<string, unknown> {
  const f = (p.filters ?? {}) as Record<string, any>;
  const countries: string[] | undefined = f.countries ?? (f.country !== undefined ? [f.country] : undefined);
  for (const [i, c] of (countries ?? []).entries()) {
    if (!/^[A-Za-z]{2}$/.test(c)) throw invalidRequest(`Invalid country: ${c}; must be a two-letter ISO 3166-1 country code.`, f.countries ? `filters[countries][${i}]` : 'filters[country]');
  }
  return {
    account_subcategories: f.account_subcategories ?? null,
    country: f.country?.toUpperCase() ?? countries?.[0]?.toUpperCase() ?? null,
    ...(f.countries ? { countries: f.countries.map((c: string) => c.toUpperCase()) } : {}),
    ...(f.require_payment_method_support ? { require_payment_method_support: f.require_payment_method_support } : {}),
  };
}

function create(ctx: RequestContext): FcSession {
  const p = ctx.params;
  const core = ctx.core;
  const holder = accountHolder(p);
  const permissions: string[] = p.permissions;
  if (permissions.length === 0) throw parameterMissing('permissions');
  const prefetch: string[] | null = p.prefetch ?? null;
  for (const [i, f] of (prefetch ?? []).entries()) {
    if (!permissions.includes(PREFETCH_PERMISSION[f])) {
      throw invalidRequest(`You cannot prefetch \`${f}\` without requesting the \`${PREFETCH_PERMISSION[f]}\` permission.`, `prefetch[${i}]`);
    }
  }
  if (p.return_url !== undefined && !URL.canParse(p.return_url)) throw invalidRequest('Not a valid URL', 'return_url', 'url_invalid');
  if (p.limits && (p.limits.accounts < 1 || p.limits.accounts > 100)) {
    throw invalidRequest('limits[accounts] must be between 1 and 100.', 'limits[accounts]');
  }
  const id = newId('financial_connections.session');
  const session: FcSession = {
    id,
    object: SESSION,
    account_holder: holder,
    accounts: { object: 'list', data: [], has_more: false, url: ACCOUNTS_URL },
    client_secret: `${id}_secret_${randomTail(24)}`,
    filters: filtersOf(p),
    limits: { accounts: p.limits?.accounts ?? 100 },
    livemode: false,
    ...(p.manual_entry ? { manual_entry: { mode: p.manual_entry.mode ?? 'automatic' } } : {}),
    permissions: [...new Set(permissions)],
    prefetch: prefetch ? [...new Set(prefetch)] : null,
    ...(p.return_url !== undefined ? { return_url: p.return_url } : {}),
  };
  return insert(core, session, null);
}

/** The session with its linked accounts as they are now (refreshes change them after linking). */
export function sessionNow(core: EngineCore, session: FcSession): FcSession {
  const data = session.accounts.data.map((a) => core.store.get<FcAccount>(a.id, ACCOUNT_TYPE) ?? a);
  return { ...session, accounts: { ...session.accounts, data } };
}

/** Sessions: create, and retrieve with `accounts` filled once the flow completed. */
export const sessionOperations: Operation[] = [
  { method: 'POST', path: '/v1/financial_connections/sessions', handler: create },
  { method: 'GET', path: '/v1/financial_connections/sessions/{session}', handler: (ctx) => sessionNow(ctx.core, loadSession(ctx.core, ctx.path.session)) },
];
