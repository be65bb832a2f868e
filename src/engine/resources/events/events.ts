import type { Operation, RequestContext } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { filterColumn } from '../../store/filter-columns.js';

const TYPE = 'event';
const EVENT_TYPE = filterColumn(TYPE, 'type');

function listEvents(ctx: RequestContext) {
  const p = ctx.params;
  if (p.type !== undefined && p.types !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: type, types.', 'types');
  }
  if (p.types !== undefined && p.types.length > 20) {
    throw invalidRequest('You may pass at most 20 values in types.', 'types');
  }
  const sql: { clause: string; params: unknown[] }[] = [];
  if (p.type !== undefined) {
    if (p.type.includes('*')) {
      // `treasury.*` style wildcards; escape LIKE's own wildcards in the rest.
      const pattern = p.type.replace(/[\\%_]/g, (c: string) => `\\${c}`).replace(/\*/g, '%');
      sql.push({ clause: `${EVENT_TYPE} LIKE ? ESCAPE '\\'`, params: [pattern] });
    } else {
      sql.push({ clause: `${EVENT_TYPE} = ?`, params: [p.type] });
    }
  }
  if (p.types !== undefined) {
    sql.push({
      clause: `${EVENT_TYPE} IN (${p.types.map(() => '?').join(', ')})`,
      params: p.types,
    });
  }
  if (p.delivery_success !== undefined) {
    sql.push({ clause: `json_extract(data, '$.pending_webhooks') ${p.delivery_success ? '= 0' : '> 0'}`, params: [] });
  }
  return listObjects(ctx, TYPE, '/v1/events', { sql });
}

/** The Events API (read-only, as in Stripe). */
export const eventOperations: Operation[] = [
  { method: 'GET', path: '/v1/events', handler: listEvents },
  {
    method: 'GET',
    path: '/v1/events/{id}',
    handler: (ctx) => {
      const event = ctx.core.store.get(ctx.path.id, TYPE);
      if (!event) throw resourceMissing('event', ctx.path.id);
      return event;
    },
  },
];
