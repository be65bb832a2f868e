import { invalidRequest } from '../errors.js';
import type { EngineCore } from '../context.js';
import { objectSchema } from '../spec.js';
import type { StripeObject } from '../store/objects.js';

const MAX_DEPTH = 4;

/**
 * Computes an expandable field that is not a plain id (`flow_details`, `entries`).
 * For a field of a nested hash the key names its path from the object
 * (`identity.verification_session.verified_outputs.dob`) and the expander gets
 * that object, not the hash.
 */
export type Expander = (core: EngineCore, object: StripeObject) => unknown;

/** `type.field` (or `type.hash.field`) → expander, contributed by resource modules. */
export const expanders = new Map<string, Expander>();

function cannotExpand(field: string, prefix: string): never {
  throw invalidRequest(`This property cannot be expanded (${prefix}${field}).`, 'expand');
}

/** The nearest enclosing Stripe object of a nested hash, and the hash's path from it. */
interface Owner {
  object: StripeObject;
  path: string[];
}

function expandOne(core: EngineCore, value: unknown, segments: string[], prefix: string, owner?: Owner): unknown {
  if (segments.length === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => expandOne(core, item, segments, prefix, owner));
  const obj = value as StripeObject;
  const [field, ...rest] = segments;
  if (obj.object === 'list' && Array.isArray(obj.data)) {
    if (field !== 'data') {
      throw invalidRequest(
        `This property cannot be expanded (${prefix}${field}). You may want to try expanding 'data.${field}' instead.`,
        'expand',
      );
    }
    return { ...obj, data: obj.data.map((item) => expandOne(core, item, rest, `${prefix}data.`)) };
  }
  if (typeof obj.object !== 'string') {
    // A nested hash: only fields a module computes for it can be expanded.
    const custom = owner && expanders.get(`${owner.object.object}.${[...owner.path, field].join('.')}`);
    if (!custom) cannotExpand(field, prefix);
    const next = custom(core, owner!.object);
    return { ...obj, [field]: expandOne(core, next, rest, `${prefix}${field}.`, { object: owner!.object, path: [...owner!.path, field] }) };
  }
  const expandable = objectSchema(obj.object)?.['x-expandableFields'] ?? [];
  if (!expandable.includes(field)) cannotExpand(field, prefix);
  let next = obj[field];
  const custom = expanders.get(`${obj.object}.${field}`);
  if (custom) next = custom(core, obj);
  else if (typeof next === 'string') next = core.store.get(next) ?? next;
  return { ...obj, [field]: expandOne(core, next, rest, `${prefix}${field}.`, { object: obj, path: [field] }) };
}

/** Applies `expand[]` paths to a response, as Stripe does, up to four levels deep. */
export function expandResponse(core: EngineCore, body: unknown, paths: string[]): unknown {
  let out = body;
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) {
      throw invalidRequest(`You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`, 'expand');
    }
    out = expandOne(core, out, segments, '');
  }
  return out;
}
