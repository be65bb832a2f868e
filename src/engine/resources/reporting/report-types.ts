import type { Operation } from '../../context.js';
import { reportTypeObject } from './availability.js';
import { REPORT_TYPES } from './catalog.js';
import { definitionOf } from './report-runs.js';

/** ReportTypes: the read-only catalog, with availability from the sandbox's data and clock. */
export const reportTypeOperations: Operation[] = [
  {
    method: 'GET',
    path: '/v1/reporting/report_types',
    handler: (ctx) => ({
      object: 'list',
      data: REPORT_TYPES.map((def) => reportTypeObject(ctx.core, def)),
      has_more: false,
      url: '/v1/reporting/report_types',
    }),
  },
  {
    method: 'GET',
    path: '/v1/reporting/report_types/{report_type}',
    handler: (ctx) => reportTypeObject(ctx.core, definitionOf(ctx.path.report_type, 404)),
  },
];
