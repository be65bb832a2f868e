import qs from 'qs';
import type { Operation } from '../../../src/engine/context.js';
import { ID_PREFIXES } from '../../../src/engine/ids.js';
import { paramsSchema, type Schema } from '../../../src/engine/spec.js';
import type { Rand } from './random.js';

/** One request exactly as sent, so a failure can be replayed from the report. */
export interface FuzzRequest {
  /** `POST /v1/treasury/outbound_payments/{id}/cancel`, or `control …` / `raw …` for the extra families. */
  operation: string;
  mutation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const KEY = 'sk_test_fuzz';

/** Strings that have broken parsers somewhere. */
const NASTY = ['', ' ', '\u0000', '%', '%ff', '../..', '<script>', '💸', 'null', 'undefined', '[]', '{}', 'a'.repeat(5001), '\ud800', 'True', '-0', '1e400', '0x10'];
const HUGE_INTEGERS = ['99999999999999999999999999', '9223372036854775808', '9007199254740993', '-9223372036854775809', '1.5', '1e3', ' 1'];
const BAD_IDS = ['', 'x'.repeat(501), 'x'.repeat(5000), '%ff', '%zz', '%', '%00', '..', '%2e%2e', 'id%20with%20space', '%F0%9F%92%B8', 'a;b', '%2F'];

/** Values that get past a field's own checks, so the request reaches the handler's logic. */
const HINTS: Record<string, string[]> = {
  enabled_events: ['*', 'charge.succeeded', 'treasury.received_credit.created', 'treasury.outbound_payment.posted'],
  number: ['4242424242424242', '4000000000000002'],
  cvc: ['123'],
  routing_number: ['110000000'],
  account_number: ['000123456789', '000000000009'],
  name: ['Fuzz Holder'],
  description: ['fuzz'],
  statement_descriptor: ['fuzz'],
  nickname: ['fuzz'],
};

function resolveRef(schema: Schema): Schema {
  return schema;
}

/** A value the schema accepts, more or less: enums, types, required fields, some optional ones. */
export function sample(schema: Schema, rnd: Rand, name: string, known: KnownIds, depth = 0): unknown {
  const s = resolveRef(schema);
  if (s.anyOf?.length) return sample(rnd.pick(s.anyOf), rnd, name, known, depth);
  if (s.enum?.length) return String(rnd.pick(s.enum));
  switch (s.type) {
    case 'integer':
      if (name === 'exp_month') return String(1 + rnd.int(12));
      if (name === 'exp_year') return String(2030 + rnd.int(5));
      if (name === 'amount') return String(rnd.pick([1, 100, 2500, 10_000, 99_999_999, 100_000_000, 0]));
      if (name === 'limit') return String(1 + rnd.int(100));
      return String(rnd.int(20_000));
    case 'number':
      return String(rnd.int(1000) / 10);
    case 'boolean':
      return rnd.pick(['true', 'false', 'True', 'False']);
    case 'array': {
      const n = 1 + rnd.int(2);
      const itemName = name === 'supported_currencies' ? 'currency' : name;
      return Array.from({ length: n }, () => sample(s.items ?? { type: 'string' }, rnd, itemName, known, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 3) return out;
      const props = s.properties ?? {};
      for (const [k, v] of Object.entries(props)) {
        if (s.required?.includes(k) || rnd.chance(0.3)) out[k] = sample(v, rnd, k, known, depth + 1);
      }
      if (!s.properties && s.additionalProperties) out[`k${rnd.int(9)}`] = `v${rnd.int(9)}`;
      // `type: card` goes with a `card` hash: fill the one the type names.
      if (typeof out.type === 'string' && props[out.type] && out[out.type] === undefined) out[out.type] = sample(props[out.type], rnd, out.type, known, depth + 1);
      return out;
    }
    default:
      return stringFor(name, s, rnd, known);
  }
}

function stringFor(name: string, s: Schema, rnd: Rand, known: KnownIds): string {
  if (name === 'currency') return rnd.pick(['usd', 'usd', 'eur', 'jpy', 'idr', 'xxx']);
  if (name === 'url' || name === 'destination_url' || name.endsWith('_url')) return rnd.pick(['http://127.0.0.1:9/fuzz', 'https://127.0.0.1:9/', 'not a url']);
  if (name === 'email') return 'fuzz@example.com';
  const hint = HINTS[name];
  if (hint && rnd.chance(0.9)) return rnd.pick(hint);
  if (name === 'country') return rnd.pick(['US', 'GB', 'ZZ']);
  const id = known.forName(name, rnd) ?? (rnd.chance(0.2) ? known.any(rnd) : undefined);
  if (id && rnd.chance(0.9)) return id;
  const max = typeof s.maxLength === 'number' ? s.maxLength : 40;
  return `fz_${rnd.int(1e6)}`.slice(0, Math.max(1, max));
}

// The id prefix a param or path segment names: `financial_account` → fa, `outbound_payments/{id}` → obp.
const PREFIX_BY_NAME = new Map<string, string>();
for (const [kind, prefix] of Object.entries(ID_PREFIXES)) {
  const name = kind.split('.').pop()!;
  PREFIX_BY_NAME.set(name, prefix);
  PREFIX_BY_NAME.set(`${name}s`, prefix);
}

/** Ids the server handed out so far: path params and references use them, so handlers run past their lookups. */
export class KnownIds {
  private readonly ids: string[] = [];
  private readonly byPrefix = new Map<string, string[]>();

  add(id: unknown): void {
    if (typeof id !== 'string' || !/^[a-z]+_[A-Za-z0-9]+$/.test(id) || this.ids.length >= 5000 || this.ids.includes(id)) return;
    this.ids.push(id);
    const prefix = id.slice(0, id.lastIndexOf('_'));
    this.byPrefix.set(prefix, [...(this.byPrefix.get(prefix) ?? []), id]);
  }

  any(rnd: Rand): string | undefined {
    return this.ids.length ? rnd.pick(this.ids) : undefined;
  }

  /** A known id of the type a param or path segment names, if any. */
  forName(name: string, rnd: Rand): string | undefined {
    const prefix = PREFIX_BY_NAME.get(name);
    const ids = prefix ? this.byPrefix.get(prefix) : undefined;
    return ids?.length ? rnd.pick(ids) : undefined;
  }

  size(): number {
    return this.ids.length;
  }
}

/** Every leaf path of a params object, for mutations. */
function leaves(value: unknown, path: string[] = []): string[][] {
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [path];
    return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return path.length ? [path] : [];
}

function setAt(root: Record<string, unknown>, path: string[], value: unknown): void {
  let o: any = root;
  for (const p of path.slice(0, -1)) {
    if (!o[p] || typeof o[p] !== 'object') o[p] = {};
    o = o[p];
  }
  o[path[path.length - 1]] = value;
}

function deleteAt(root: Record<string, unknown>, path: string[]): void {
  let o: any = root;
  for (const p of path.slice(0, -1)) o = o?.[p];
  if (o && typeof o === 'object') delete o[path[path.length - 1]];
}

type Mutator = (params: Record<string, unknown>, rnd: Rand, schema: Schema) => string;

/** Ways to spoil a params object; each returns its name for the report. */
const PARAM_MUTATIONS: Mutator[] = [
  (p, rnd, s) => {
    const req = s.required ?? [];
    if (!req.length) return 'none';
    delete p[rnd.pick(req)];
    return 'missing required param';
  },
  (p, rnd) => {
    // Defined, not assigned: assigning `__proto__` would set the prototype and send nothing.
    const key = rnd.pick(['bogus', 'amount[evil]', '__proto__', 'constructor', 'metadata[a][b][c]']);
    Object.defineProperty(p, key, { value: 'x', enumerable: true, writable: true, configurable: true });
    return 'unknown param';
  },
  (p, rnd) => {
    const l = leaves(p);
    if (!l.length) return 'none';
    setAt(p, rnd.pick(l), rnd.pick(NASTY));
    return 'nasty string in a leaf';
  },
  (p, rnd) => {
    const l = leaves(p);
    if (!l.length) return 'none';
    setAt(p, rnd.pick(l), rnd.pick(HUGE_INTEGERS));
    return 'out-of-range number in a leaf';
  },
  (p, rnd) => {
    const l = leaves(p);
    if (!l.length) return 'none';
    setAt(p, rnd.pick(l), { nested: { deeper: ['x'] } });
    return 'object where a scalar goes';
  },
  (p, rnd) => {
    const l = leaves(p);
    if (!l.length) return 'none';
    deleteAt(p, rnd.pick(l));
    return 'a leaf removed';
  },
  (p, rnd) => {
    const keys = Object.keys(p);
    if (!keys.length) return 'none';
    p[rnd.pick(keys)] = '';
    return 'empty string (unset)';
  },
  (p) => {
    p.amount = rnd2(p);
    return 'amount above the limit';
  },
  (p, rnd) => {
    p.expand = rnd.pick([['nonsense'], ['data.nothing'], 'x'.repeat(300), [['deep']]]);
    return 'bad expand';
  },
];

function rnd2(p: Record<string, unknown>): string {
  return p.currency === 'idr' ? '1000000000000' : '100000000';
}

/** The path with its `{params}` filled in: a known id, a made-up one, or a hostile one. */
function fillPath(template: string, rnd: Rand, known: KnownIds, hostile: boolean): string {
  return template.replace(/\{([^}]+)\}/g, (whole, param: string, at: number) => {
    if (hostile) return rnd.pick(BAD_IDS);
    // `{id}` takes its type from the segment before it.
    const segment = param === 'id' ? template.slice(0, at - 1).split('/').pop()! : param;
    return known.forName(segment, rnd) ?? known.any(rnd) ?? `id_${rnd.int(1e6)}`;
  });
}

function encode(params: Record<string, unknown>, rnd: Rand): string {
  // The official SDK families send arrays indexed (stripe-node, -go, -php, -java) or bracketed (-ruby, -python).
  return qs.stringify(params, { arrayFormat: rnd.pick(['indices', 'brackets'] as const) });
}

/** One request for an operation: valid-looking, or spoiled one way. */
export function requestFor(op: Operation, rnd: Rand, known: KnownIds, spoil = true): FuzzRequest {
  const schema = paramsSchema(op.method, op.path);
  const params = sample(schema, rnd, '', known) as Record<string, unknown>;
  const headers: Record<string, string> = { authorization: `Bearer ${KEY}` };
  let mutation = 'valid-looking';
  let hostilePath = false;
  const roll = spoil ? rnd.next() : 0;
  if (roll < 0.3) {
    // valid-looking
  } else if (roll < 0.75) {
    mutation = rnd.pick(PARAM_MUTATIONS)(params, rnd, schema);
  } else if (roll < 0.85) {
    hostilePath = op.path.includes('{');
    mutation = hostilePath ? 'hostile path id' : 'valid-looking';
  } else {
    mutation = rnd.pick(HEADER_MUTATIONS)(headers, rnd);
  }
  if (mutation === 'idempotency key') headers['idempotency-key'] = `fuzz-${rnd.int(50)}`;
  const path = fillPath(op.path, rnd, known, hostilePath);
  const form = encode(params, rnd);
  const operation = `${op.method} ${op.path}`;
  if (op.method === 'POST') {
    if (mutation === 'JSON body') return { operation, mutation, method: op.method, path, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(params) };
    return { operation, mutation, method: op.method, path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form };
  }
  return { operation, mutation, method: op.method, path: form ? `${path}?${form}` : path, headers };
}

type HeaderMutator = (headers: Record<string, string>, rnd: Rand) => string;

const HEADER_MUTATIONS: HeaderMutator[] = [
  (h) => {
    delete h.authorization;
    return 'no API key';
  },
  (h, rnd) => {
    h.authorization = rnd.pick(['Bearer pk_test_x', 'Bearer sk_live_x', 'Basic Zm9vOmJhcg==', 'Bearer ', 'garbage']);
    return 'bad API key';
  },
  (h, rnd) => {
    h['stripe-version'] = rnd.pick(['2099-99-99', '2024-13-01', 'latest', '2024-04-10; evil', '2011-01-01.acacia']);
    return 'bad Stripe-Version';
  },
  (h, rnd) => {
    h['idempotency-key'] = rnd.pick(['k'.repeat(300), '']);
    return 'bad idempotency key';
  },
  () => 'idempotency key',
  () => 'JSON body',
];

/** Requests of the other families: controls without their token, and malformed HTTP. */
export function extraRequest(rnd: Rand, controls: { method: string; path: string }[]): FuzzRequest {
  if (rnd.chance(0.5) && controls.length) {
    const c = rnd.pick(controls);
    const path = `/_counterfoil${c.path.replace(/:[a-z_]+/g, () => rnd.pick(BAD_IDS.slice(0, 6)))}`;
    const how = rnd.pick(['no token', 'Origin null', 'foreign Origin']);
    const headers: Record<string, string> =
      how === 'no token' ? {} : { 'x-counterfoil-token': 'test-token', origin: how === 'Origin null' ? 'null' : 'http://evil.test' };
    return { operation: `control ${c.method} ${c.path}`, mutation: how, method: c.method, path, headers, ...(c.method === 'POST' ? { body: '{}' } : {}) };
  }
  const cases: [string, string, Record<string, string>][] = [
    ['foreign Host', '/v1/webhook_endpoints', { host: 'rebind.evil.test' }],
    ['unknown URL', `/v1/nothing_here_${rnd.int(100)}`, {}],
    ['unknown URL', '/', { host: 'evil.test:1' }],
    ['bad percent-encoding', `/v1/webhook_endpoints/${rnd.pick(['%ff', '%zz', '%', '%e2%82'])}`, {}],
    ['path param too long', `/v1/webhook_endpoints/${'w'.repeat(501 + rnd.int(3000))}`, {}],
    ['no Host', '/v1/webhook_endpoints', { host: '' }],
  ];
  const [mutation, path, extra] = rnd.pick(cases);
  return { operation: 'raw', mutation, method: rnd.pick(['GET', 'POST', 'DELETE']), path, headers: { authorization: `Bearer ${KEY}`, ...extra } };
}
