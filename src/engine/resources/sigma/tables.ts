import { spec, type Schema } from '../../spec.js';

/** One column of a Sigma table: its name and the SQL that reads it from a stored object's JSON. */
export interface Column {
  name: string;
  expr: string;
}

/** A Sigma table over one stored object type. */
export interface SigmaTable {
  name: string;
  objectType: string;
  columns: Column[];
}

// What Sigma never shows: webhook endpoints (they hold signing secrets) and the event stream.
const HIDDEN = new Set(['webhook_endpoint', 'event', 'reporting.report_type', 'treasury.financial_account_features']);
const MAX_DEPTH = 3;
const SAFE = /^[a-z][a-z0-9_]*$/;

/** `treasury.transaction_entry` → `treasury_transaction_entries`, as Sigma names its tables. */
export function tableName(objectType: string): string {
  const base = objectType.replace(/\./g, '_');
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(base)) return base.endsWith('s') ? base : `${base}es`;
  return `${base}s`;
}

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = spec.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
  return s;
}

function isScalar(s: Schema): boolean {
  return s.type === 'string' || s.type === 'integer' || s.type === 'number' || s.type === 'boolean';
}

/** An expandable reference: an id string, or the object it names. */
function referenceOf(s: Schema): boolean {
  const options = s.anyOf ?? [];
  return options.length > 0 && options.some((o) => o.type === 'string') && options.every((o) => o.type === 'string' || o.$ref);
}

/** A nested object worth flattening: not another resource, not a list, not a map. */
function flattens(s: Schema): boolean {
  if (s['x-resourceId'] || s.properties?.data || s.additionalProperties) return false;
  return s.type === 'object' && !!s.properties;
}

function collect(schema: Schema, path: string[], out: Column[]): void {
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    if (!SAFE.test(key)) continue;
    const single = raw.anyOf?.length === 1 ? raw.anyOf[0] : raw;
    const prop = resolve(single);
    const jsonPath = `$.${[...path, key].join('.')}`;
    const name = [...path, key].join('_');
    if (isScalar(prop)) {
      const read = `json_extract(data, '${jsonPath}')`;
      // Sigma's timestamps are timestamps: here `YYYY-MM-DD HH:MM:SS` text, which compares in time order.
      out.push({ name, expr: prop.format === 'unix-time' ? `datetime(${read}, 'unixepoch')` : read });
    } else if (referenceOf(raw) || referenceOf(prop)) {
      const read = `json_extract(data, '${jsonPath}')`;
      // An expanded reference stored whole still yields its id.
      out.push({ name: `${name}_id`, expr: `coalesce(json_extract(data, '${jsonPath}.id'), CASE WHEN json_type(data, '${jsonPath}') = 'text' THEN ${read} END)` });
    } else if (path.length + 1 < MAX_DEPTH && flattens(prop)) {
      collect(prop, [...path, key], out);
    }
  }
}

let cached: SigmaTable[] | undefined;

/**
 * Every Sigma table, one per object type of the description: its scalar
 * fields as columns, nested objects flattened with `_`, references as
 * `<field>_id`. Generated from the schemas, so a group added later gets its table.
 */
export function sigmaTables(): SigmaTable[] {
  if (cached) return cached;
  const tables: SigmaTable[] = [];
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    const objectType = (schema.properties?.object?.enum?.[0] as string | undefined) ?? undefined;
    if (!schema['x-resourceId'] || objectType !== name || HIDDEN.has(name)) continue;
    const columns: Column[] = [];
    collect(schema, [], columns);
    const seen = new Set<string>();
    const unique = columns.filter((c) => !seen.has(c.name) && seen.add(c.name));
    unique.sort((a, b) => (a.name === 'id' ? -1 : b.name === 'id' ? 1 : 0));
    tables.push({ name: tableName(name), objectType, columns: unique });
  }
  cached = tables.sort((a, b) => a.name.localeCompare(b.name));
  return cached;
}
