import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvPackage from 'ajv/package.json';
import {
  StripeError,
  invalidEmpty,
  invalidInteger,
  invalidRequest,
  parameterMissing,
  parameterUnknown,
} from '../errors.js';
import { paramsSchema, type Schema } from '../spec.js';
import { setOwn } from './form.js';
import { ValidatorCache } from './validator-cache.js';

// The schemas are the vendored description's own, so they are not validated against JSON Schema's meta-schema on
// compile: that compiled the meta-schema on the first request, ~20 ms of every start. `code.source` keeps the
// generated code, for the cache on disk.
const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false, validateSchema: false, code: { source: true } };
const ajv = new Ajv(AJV_OPTIONS);
const compiled = new Map<string, { schema: Schema; validate: ValidateFunction }>();

const AJV_VERSION = ajvPackage.version;
let disk: ValidatorCache | null | undefined;

/**
 * Where compiled validators persist: beside the command's code cache (COUNTERFOIL_COMPILE_CACHE,
 * which the command sets), else nowhere. Read on the first compile.
 */
function diskCache(): ValidatorCache | null {
  if (disk === undefined) {
    const dir = process.env.COUNTERFOIL_COMPILE_CACHE;
    disk = dir && dir !== 'off' ? new ValidatorCache(join(dir, 'validators'), `ajv ${AJV_VERSION} ${JSON.stringify(AJV_OPTIONS)}`) : null;
  }
  return disk;
}

function validatorFor(method: string, template: string) {
  const key = `${method} ${template}`;
  let entry = compiled.get(key);
  if (!entry) {
    const schema = closedObjects(paramsSchema(method, template));
    entry = { schema, validate: diskCache()?.compile(ajv, schema) ?? ajv.compile(schema) };
    compiled.set(key, entry);
  }
  return entry;
}

/**
 * The params schema with every object that names its properties closed to others. The
 * description says `additionalProperties: false` only at the top of a request; Stripe refuses an
 * unknown key at any depth (`features[bogus]`: "Received unknown parameter: features[bogus]").
 * Objects that say what else they take (metadata: any key, a string each) are left as they are.
 */
function closedObjects(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, closedObjects(v)]));
    if (schema.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (schema.items) out.items = closedObjects(schema.items);
  if (schema.anyOf) out.anyOf = schema.anyOf.map(closedObjects);
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = closedObjects(schema.additionalProperties);
  return out;
}

/** Stripe's name of a nested param: `a[b][0]`. */
export function paramName(path: (string | number)[]): string {
  return path.map((p, i) => (i === 0 ? String(p) : `[${p}]`)).join('');
}

function allowsEmpty(schema: Schema): boolean {
  if (schema.enum?.includes('')) return true;
  return (schema.anyOf ?? []).some(allowsEmpty);
}

function branches(schema: Schema): Schema[] {
  return schema.anyOf ? schema.anyOf.flatMap(branches) : [schema];
}

/** A schema's param of that name; never what every object inherits (a param sent as `constructor`). */
function ownProperty(properties: Record<string, Schema> | undefined, key: string): Schema | undefined {
  return properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
}

/**
 * Turns form strings into the types the schema wants (integers, booleans,
 * arrays sent as `a[0]=…`), rejecting empty strings where nothing may be unset.
 */
