import qs from 'qs';

const PARAMETER_LIMIT = 10_000;
// Stripe's clients send arrays as a[0]=x (or a[]=x); a high arrayLimit keeps
// long arrays arrays instead of qs turning them into objects.
const QS_OPTIONS: qs.IParseOptions = { arrayLimit: 1000, depth: 12, parameterLimit: PARAMETER_LIMIT };
// A key named like a property of every object (`metadata[constructor]`, a top-level `toString`)
// is a key like any other to Stripe, kept in a map and refused where the operation has no such
// param. qs drops those unless it builds objects without a prototype, which are slower to make
// and to read, so it does that only for a form that may hold one, and `ordinary` turns them back
// into plain objects. `__proto__` qs drops whatever it is told, so its decoder hands qs that key
// (or segment) under another name, PROTO_KEY, and `ordinary` makes it an own key again.
const QS_PROTOTYPE_KEYS: qs.IParseOptions = {
  ...QS_OPTIONS,
  plainObjects: true,
  allowPrototypes: true,
  decoder: (text, decode, charset, type) => {
    const decoded = decode(text, decode, charset) as string;
    return type === 'key' && decoded.includes('__proto__') ? decoded.replace(PROTO_SEGMENT, `$1${PROTO_KEY}`) : decoded;
  },
};
// No decoded form holds a lone surrogate: decodeURIComponent refuses one, and a body is read as UTF-8.
const PROTO_KEY = '\uD800proto';
// `__proto__` as the key's first segment or a bracketed one (qs splits keys at brackets).
const PROTO_SEGMENT = /(^|\[)__proto__(?=$|[[\]])/g;
const PROTOTYPE_KEY = new RegExp(
  `(?:^|[&[\\]])(?:${Object.getOwnPropertyNames(Object.prototype).join('|')})(?:[&=[\\]]|$)`,
);

// qs reads a bracket written out or percent-encoded.
const BRACKETS = /[[\]]|%5[bd]/i;

/** Parses a form-encoded body or query string with Stripe's bracket syntax. */
export function parseForm(text: string): Record<string, unknown> {
  const flat = flatForm(text);
  if (flat) return flat;
  if (!mayNamePrototypeKey(text)) return qs.parse(text, QS_OPTIONS) as Record<string, unknown>;
  return ordinary(qs.parse(text, QS_PROTOTYPE_KEYS)) as Record<string, unknown>;
}

/** Whether a key (or a key's segment) of the form may be named like a property of every object. */
function mayNamePrototypeKey(text: string): boolean {
  if (PROTOTYPE_KEY.test(text)) return true;
  if (!text.includes('%')) return false;
  try {
    return PROTOTYPE_KEY.test(decodeURIComponent(text));
  } catch {
    // Escapes that are not UTF-8: qs leaves them as sent, and the careful way costs only time.
    return true;
  }
}

/** qs's objects without a prototype, as plain objects (every key an own property, as qs made it). */
function ordinary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordinary);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = ordinary((value as Record<string, unknown>)[key]);
    // Where qs kept a renamed segment inside a longer key (`[[__proto__]`), it is named back too.
    const name = key.includes(PROTO_KEY) ? key.replaceAll(PROTO_KEY, '__proto__') : key;
    setOwn(out, name, item);
  }
  return out;
}

/** Sets an own key, `__proto__` included: assigning that one would set the object's prototype instead. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A form without brackets (`limit=10&financial_account=fa_…`, most queries), parsed to what qs
 * makes of it without qs's general machinery, which was a tenth of what a list cost. Undefined
 * where qs has more to do: brackets, a key given twice (qs makes an array), more pairs than its limit.
 */
function flatForm(text: string): Record<string, unknown> | undefined {
  if (BRACKETS.test(text)) return undefined;
  const out: Record<string, unknown> = {};
  if (text === '') return out;
  const parts = text.split('&');
  if (parts.length > PARAMETER_LIMIT) return undefined;
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = decoded(eq === -1 ? part : part.slice(0, eq));
    // qs drops an empty key; `__proto__` takes the careful way (QS_PROTOTYPE_KEYS).
    if (key === '__proto__') return undefined;
    if (key === '') continue;
    if (Object.hasOwn(out, key)) return undefined;
    out[key] = eq === -1 ? '' : decoded(part.slice(eq + 1));
  }
  return out;
}

/** qs's decoding: `+` is a space, then percent escapes; text that is not valid UTF-8 escapes stays as sent. */
function decoded(text: string): string {
  if (!text.includes('%')) return text.includes('+') ? text.replace(/\+/g, ' ') : text;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Encodes params the way Stripe's SDKs do (for curl lines and tests). */
export function encodeForm(params: Record<string, unknown>): string {
  return qs.stringify(params, { arrayFormat: 'indices' });
}
