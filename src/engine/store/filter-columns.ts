/**
 * Columns beside each object's JSON that lists filter and order by. The store
 * fills them from the object on every insert and update, so their indexes are
 * plain columns: an index on `json_extract(data, …)` parses the whole JSON
 * text of every row written, which cost an outbound payment about a tenth of
 * its CPU time.
 *
 * - `status`: the object's lifecycle status.
 * - `ref`: the one other string its lists filter by (the transaction of an
 *   entry, the customer of a payment, the type of an event), or that a start
 *   looks it up by (the demo's marker on its webhook endpoint).
 * - `at`: the moment its lists order by other than creation.
 *
 * A type not named here leaves all three NULL; its filters read the JSON.
 * Adding a type or a path here needs a migration that fills the column for
 * the rows already stored.
 */
const COLUMNS = ['status', 'ref', 'at'] as const;
export type FilterColumn = (typeof COLUMNS)[number];

/** Per object type, the dotted JSON path each column holds. */
export const FILTER_FIELDS: Readonly<Record<string, Readonly<Partial<Record<FilterColumn, string>>>>> = {
  'treasury.financial_account': { status: 'status' },
  'treasury.outbound_payment': { status: 'status', ref: 'customer' },
  'treasury.outbound_transfer': { status: 'status' },
  'treasury.inbound_transfer': { status: 'status' },
  'treasury.received_credit': { status: 'status', ref: 'linked_flows.source_flow_type' },
  'treasury.received_debit': { status: 'status' },
  'treasury.credit_reversal': { status: 'status', ref: 'received_credit' },
  'treasury.debit_reversal': { status: 'status', ref: 'received_debit' },
  'treasury.transaction': { status: 'status', at: 'status_transitions.posted_at' },
  'treasury.transaction_entry': { ref: 'transaction', at: 'effective_at' },
  event: { ref: 'type' },
  // DEMO_ENDPOINT_METADATA (dashboard/demo-story.ts): each start finds the demo's endpoint by it.
  webhook_endpoint: { ref: 'metadata.counterfoil_demo' },
};

// Per type, each column's place among the values filterValues returns, and its path as keys.
type Compiled = { slot: number; path: string[] }[];
const compiled = new Map<string, Compiled>(
  Object.entries(FILTER_FIELDS).map(([type, fields]) => [
    type,
    Object.entries(fields).map(([column, path]) => ({ slot: COLUMNS.indexOf(column as FilterColumn), path: path.split('.') })),
  ]),
);

/** The column that holds `path` of objects of `type`, if one does. */
export function filterColumnOf(type: string, path: string): FilterColumn | undefined {
  const fields = FILTER_FIELDS[type];
  if (!fields) return undefined;
  return COLUMNS.find((column) => fields[column] === path);
}

/** Like filterColumnOf, for code that relies on the column's index: a path without one is a programming error. */
export function filterColumn(type: string, path: string): FilterColumn {
  const column = filterColumnOf(type, path);
  if (!column) throw new Error(`no filter column holds ${path} of ${type}`);
  return column;
}

/** The values of `status`, `ref` and `at` for an object, as json_extract would read them from its JSON. */
export function filterValues(obj: { object: string }): [unknown, unknown, unknown] {
  const out: [unknown, unknown, unknown] = [null, null, null];
  const fields = compiled.get(obj.object);
  if (!fields) return out;
  for (const { slot, path } of fields) {
    let value: unknown = obj;
    for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    out[slot] = sqlValue(value);
  }
  return out;
}

function sqlValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