function coerce(value: unknown, schema: Schema, path: (string | number)[], inMap = false): unknown {
  const options = branches(schema);
  if (value === '') {
    if (inMap || allowsEmpty(schema)) return value;
    throw invalidEmpty(paramName(path));
  }
  if (typeof value === 'string') {
    // Typed branches first: `anyOf: [{enum: ['now']}, {type: 'integer'}]` must read "1767225600" as a number.
    for (const o of options) {
      if ((o.type === 'integer' || o.type === 'number') && /^-?\d+$/.test(value)) {
        // Stripe's integers are 64-bit: past that the value is no integer at all.
        if (o.type === 'integer' && !fitsInt64(value)) throw invalidInteger(paramName(path), value);
        return Number(value);
      }
      if (o.type === 'number' && /^-?\d*\.\d+$/.test(value)) return Number(value);
      // .NET and older Python clients send True / False.
      if (o.type === 'boolean' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    }
    return value;
  }
  if (Array.isArray(value)) {
    const arr = options.find((o) => o.type === 'array');
    if (!arr?.items) return value;
    return value.map((v, i) => coerce(v, arr.items as Schema, [...path, i]));
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const arr = options.find((o) => o.type === 'array');
    const keys = Object.keys(obj);
    if (arr?.items && keys.every((k) => /^\d+$/.test(k))) {
      return keys
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => coerce(obj[k], arr.items as Schema, [...path, Number(k)]));
    }
    const target = options.find((o) => o.type === 'object');
    if (!target) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const prop = ownProperty(target.properties, k);
      const extra = typeof target.additionalProperties === 'object' ? target.additionalProperties : undefined;
      setOwn(out, k, prop ? coerce(v, prop, [...path, k]) : extra ? coerce(v, extra, [...path, k], true) : v);
    }
    return out;
  }
  return value;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function fitsInt64(digits: string): boolean {
  const n = BigInt(digits);
  return n >= INT64_MIN && n <= INT64_MAX;
}

function jsonPointerToPath(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, path: string[]): unknown {
  let v: unknown = root;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function joinList(values: unknown[]): string {
  const strs = values.filter((v) => v !== '').map(String);
  if (strs.length <= 1) return strs.join('');
  return `${strs.slice(0, -1).join(', ')}, or ${strs[strs.length - 1]}`;
}

const PRIORITY: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, type: 3, maxLength: 4 };

/** Picks the error a Stripe user would see first: the deepest, most specific one. */
function toStripeError(errors: ErrorObject[], params: unknown): StripeError {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  useful.sort((a, b) => {
    const da = a.instancePath.split('/').length;
    const db = b.instancePath.split('/').length;
    if (da !== db) return db - da;
    const pa = a.keyword === 'type' && a.params.type === 'integer' ? 2.5 : (PRIORITY[a.keyword] ?? 9);
    const pb = b.keyword === 'type' && b.params.type === 'integer' ? 2.5 : (PRIORITY[b.keyword] ?? 9);
    return pa - pb;
  });
  const e = useful[0] ?? errors[0];
  const path = jsonPointerToPath(e.instancePath);
  const value = valueAt(params, path);
  switch (e.keyword) {
    case 'required':
      return parameterMissing(paramName([...path, e.params.missingProperty as string]));
    case 'additionalProperties':
      return parameterUnknown(paramName([...path, e.params.additionalProperty as string]));
    case 'enum':
      return invalidRequest(
        `Invalid ${paramName(path)}: must be one of ${joinList(e.params.allowedValues as unknown[])}`,
        paramName(path),
      );
    case 'maxLength':
      return invalidRequest(
        `Invalid string: ${String(value).slice(0, 20)}...; must be at most ${e.params.limit} characters`,
        paramName(path),
        'parameter_invalid_string_length',
      );
    case 'type': {
      const name = paramName(path);
      switch (e.params.type) {
        case 'integer':
          return invalidInteger(name, typeof value === 'object' ? JSON.stringify(value) : value);
        case 'boolean':
          return invalidRequest(`Invalid boolean: ${String(value)}`, name);
        case 'object':
          return invalidRequest('Invalid hash', name);
        case 'array':
          return invalidRequest('Invalid array', name);
        case 'number':
          return invalidRequest(`Invalid decimal: ${String(value)}`, name);
        default:
          return invalidRequest(`Invalid ${e.params.type as string}: ${JSON.stringify(value)}`, name);
      }
    }
    default:
      return invalidRequest(`Invalid ${paramName(path) || 'request'}: ${e.message ?? 'invalid value'}`, paramName(path));
  }
}

/** Coerces and validates an operation's params against the OpenAPI description. */
export function validateParams(method: string, template: string, raw: Record<string, unknown>): Record<string, unknown> {
  const { schema, validate } = validatorFor(method, template);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const prop = ownProperty(schema.properties, k);
    setOwn(out, k, prop ? coerce(v, prop, [k]) : v);
  }
  if (!validate(out)) throw toStripeError(validate.errors ?? [], out);
  return out;
}
