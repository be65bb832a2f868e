import type { ControlRoute } from '../../context.js';
import { invalidRequest } from '../../errors.js';
import { csvSink, FileWriter, type CsvSink } from '../files/index.js';
import { runSql } from './runner.js';
import { DEFAULT_TIMEOUT_MS, MAX_ROWS, RESULT_TTL_SECONDS } from './runs.js';
import { timeoutOf } from './scheduled-queries.js';
import { sigmaTables } from './tables.js';
import { atomically } from '../../store/statements.js';

const SHOWN_ROWS = 1_000;

function sqlOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest('sql must be a non-empty string.', 'sql');
  if (value.length > 100_000) throw invalidRequest('sql must be at most 100000 characters.', 'sql');
  return value;
}

/** The dashboard's query page: the tables and their columns, and queries run now over the same snapshot. */
export const queryControls: ControlRoute[] = [
  {
    method: 'GET',
    path: '/sigma/tables',
    handler: () => ({ object: 'list', data: sigmaTables().map((t) => ({ name: t.name, object_type: t.objectType, columns: t.columns.map((c) => c.name) })) }),
  },
  {
    method: 'POST',
    path: '/sigma/query',
    async handler({ core, body }) {
      const sql = sqlOf(body.sql);
      const timeoutMs = timeoutOf(body.timeout_ms) ?? DEFAULT_TIMEOUT_MS;
      let columns: string[] = [];
      const rows: unknown[][] = [];
      const outcome = await runSql(core, sql, {
        timeoutMs,
        maxRows: SHOWN_ROWS,
        onColumns: (c) => (columns = c),
        onRow: (r) => rows.push(r),
      });
      const truncated = outcome.status === 'failed' && outcome.error?.startsWith('The query returned more than') === true;
      return {
        status: truncated ? 'completed' : outcome.status,
        error: truncated ? null : (outcome.error ?? null),
        columns,
        rows,
        truncated,
        data_load_time: core.clock.now(),
      };
    },
  },
  {
    method: 'POST',
    path: '/sigma/query/file',
    async handler({ core, body }) {
      const sql = sqlOf(body.sql);
      const now = core.clock.now();
      const file = new FileWriter(core, {
        purpose: 'sigma_scheduled_query',
        filename: (id) => `${id}.csv`,
        title: typeof body.title === 'string' && body.title ? body.title : 'Sigma query',
        expiresAt: now + RESULT_TTL_SECONDS,
      });
      let sink: CsvSink | undefined;
      const outcome = await runSql(core, sql, {
        timeoutMs: timeoutOf(body.timeout_ms) ?? DEFAULT_TIMEOUT_MS,
        maxRows: MAX_ROWS,
        onColumns: (c) => (sink = csvSink(file, c)),
        onRow: (r) => sink?.row(r as never[]),
      });
      if (outcome.status !== 'completed' || !sink) {
        file.abort();
        throw invalidRequest(outcome.error ?? 'The query did not complete.', 'sql');
      }
      sink.end();
      return atomically(core.db, () => file.finish());
    },
  },
];
