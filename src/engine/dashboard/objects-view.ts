import type { EngineCore } from '../context.js';
import { resourceMissing } from '../errors.js';
import type { JsonObject, ObjectDetail, ObjectTypeCount, Paged } from '@shared/dashboard-api.js';
import type { ActionRegistry } from './actions.js';
import { limitOf } from './request-log-view.js';
import { BOUND, stmt } from '../store/statements.js';

/** Every object type in the store with its count. */
export function objectTypes(core: EngineCore): ObjectTypeCount[] {
  return stmt(core.db, 'SELECT type, count(*) AS count FROM objects GROUP BY type ORDER BY type').all() as ObjectTypeCount[];
}

/** Objects newest first, of one type or all, whose id starts with the search text. */
export function listObjects(core: EngineCore, q: Record<string, unknown>): Paged<JsonObject> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (typeof q.type === 'string' && q.type) {
    where.push('type = ?');
    params.push(q.type);
  }
  const text = typeof q.q === 'string' ? q.q.trim() : '';
  if (text) {
    // A range on the unique id index: a prefix search without a scan.
    where.push('id >= ? AND id < ?');
    params.push(text, `${text}\u{10FFFF}`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = limitOf(q.limit, 100, 500);
  const rows = stmt(core.db, `SELECT data FROM objects ${clause} ORDER BY seq DESC LIMIT ${BOUND}`).all(...params, limit + 1) as {
    data: string;
  }[];
  const total = (stmt(core.db, `SELECT count(*) AS n FROM objects ${clause}`).get(...params) as { n: number }).n;
  return { data: rows.slice(0, limit).map((r) => JSON.parse(r.data) as JsonObject), total, has_more: rows.length > limit };
}

const ID_LIKE = /^[a-z][a-z0-9]*_[0-9A-Za-z_]{6,}$/;

/** Strings anywhere in the value that look like ids, for one lookup against the store. */
function candidateIds(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length < 200 && ID_LIKE.test(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) candidateIds(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) candidateIds(v, out);
  }
}

/** Ids in the object that name stored objects (other than itself), with their types. */
export function linksOf(core: EngineCore, object: JsonObject): Record<string, string> {
  const ids = new Set<string>();
  candidateIds(object, ids);
  ids.delete(object.id);
  if (ids.size === 0) return {};
  const list = [...ids].slice(0, 500);
  const rows = core.db
    .prepare(`SELECT id, type FROM objects WHERE id IN (${list.map(() => '?').join(',')})`)
    .all(...list) as { id: string; type: string }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.type]));
}

/** An object with its events (newest first), the actions it can take now, and its links. */
export function objectDetail(core: EngineCore, registry: ActionRegistry, id: string): ObjectDetail {
  const object = core.store.get<JsonObject>(id);
  if (!object) throw resourceMissing('object', id);
  const events = core.store.list<JsonObject>('event', { limit: 100, owner: id }).data;
  return { object, events, actions: registry.availableFor(object), links: linksOf(core, object) };
}
