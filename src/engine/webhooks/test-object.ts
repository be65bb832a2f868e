import { ID_PREFIXES, randomTail } from '../ids.js';
import { objectSchema, spec, type Schema } from '../spec.js';
import type { StripeObject } from '../store/objects.js';

/** The status each object type starts in: what a `.created` (or a status-less verb) test event carries. */
const INITIAL_STATUS: Record<string, string> = {
  'treasury.outbound_payment': 'processing',
  'treasury.outbound_transfer': 'processing',
  'treasury.inbound_transfer': 'processing',
  'treasury.credit_reversal': 'processing',
  'treasury.debit_reversal': 'processing',
  'treasury.received_credit': 'succeeded',
  'treasury.received_debit': 'succeeded',
  'treasury.financial_account': 'open',
  'identity.verification_session': 'requires_input',
  'climate.order': 'open',
  'financial_connections.account': 'active',
  'reporting.report_run': 'pending',
};

/** Verbs whose status has another name: `debit_reversal.completed` is a `succeeded` reversal. */
const VERB_STATUS: Record<string, string> = {
  completed: 'succeeded',
  deactivated: 'inactive',
  reactivated: 'active',
  delayed: 'confirmed',
};

const MAX_DEPTH = 8;

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = spec.components.schemas[s.$ref.split('/').pop()!] ?? {};
  return s;
}

/** A placeholder id for a field that names another object (`financial_account` → `fa_test…`). */
function idFor(field: string): string | undefined {
  const entry = Object.entries(ID_PREFIXES).find(([type]) => type === field || type.endsWith(`.${field}`));
  return entry ? `${entry[1]}_test${randomTail(20)}` : undefined;
}

/** The plainest value a schema allows: null where nullable, the first enum value, zero, empty. */
function sample(schema: Schema, field: string, depth: number): unknown {
  if (schema.nullable) return null;
  const s = resolve(schema.anyOf?.[0] ?? schema);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'string':
      return idFor(field) ?? '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      if (!s.properties || depth >= MAX_DEPTH) return {};
      return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, sample(v, k, depth + 1)]));
  }
}

/**
 * An object made for a test event, never stored: its shape follows the
 * description's schema of the event's object type, and its state is the one the
 * event type implies (`treasury.outbound_payment.posted` carries a `posted`
 * payment with `status_transitions.posted_at` set). Its id is new, so the test
 * adds nothing to any real object's history.
 */
export function testObject(eventType: string, now: number): StripeObject {
  const parts = eventType.split('.');
  const verb = parts.pop()!;
  const type = parts.join('.');
  const schema = objectSchema(type);
  const base = schema ? (sample({ ...resolve(schema), nullable: false }, type, 0) as Record<string, unknown>) : {};
  const prefix = (ID_PREFIXES as Record<string, string>)[type] ?? parts[parts.length - 1] ?? 'obj';
  const object: StripeObject = { ...base, id: `${prefix}_test${randomTail(20)}`, object: type, created: now, livemode: false };
  if ('amount' in object) object.amount = 1000;
  if ('currency' in object) object.currency = 'usd';
  if ('metadata' in object) object.metadata = {};
  const statuses = (schema?.properties?.status && resolve(schema.properties.status).enum) as string[] | undefined;
  if (statuses) {
    const named = [verb, VERB_STATUS[verb], INITIAL_STATUS[type]].find((s) => s !== undefined && statuses.includes(s));
    object.status = named ?? statuses[0];
  }
  const transitions = object.status_transitions as Record<string, unknown> | undefined;
  if (transitions && typeof transitions === 'object' && `${String(object.status)}_at` in transitions) {
    transitions[`${String(object.status)}_at`] = now;
  }
  return object;
}
