import type { EngineCore } from '../../context.js';
import { csvSink, FileWriter, removeFile, type FileProgress } from '../files/index.js';
import { previousAttributes, save, type Emit } from '../treasury/common.js';
import { transition } from '../treasury/transitions.js';
import { definitionOf, type ReportRun } from './report-runs.js';
import { REPORT_FILE_TTL_SECONDS } from './jobs.js';
import type { ReadPosition, ReadWindow } from './sources.js';
import { REPORT_RUN } from './transitions.js';

/**
 * Records a run reads in one slice: about 25 ms of work on a laptop, so the
 * requests that arrive while a long report is computed wait no longer.
 */
export const SLICE_RECORDS = 2_000;

/** Where a run being computed a slice at a time stands: its file so far and where reading resumes. */
export interface RunProgress {
  file: FileProgress;
  after: ReadPosition;
}

/**
 * Computes one slice of a pending run into its CSV file: up to `slice`
 * records of its data, after where `progress` left off. Returns the progress
 * to continue from, or, once the data is read, the run marked succeeded (or
 * failed with the reason, when it cannot be computed). Runs inside the
 * caller's SQLite transaction; the rows go to the file as they are produced.
 */
export function computeSlice(core: EngineCore, emit: Emit, run: ReportRun, progress: RunProgress | undefined, slice: number): ReportRun | RunProgress {
  transition(REPORT_RUN, 'report run', run, 'succeed');
  const def = definitionOf(run.report_type);
  const now = core.clock.now();
  const file = new FileWriter(
    core,
    {
      purpose: 'finance_report_run',
      filename: () => `${run.id}.csv`,
      title: `FinanceReportRun ${run.id} (${run.report_type})`,
      expiresAt: now + REPORT_FILE_TTL_SECONDS,
    },
    progress?.file,
  );
  try {
    const columns = run.parameters.columns ?? def.defaultColumns;
    const sink = csvSink(file, columns, { writeHeader: !progress });
    const window: ReadWindow = { after: progress?.after ?? null, max: slice };
    def.write({
      core,
      from: run.parameters.interval_start!,
      to: run.parameters.interval_end!,
      params: run.parameters,
      timezone: run.parameters.timezone ?? 'Etc/UTC',
      row: (record) => sink.row(columns.map((c) => record[c])),
      window,
    });
    sink.end();
    // A writer that reads no list (a summary) leaves the window untouched: it is done in one go.
    if (window.next) return { file: file.checkpoint(), after: window.next };
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

/** Whether a slice's outcome is progress to continue from (rather than the finished run). */
export function isProgress(outcome: ReportRun | RunProgress): outcome is RunProgress {
  return 'after' in outcome;
}

/** Computes a pending run whole, in the caller's transaction, and marks it succeeded or failed. */
export function completeRun(core: EngineCore, emit: Emit, run: ReportRun, progress?: RunProgress): ReportRun {
  return computeSlice(core, emit, run, progress, Infinity) as ReportRun;
}

/** Drops the content a run's unfinished computation had written (it is failed, or computed again whole). */
export function discardProgress(core: EngineCore, progress: RunProgress): void {
  removeFile(core, progress.file.id);
}

/** Marks a pending run failed with an error, as Stripe's rare failures are. */
export function failRun(core: EngineCore, emit: Emit, run: ReportRun, error: string): ReportRun {
  transition(REPORT_RUN, 'report run', run, 'fail');
  const failed: ReportRun = { ...run, status: 'failed', error };
  save(core, failed);
  emit('reporting.report_run.failed', failed, previousAttributes(run, failed));
  return failed;
}
