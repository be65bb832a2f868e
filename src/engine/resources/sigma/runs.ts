import type { EngineCore, Operation } from '../../context.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import type { StripeObject } from '../../store/objects.js';
import { csvSink, FileWriter, type CsvSink, type FileObject } from '../files/index.js';
import { load } from '../treasury/common.js';
import { runSql, type QueryStatus } from './runner.js';
import { atomically } from '../../store/statements.js';

export const RUN = 'scheduled_query_run';

export interface ScheduledQueryRun extends StripeObject {
  object: 'scheduled_query_run';
  created: number;
  data_load_time: number;
  error?: { message: string };
  file: FileObject | null;
  livemode: false;
  result_available_until: number;
  sql: string;
  status: QueryStatus;
  title: string;
}

/** How long a run's results can be downloaded (sandbox seconds). */
export const RESULT_TTL_SECONDS = 30 * 86_400;
/** Real time a query may take. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Rows a query may return. */
export const MAX_ROWS = 1_000_000;

export interface RunRequest {
  title: string;
  sql: string;
  /** The saved query it ran for. */
  query?: string;
  /** The data as of this time (a scheduled period's end); default now. */
  asOf?: number;
  timeoutMs?: number;
}

// One query at a time per sandbox: a burst of scheduled runs waits its turn instead of forking a process each.
const queues = new WeakMap<EngineCore, Promise<unknown>>();

/** Queues a run and resolves with it once it finished (completed, failed or timed out). */
export function enqueueRun(core: EngineCore, req: RunRequest): Promise<ScheduledQueryRun> {
  const previous = queues.get(core) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => executeRun(core, req));
  queues.set(core, next);
  return next;
}

/**
 * Runs a query into a CSV file, rows written as they arrive, then records the
 * ScheduledQueryRun and fires `sigma.scheduled_query_run.created`.
 */
async function executeRun(core: EngineCore, req: RunRequest): Promise<ScheduledQueryRun> {
  const created = core.clock.now();
  const id = newId('scheduled_query_run');
  const file = new FileWriter(core, {
    purpose: 'sigma_scheduled_query',
    filename: () => `${id}.csv`,
    title: req.title,
    expiresAt: created + RESULT_TTL_SECONDS,
  });
  let sink: CsvSink | undefined;
  const outcome = await runSql(core, req.sql, {
    asOf: req.asOf,
    timeoutMs: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRows: MAX_ROWS,
    onColumns: (columns) => (sink = csvSink(file, columns)),
    onRow: (row) => sink?.row(row as never[]),
  });
  if (!core.db.open) throw new Error('the sandbox stopped while a query ran');
  const run = atomically(core.db, () => {
    let result: FileObject | null = null;
    if (outcome.status === 'completed' && sink) {
      sink.end();
      result = file.finish();
    } else file.abort();
    const run: ScheduledQueryRun = {
      id,
      object: RUN,
      created,
      data_load_time: req.asOf ?? created,
      ...(outcome.error ? { error: { message: outcome.error } } : {}),
      file: result,
      livemode: false,
      result_available_until: created + RESULT_TTL_SECONDS,
      sql: req.sql,
      status: outcome.status,
      title: req.title,
    };
    core.store.insert(run, req.query ?? null);
    core.changes.publish({ kind: 'object', type: RUN, id });
    core.emitEvent('sigma.scheduled_query_run.created', run, { request: null });
    return run;
  });
  core.wakeDeliveries();
  return run;
}

/** ScheduledQueryRuns: read-only, as in Stripe; runs come from saved queries. */
export const runOperations: Operation[] = [
  { method: 'GET', path: '/v1/sigma/scheduled_query_runs', handler: (ctx) => listObjects(ctx, RUN, '/v1/sigma/scheduled_query_runs') },
  {
    method: 'GET',
    path: '/v1/sigma/scheduled_query_runs/{scheduled_query_run}',
    handler: (ctx) => load(ctx.core, RUN, ctx.path.scheduled_query_run, 'scheduled query run', 'scheduled_query_run'),
  },
];
