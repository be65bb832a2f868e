import type { EngineCore } from '../../context.js';
import { resourceMissing } from '../../errors.js';
import type { StripeObject } from '../../store/objects.js';

export const CALCULATION = 'tax.calculation';
export const CALCULATION_LINE_ITEM = 'tax.calculation_line_item';
export const REGISTRATION = 'tax.registration';
export const TRANSACTION = 'tax.transaction';
export const TRANSACTION_LINE_ITEM = 'tax.transaction_line_item';
export const SETTINGS = 'tax.settings';

/** Calculations can be used for 90 days on the sandbox clock. */
export const CALCULATION_LIFETIME_SECONDS = 90 * 24 * 3600;
/** `tax_date` may lie up to 31 days either side of now. */
export const TAX_DATE_WINDOW_SECONDS = 31 * 24 * 3600;

export type Address = {
  city: string | null;
  country: string;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
};

/** An address param as Stripe stores it: every field present, null when not given. */
export function storedAddress(a: Record<string, string | undefined>, country: string): Address {
  const v = (k: string) => (a[k] === undefined || a[k] === '' ? null : a[k]!);
  return { city: v('city'), country, line1: v('line1'), line2: v('line2'), postal_code: v('postal_code'), state: v('state') };
}

/** Inserts a new Tax object and tells the UI. */
export function insertObject<T extends StripeObject>(core: EngineCore, obj: T, owner: string | null = null): T {
  core.store.insert(obj, owner);
  core.changes.publish({ kind: 'object', type: obj.object, id: obj.id });
  return obj;
}

/** Stores a changed Tax object and tells the UI. */
export function saveObject<T extends StripeObject>(core: EngineCore, obj: T): T {
  core.store.update(obj);
  core.changes.publish({ kind: 'object', type: obj.object, id: obj.id });
  return obj;
}

/** Loads an object or fails with Stripe's 404. */
export function loadObject<T extends StripeObject>(core: EngineCore, type: string, id: string, human: string, param = 'id'): T {
  const obj = core.store.get<T>(id, type);
  if (!obj) throw resourceMissing(human, id, param);
  return obj;
}
