import { createRequire } from 'node:module';
import type { EngineCore } from '../../context.js';
import { betterSqliteEntry, nativeBindingPath } from '../../store/native-binding.js';
import { QUERY_CHILD_SOURCE } from './child-source.js';
import { buildSnapshot } from './snapshot.js';

export type QueryStatus = 'completed' | 'failed' | 'timed_out';

export interface QueryOptions {
  /** Query the data as of this sandbox time (objects created by then). */
  asOf?: number;
  /** Real milliseconds the query may take before it is killed. */
  timeoutMs: number;
  /** More rows than this fail the query. */
  maxRows: number;
  onColumns(columns: string[]): void;
  onRow(row: unknown[]): void;
}

export interface QueryOutcome {
  status: QueryStatus;
  error?: string;
  rows: number;
}

const load = createRequire(import.meta.url);

type Line = { columns: string[] } | { done: number } | { error: string } | { tooMany: number } | unknown[];

/**
 * Runs SQL over a snapshot of the sandbox in a child process that cannot
 * reach the sandbox's database, streaming rows to the callbacks as they
 * come. A query past its time is killed (`timed_out`); bad SQL or a write is
 * `failed` with SQLite's message.
 */
export async function runSql(core: EngineCore, sql: string, options: QueryOptions): Promise<QueryOutcome> {
  const image = buildSnapshot(core, sql, options.asOf);
  // Loaded with the first query: a start that runs none needs neither. (Through require: an
  // import() in the bundle finds no loader on Node 20 once the code cache compiled it.)
  const { spawn } = load('node:child_process') as typeof import('node:child_process');
  const { createInterface } = load('node:readline') as typeof import('node:readline');
  const child = spawn(process.execPath, ['-e', QUERY_CHILD_SOURCE], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let outcome: QueryOutcome | undefined;
  let rows = 0;
  let stderr = '';
  const settle = (o: QueryOutcome) => {
    if (!outcome) outcome = o;
  };
  const timer = setTimeout(() => {
    settle({ status: 'timed_out', error: `The query ran longer than ${options.timeoutMs} ms and was canceled.`, rows });
    child.kill('SIGKILL');
  }, options.timeoutMs);
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (text) => {
    if (outcome) return;
    try {
      const line = JSON.parse(text) as Line;
      if (Array.isArray(line)) {
        rows++;
        options.onRow(line);
      } else if ('columns' in line) options.onColumns(line.columns);
      else if ('done' in line) settle({ status: 'completed', rows });
      else if ('error' in line) settle({ status: 'failed', error: line.error, rows });
      else if ('tooMany' in line) settle({ status: 'failed', error: `The query returned more than ${line.tooMany} rows; narrow it with WHERE or LIMIT.`, rows });
    } catch (err) {
      settle({ status: 'failed', error: (err as Error).message, rows });
      child.kill('SIGKILL');
    }
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stdin.on('error', () => {});
  child.stdin.end(Buffer.concat([Buffer.from(`${JSON.stringify({ module: betterSqliteEntry(), binding: nativeBindingPath() ?? null, sql, maxRows: options.maxRows })}\n`), image]));
  await closed;
  clearTimeout(timer);
  return outcome ?? { status: 'failed', error: `The query process ended unexpectedly. ${stderr.trim()}`.trim(), rows };
}
