import { invalidRequest } from '../errors.js';
import type { EngineCore } from '../context.js';
import { objectSchema } from '../spec.js';
import type { StripeObject } from '../store/objects.js';

const MAX_DEPTH = 4;

/** Computes an expandable field that is not a plain id (`flow_details`, `entries`). */
export type Expander = (core: EngineCore, object: StripeObject) => unknown;

/** `type.field` → expander, contributed by resource modules. */
export const expanders = new Map<string, Expander>();

function cannotExpand(field: string, prefix: string): never {
  throw invalidRequest(`This property cannot be expanded (${prefix}${field}).`, 'expand');
}

function expandOne(core: EngineCore, value: unknown, segments: string[], prefix: string): unknown {
  if (segments.length === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => expandOne(core, item, segments, prefix));
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
  const expandable = objectSchema(obj.object)?.['x-expandableFields'] ?? [];
  if (!expandable.includes(field)) cannotExpand(field, prefix);
  let next = obj[field];
  const custom = expanders.get(`${obj.object}.${field}`);
  if (custom) next = custom(core, obj);
  else if (typeof next === 'string') next = core.store.get(next) ?? next;
  return { ...obj, [field]: expandOne(core, next, rest, `${prefix}${field}.`) };
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
