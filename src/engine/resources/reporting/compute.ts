import type { EngineCore } from '../../context.js';
import { csvSink, FileWriter } from '../files/index.js';
import { previousAttributes, save, type Emit } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { definitionOf, type ReportRun } from './report-runs.js';
import { REPORT_FILE_TTL_SECONDS } from './jobs.js';
import { REPORT_RUN } from './transitions.js';

/**
 * Computes a pending run into its CSV file and marks it succeeded, or, when
 * it cannot be computed, failed with the reason. Runs inside the caller's
 * SQLite transaction; the rows go to the file as they are produced.
 */
export function completeRun(core: EngineCore, emit: Emit, run: ReportRun): ReportRun {
  transition(REPORT_RUN, 'report run', run, 'succeed');
  const def = definitionOf(run.report_type);
  const now = core.clock.now();
  const file = new FileWriter(core, {
    purpose: 'finance_report_run',
    filename: () => `${run.id}.csv`,
    title: `FinanceReportRun ${run.id} (${run.report_type})`,
    expiresAt: now + REPORT_FILE_TTL_SECONDS,
  });
  try {
    const columns = run.parameters.columns ?? def.defaultColumns;
    const sink = csvSink(file, columns);
    def.write({
      core,
      from: run.parameters.interval_start!,
      to: run.parameters.interval_end!,
      params: run.parameters,
      timezone: run.parameters.timezone ?? 'Etc/UTC',
      row: (record) => sink.row(columns.map((c) => record[c])),
    });
    sink.end();
    const result = file.finish();
    const done: ReportRun = { ...run, status: 'succeeded', result, succeeded_at: now };
    save(core, done);
    emit('reporting.report_run.succeeded', done, previousAttributes(run, done));
    return done;
  } catch (err) {
    file.abort();
    console.error(`[counterfoil] report run ${run.id} could not be computed:`, err);
    return failRun(core, emit, run, `The report could not be computed: ${(err as Error).message}`);
  }
}

/** Marks a pending run failed with an error, as Stripe's rare failures are. */
export function failRun(core: EngineCore, emit: Emit, run: ReportRun, error: string): ReportRun {
  transition(REPORT_RUN, 'report run', run, 'fail');
  const failed: ReportRun = { ...run, status: 'failed', error };
  save(core, failed);
  emit('reporting.report_run.failed', failed, previousAttributes(run, failed));
  return failed;
}
