import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { StripeError, invalidRequest } from '../../errors.js';
import type { StripeObject } from '../../store/objects.js';
import { previousAttributes } from '../treasury/common.js';
import { SETTINGS, insertObject, saveObject, storedAddress, type Address } from './common.js';
import { resolveLocation } from './location.js';
import { isTaxCode } from './product-tax-codes.js';

export type TaxSettings = {
  object: 'tax.settings';
  defaults: { provider: 'stripe'; tax_behavior: 'exclusive' | 'inclusive' | 'inferred_by_currency' | null; tax_code: string | null };
  head_office: { address: Address } | null;
  livemode: false;
  status: 'active' | 'pending';
  status_details: { active?: Record<string, never>; pending?: { missing_fields: string[] | null } };
};

/** The settings are one object per sandbox; the store keys it by this id, which the API never shows. */
export const SETTINGS_ID = 'taxsettings_sandbox';

type Stored = TaxSettings & { id: string };

function initial(): Stored {
  return {
    id: SETTINGS_ID,
    object: SETTINGS,
    defaults: { provider: 'stripe', tax_behavior: null, tax_code: null },
    head_office: null,
    livemode: false,
    status: 'pending',
    status_details: { pending: { missing_fields: ['head_office'] } },
  };
}

/** The status follows from what is set: calculations need a head office. */
function withStatus(s: Stored): Stored {
  const missing = s.head_office ? [] : ['head_office'];
  return missing.length
    ? { ...s, status: 'pending', status_details: { pending: { missing_fields: missing } } }
    : { ...s, status: 'active', status_details: { active: {} } };
}

/** The sandbox's Tax Settings as stored (with the store's key). */
export function loadSettings(core: EngineCore): Stored {
  return core.store.get<Stored>(SETTINGS_ID, SETTINGS) ?? initial();
}

/** The settings as the API shows them: no id. */
export function publicSettings(s: Stored): TaxSettings {
  const { id: _id, ...rest } = s;
  return rest;
}

/** The head office must be placeable like a customer address; the error is a plain invalid request. */
function placeHeadOffice(address: Record<string, string>) {
  try {
    return resolveLocation(address, 'head_office[address]');
  } catch (err) {
    if (err instanceof StripeError) throw invalidRequest(err.body.message.replace("the customer's", "the head office's"), err.body.param);
    throw err;
  }
}

function update(ctx: RequestContext): TaxSettings {
  const { core, params: p } = ctx;
  const exists = core.store.get<Stored>(SETTINGS_ID, SETTINGS) !== undefined;
  const before = loadSettings(core);
  const next: Stored = structuredClone(before);
  if (p.defaults) {
    if (p.defaults.tax_code !== undefined && !isTaxCode(p.defaults.tax_code)) {
      throw invalidRequest(`Invalid tax code: '${p.defaults.tax_code}'. Tax codes look like txcd_99999999.`, 'defaults[tax_code]');
    }
    if (p.defaults.tax_behavior !== undefined) next.defaults.tax_behavior = p.defaults.tax_behavior;
    if (p.defaults.tax_code !== undefined) next.defaults.tax_code = p.defaults.tax_code;
  }
  if (p.head_office) {
    const address = p.head_office.address ?? {};
    if (!address.country) throw invalidRequest('Missing required param: head_office[address][country].', 'head_office[address][country]', 'parameter_missing');
    const place = placeHeadOffice(address);
    next.head_office = { address: storedAddress(address, place.country) };
  }
  const after = withStatus(next);
  const prev = previousAttributes(publicSettings(before) as unknown as Record<string, unknown>, publicSettings(after) as unknown as Record<string, unknown>);
  if (!exists) insertObject(core, after);
  else if (Object.keys(prev).length > 0) saveObject(core, after);
  if (Object.keys(prev).length > 0) {
    core.emitEvent('tax.settings.updated', publicSettings(after) as unknown as StripeObject, {
      previousAttributes: prev,
      request: ctx.request,
      owner: SETTINGS_ID,
    });
  }
  return publicSettings(after);
}

/** Tax Settings: retrieve and update (values change but are never removed). */
export const settingsOperations: Operation[] = [
  { method: 'GET', path: '/v1/tax/settings', handler: (ctx) => publicSettings(loadSettings(ctx.core)) },
  { method: 'POST', path: '/v1/tax/settings', handler: update },
];
