import type { ControlRoute, EngineCore } from '../../context.js';
import { invalidRequest, resourceMissing } from '../../errors.js';
import { newId } from '../../ids.js';
import type { StripeObject } from '../../store/objects.js';
import { atomically, stmt } from '../../store/statements.js';
import { nextBoundary, SCHEDULES, type Schedule } from './periods.js';
import { enqueueRun, RUN } from './runs.js';

/** A query saved to run on a schedule: what Stripe's Dashboard holds, kept here as a sandbox object. */
export interface ScheduledQuery extends StripeObject {
  object: 'sigma.scheduled_query';
  created: number;
  title: string;
  sql: string;
  schedule: Schedule;
  next_run_at: number;
  last_run: string | null;
  livemode: false;
}

export const QUERY = 'sigma.scheduled_query';
export const RUN_JOB = 'sigma.scheduled_query.run';
// A clock jump of years runs at most this many past periods of a query, the latest ones.
const MAX_CATCH_UP = 31;

function loadQuery(core: EngineCore, id: string): ScheduledQuery {
  const q = core.store.get<ScheduledQuery>(id, QUERY);
  if (!q) throw resourceMissing('scheduled query', id);
  return q;
}

function text(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest(`${name} must be a non-empty string.`, name);
  if (value.length > max) throw invalidRequest(`${name} must be at most ${max} characters.`, name);
  return value;
}

/** A timeout the caller may give a run-now, within bounds. */
export function timeoutOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 50 || ms > 600_000) throw invalidRequest('timeout_ms must be an integer from 50 to 600000.', 'timeout_ms');
  return ms;
}

/** The saved query's run at a period boundary, then the next boundary scheduled. */
export function registerQueryJobs(core: EngineCore): void {
  core.scheduler.on(RUN_JOB, (p: { id: string; at: number }) => {
    const q = core.store.get<ScheduledQuery>(p.id, QUERY);
    if (!q) return;
    let next = nextBoundary(p.at, q.schedule);
    const now = core.clock.now();
    const ahead: number[] = [];
    for (let t = next; t <= now && ahead.length < 10_000; t = nextBoundary(t, q.schedule)) ahead.push(t);
    if (ahead.length > MAX_CATCH_UP) next = ahead[ahead.length - MAX_CATCH_UP];
    core.store.update({ ...q, next_run_at: next });
    core.scheduler.schedule(RUN_JOB, next, { id: q.id, at: next });
    // The job's transaction cannot take the snapshot; the run starts once it committed.
    setImmediate(() => {
      // A sandbox stopped in between has nothing left to run against.
      if (!core.db.open) return;
      runSaved(core, q.id, p.at).catch((err) => {
        if (core.db.open) console.error('[counterfoil] scheduled query failed to run:', err);
      });
    });
  });
}

async function runSaved(core: EngineCore, id: string, asOf?: number, timeoutMs?: number) {
  const q = loadQuery(core, id);
  const run = await enqueueRun(core, { title: q.title, sql: q.sql, query: q.id, asOf, timeoutMs });
  const latest = core.store.get<ScheduledQuery>(id, QUERY);
  if (latest) {
    core.store.update({ ...latest, last_run: run.id });
    core.changes.publish({ kind: 'object', type: QUERY, id });
  }
  return run;
}

/** Saved queries: create, list, delete, run now. Documented in docs/sigma.md. */
export const scheduledQueryControls: ControlRoute[] = [
  {
    method: 'POST',
    path: '/sigma/scheduled_queries',
    handler: ({ core, body }) => {
      const title = text(body.title, 'title', 5_000);
      const sql = text(body.sql, 'sql', 100_000);
      const schedule = body.schedule ?? 'daily';
      if (!SCHEDULES.includes(schedule)) throw invalidRequest(`schedule must be one of ${SCHEDULES.join(', ')}.`, 'schedule');
      const created = core.clock.now();
      const q: ScheduledQuery = {
        id: newId('sigma.scheduled_query'),
        object: QUERY,
        created,
        title,
        sql,
        schedule,
        next_run_at: nextBoundary(created, schedule),
        last_run: null,
        livemode: false,
      };
      return atomically(core.db, () => {
        core.store.insert(q);
        core.scheduler.schedule(RUN_JOB, q.next_run_at, { id: q.id, at: q.next_run_at });
        core.changes.publish({ kind: 'object', type: QUERY, id: q.id });
        return q;
      });
    },
  },
  {
    method: 'GET',
    path: '/sigma/scheduled_queries',
    handler: ({ core }) => ({ object: 'list', data: [...core.store.iterate<ScheduledQuery>(QUERY)].reverse() }),
  },
  {
    method: 'DELETE',
    path: '/sigma/scheduled_queries/:id',
    handler: ({ core, params }) => {
      loadQuery(core, params.id);
      return atomically(core.db, () => {
        core.scheduler.cancel(RUN_JOB, (p) => p.id === params.id);
        core.store.delete(params.id);
        core.changes.publish({ kind: 'object', type: QUERY, id: params.id });
        return { id: params.id, object: QUERY, deleted: true };
      });
    },
  },
  {
    method: 'POST',
    path: '/sigma/scheduled_queries/:id/run',
    handler: ({ core, params, body }) => {
      loadQuery(core, params.id);
      return runSaved(core, params.id, undefined, timeoutOf(body.timeout_ms));
    },
  },
  {
    method: 'GET',
    path: '/sigma/scheduled_queries/:id/runs',
    handler: ({ core, params }) => {
      loadQuery(core, params.id);
      const rows = stmt(core.db, 'SELECT data FROM objects WHERE type = ? AND owner = ? ORDER BY seq DESC LIMIT 100').all(RUN, params.id) as { data: string }[];
      return { object: 'list', data: rows.map((r) => JSON.parse(r.data)) };
    },
  },
];
