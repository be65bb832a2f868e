import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import { responseSchema, spec } from '../../src/engine/spec.js';

const cache = new Map<string, ValidateFunction>();

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' ? `stripe${v}` : rewriteRefs(v);
    }
    // Ajv accepts OpenAPI's `nullable` only beside a `type`; Stripe's description also puts it beside `anyOf`.
    if (out.nullable === true && out.type === undefined && Array.isArray(out.anyOf)) {
      delete out.nullable;
      out.anyOf = [...(out.anyOf as unknown[]), { type: 'null' }];
    }
    // A nullable enum (`failure_code`, `restricted_reason`) also allows null, which its value list omits.
    if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return node;
}

// One Ajv instance holding every component schema (a copy whose "#/components/…"
// refs point into it), so $refs resolve.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'stripe', components: rewriteRefs(spec.components) } as object);

/** Asserts that a response body matches the description's schema for `METHOD /template`. */
export function expectMatchesSpec(method: string, template: string, body: unknown): void {
  const key = `${method} ${template}`;
  let validate = cache.get(key);
  if (!validate) {
    const schema = responseSchema(method, template);
    if (!schema) throw new Error(`no response schema for ${key}`);
    validate = ajv.compile(rewriteRefs(schema) as object);
    cache.set(key, validate);
  }
  const ok = validate(JSON.parse(JSON.stringify(body)));
  expect(ok ? [] : validate.errors, `${key} response does not match the OpenAPI schema`).toEqual([]);
}

/** Asserts that an object matches a component schema (`treasury.outbound_payment`, `event`). */
export function expectObjectMatchesSchema(componentName: string, body: unknown): void {
  const key = `#${componentName}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `stripe#/components/schemas/${componentName}` });
    cache.set(key, validate);
  }
  const ok = validate(JSON.parse(JSON.stringify(body)));
  expect(ok ? [] : validate.errors, `object does not match schema ${componentName}`).toEqual([]);
}
