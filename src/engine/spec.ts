/// <reference types="vite/client" />
import specJson from '../../resources/openapi/spec-subset.json';
// The component schemas as text, parsed at their first use (`spec.components`): they are two thirds
// of the description, and a start and most requests need only its paths. (The build bundles the
// components alone here, and leaves them out of the JSON above; see electron.vite.config.ts.)
import componentsText from '../../resources/openapi/spec-subset.json?raw';
import supportJson from '../../resources/openapi/spec-support.json';
import overlayJson from '../../resources/openapi/overlay.json';

/**
 * Each API group keeps what the newer API added to its own operations in
 * `resources/openapi/overlays/<group>.json`, in the same form as overlay.json.
 */
const groupOverlays = import.meta.glob<Overlay>('../../resources/openapi/overlays/*.json', { eager: true, import: 'default' });

/** A JSON Schema node as the OpenAPI description writes it. */
export type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  required?: string[];
  nullable?: boolean;
  maxLength?: number;
  $ref?: string;
  'x-expandableFields'?: string[];
  [key: string]: unknown;
};

interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface OperationSpec {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

type PathItem = Record<string, OperationSpec>;

export interface ApiSpec {
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema> };
  'x-inScopeEventTypes': string[];
}

interface Overlay {
  paths?: Record<string, PathItem>;
  /** Component schemas in no vendored description (objects of preview APIs such as crypto onramp). */
  components?: { schemas?: Record<string, Schema> };
  /**
   * `"POST /v1/path"` → params the newer API accepts beyond the vendored
   * description; a dotted name adds a key inside an object param.
   */
  'x-extraParams'?: Record<string, Record<string, Schema>>;
  /** Event types the newer API added to the in-scope groups. */
  'x-extraEventTypes': string[];
  /** Component schema → properties the newer API added or changed (a new enum value replaces the property). */
  'x-extraProperties'?: Record<string, Record<string, Schema>>;
}

const OVERLAYS = [overlayJson as unknown as Overlay, ...Object.values(groupOverlays)];

/**
 * The vendored description, with the supporting paths (products, prices,
 * customers, subscriptions, files) beside it and this project's overlays applied.
 * Its `components` are read and overlaid at their first use.
 */
export const spec: ApiSpec = withLazyComponents(
  subscribable(
    OVERLAYS.reduce(
      applyPathOverlay,
      withSupport(specJson as unknown as ApiSpec, supportJson as unknown as { paths: Record<string, PathItem> }),
    ),
  ),
);

function withLazyComponents(base: ApiSpec): ApiSpec {
  let components: ApiSpec['components'] | undefined;
  return Object.defineProperty(base, 'components', {
    enumerable: true,
    get: () => (components ??= OVERLAYS.reduce(applyComponentOverlay, (JSON.parse(componentsText) as ApiSpec).components)),
  });
}

/** Webhook endpoints may subscribe to every event type the sandbox emits, including those the overlays add. */
function subscribable(base: ApiSpec): ApiSpec {
  for (const path of ['/v1/webhook_endpoints', '/v1/webhook_endpoints/{webhook_endpoint}']) {
    const op = base.paths[path]?.post;
    const items = op && bodySchemaOf(op)?.properties?.enabled_events?.items;
    if (items?.enum) items.enum = [...new Set([...items.enum, ...base['x-inScopeEventTypes']])];
  }
  return base;
}

function withSupport(base: ApiSpec, support: { paths: Record<string, PathItem> }): ApiSpec {
  for (const [path, item] of Object.entries(support.paths)) base.paths[path] ??= item;
  return base;
}

/** What an overlay adds to the paths: operations, params, event types. */
function applyPathOverlay(base: ApiSpec, overlay: Overlay): ApiSpec {
  for (const [path, item] of Object.entries(overlay.paths ?? {})) {
    base.paths[path] = { ...(base.paths[path] ?? {}), ...item };
  }
  for (const [key, extra] of Object.entries(overlay['x-extraParams'] ?? {})) {
    const [method, path] = key.split(' ');
    const op = base.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`overlay names an unknown operation ${key}`);
    const target = method === 'GET' || method === 'DELETE' ? undefined : bodySchemaOf(op);
    for (const [name, schema] of Object.entries(extra)) {
      if (target) addProperty(target, name.split('.'), schema, key);
      else (op.parameters ??= []).push({ in: 'query', name, schema });
    }
  }
  base['x-inScopeEventTypes'] = [...base['x-inScopeEventTypes'], ...(overlay['x-extraEventTypes'] ?? [])];
  return base;
}

/** What an overlay adds to the component schemas: new components, and properties of existing ones. */
function applyComponentOverlay(components: ApiSpec['components'], overlay: Overlay): ApiSpec['components'] {
  for (const [name, schema] of Object.entries(overlay.components?.schemas ?? {})) {
    if (components.schemas[name]) throw new Error(`overlay redefines the component ${name}`);
    components.schemas[name] = schema;
  }
  for (const [name, props] of Object.entries(overlay['x-extraProperties'] ?? {})) {
    const target = components.schemas[name];
    if (!target) throw new Error(`overlay names an unknown component ${name}`);
    target.properties = { ...(target.properties ?? {}), ...props };
  }
  return components;
}

/** Adds a body param; a dotted name (`parameters.financial_account`) reaches into a nested object param. */
function addProperty(target: Schema, path: string[], schema: Schema, key: string): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target.properties = { ...(target.properties ?? {}), [head]: schema };
    return;
  }
  const nested = target.properties?.[head];
  if (!nested || nested.type !== 'object') throw new Error(`overlay for ${key} names ${path.join('.')}, but ${head} is not an object param`);
  addProperty(nested, rest, schema, key);
}

function bodySchemaOf(op: OperationSpec): Schema | undefined {
  return op.requestBody?.content['application/x-www-form-urlencoded']?.schema;
}

/** The operation of the description at `METHOD /template`, if there is one. */
export function operationSpec(method: string, template: string): OperationSpec | undefined {
  return spec.paths[template]?.[method.toLowerCase()];
}

/**
 * The schema of an operation's params as one object: the form body for POST,
 * the query parameters for GET and DELETE.
 */
export function paramsSchema(method: string, template: string): Schema {
  const op = operationSpec(method, template);
  if (!op) return { type: 'object', properties: {}, additionalProperties: false };
  const body = bodySchemaOf(op);
  if (method !== 'GET' && method !== 'DELETE') {
    return body ?? { type: 'object', properties: {}, additionalProperties: false };
  }
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query') continue;
    properties[p.name] = p.schema;
    if (p.required) required.push(p.name);
  }
  // Some DELETEs describe their params as a form body (subscription cancel); clients send them in the query.
  if (method === 'DELETE' && body?.properties) Object.assign(properties, body.properties);
  return { type: 'object', properties, required, additionalProperties: false };
}

/** The component schema of the successful response of an operation, `$ref`s left in. */
export function responseSchema(method: string, template: string): Schema | undefined {
  const op = operationSpec(method, template);
  return op?.responses?.['200']?.content?.['application/json']?.schema;
}

/** The component schema for an object type (`treasury.outbound_payment`). */
export function objectSchema(objectType: string): Schema | undefined {
  return spec.components.schemas[objectType];
}

/** Event types the sandbox can emit and endpoints can subscribe to. */
export const EVENT_TYPES: readonly string[] = spec['x-inScopeEventTypes'];
