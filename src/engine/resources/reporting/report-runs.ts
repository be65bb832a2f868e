import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { invalidRequest, parameterMissing, resourceMissing, StripeError } from '../../errors.js';
import { listObjects } from '../../http/list.js';
import { newId } from '../../ids.js';
import type { StripeObject } from '../../store/objects.js';
import { load } from '../treasury/common.js';
import { availabilityOf } from './availability.js';
import { reportDefinition, type ParamName, type ReportDefinition, type RunParameters } from './catalog.js';
import { isCurrency, isTimeZone } from './format.js';
import { JOBS, RUN_DELAY_SECONDS } from './jobs.js';
import type { ReportRunStatus } from './transitions.js';

export const REPORT_RUN = 'reporting.report_run';

export interface ReportRun extends StripeObject {
  object: 'reporting.report_run';
  created: number;
  error: string | null;
  livemode: false;
  parameters: RunParameters;
  report_type: string;
  result: StripeObject | null;
  status: ReportRunStatus;
  succeeded_at: number | null;
}

const param = (name: string) => `parameters[${name}]`;

function unknownType(id: string, status = 400): StripeError {
  return new StripeError(status, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param: 'report_type',
    message: `No such report type: '${id}'`,
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
  });
}

/** The report type of an id, or Stripe's error naming the param. */
export function definitionOf(id: string, status = 400): ReportDefinition {
  const def = reportDefinition(id);
  if (!def) throw unknownType(id, status);
  return def;
}

/**
 * Checks a run's parameters against its type, as Stripe does before it
 * accepts a run: the interval within the type's data, known columns, and
 * only the params the type takes. Returns them normalized.
 */
export function checkParameters(core: EngineCore, def: ReportDefinition, given: RunParameters): RunParameters {
  for (const key of Object.keys(given) as ParamName[]) {
    if (key === 'interval_start' || key === 'interval_end' || def.accepts.includes(key)) continue;
    throw invalidRequest(`The parameter \`${key}\` is not supported by report type ${def.id}.`, param(key));
  }
  const { interval_start: start, interval_end: end } = given;
  if (start === undefined) throw parameterMissing(param('interval_start'));
  if (end === undefined) throw parameterMissing(param('interval_end'));
  if (start >= end) {
    throw invalidRequest(`interval_start (${start}) must be before interval_end (${end}).`, param('interval_start'));
  }
  const available = availabilityOf(core, def);
  if (start < available.start) {
    throw invalidRequest(
      `Data for the report type ${def.id} is only available from ${available.start}; you requested interval_start = ${start}.`,
      param('interval_start'),
    );
  }
  if (end > available.end) {
    throw invalidRequest(
      `Data for the report type ${def.id} is only available through ${available.end}; you requested interval_end = ${end}.`,
      param('interval_end'),
    );
  }
  const out: RunParameters = { ...given };
  if (given.currency !== undefined) {
    const currency = given.currency.toLowerCase();
    if (!/^[a-z]{3}$/.test(currency) || !isCurrency(currency)) throw invalidRequest(`Invalid currency: ${given.currency}`, param('currency'));
    out.currency = currency;
  }
  if (given.timezone !== undefined && !isTimeZone(given.timezone)) throw invalidRequest(`Invalid timezone: ${given.timezone}`, param('timezone'));
  if (given.columns !== undefined) {
    if (given.columns.length === 0) delete out.columns;
    for (const column of given.columns) {
      if (!def.columns.includes(column)) {
        throw invalidRequest(
          `Unknown column \`${column}\` for report type ${def.id}. Valid columns are: ${def.columns.join(', ')}.`,
          param('columns'),
        );
      }
    }
    if (new Set(given.columns).size !== given.columns.length) throw invalidRequest('Each column may be requested only once.', param('columns'));
  }
  if (given.financial_account !== undefined && !core.store.get(given.financial_account, 'treasury.financial_account')) {
    throw new StripeError(400, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: param('financial_account'),
      message: `No such financial account: '${given.financial_account}'`,
      doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    });
  }
  return out;
}

function createRun(ctx: RequestContext): ReportRun {
  const { core } = ctx;
  const def = definitionOf(ctx.params.report_type);
  const parameters = checkParameters(core, def, (ctx.params.parameters ?? {}) as RunParameters);
  const run: ReportRun = {
    id: newId('reporting.report_run'),
    object: REPORT_RUN,
    created: core.clock.now(),
    error: null,
    livemode: false,
    parameters,
    report_type: def.id,
    result: null,
    status: 'pending',
    succeeded_at: null,
  };
  core.store.insert(run);
  core.changes.publish({ kind: 'object', type: REPORT_RUN, id: run.id });
  core.scheduler.schedule(JOBS.finishRun, run.created + RUN_DELAY_SECONDS, { id: run.id });
  return run;
}

/** ReportRuns: create (pending, computed on the sandbox clock), retrieve, list. */
export const reportRunOperations: Operation[] = [
  { method: 'POST', path: '/v1/reporting/report_runs', handler: createRun },
  { method: 'GET', path: '/v1/reporting/report_runs', handler: (ctx) => listObjects(ctx, REPORT_RUN, '/v1/reporting/report_runs') },
  {
    method: 'GET',
    path: '/v1/reporting/report_runs/{report_run}',
    handler: (ctx) => load(ctx.core, REPORT_RUN, ctx.path.report_run, 'report run', 'report_run'),
  },
];

export function loadRun(core: EngineCore, id: string): ReportRun {
  const run = core.store.get<ReportRun>(id, REPORT_RUN);
  if (!run) throw resourceMissing('report run', id);
  return run;
}
