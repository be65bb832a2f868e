import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/engine/clock.js';
import { SLICE_RECORDS } from '../../src/engine/resources/reporting/compute.js';
import { JOBS } from '../../src/engine/resources/reporting/jobs.js';
import { rawApi, startServer, TEST_KEY, type TestServer } from '../support/server.js';
import { START } from '../treasury/support.js';
import { download } from './support.js';

const TYPE = 'treasury.transaction_entries.itemized.1';
const ENTRIES = 3 * SLICE_RECORDS + 500;
const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function start(dbPath = ':memory:'): Promise<TestServer> {
  const s = await startServer({ clock: fixedClock(START), dbPath });
  servers.push(s);
  return s;
}

/** A sandbox with more entries than one slice reads, and a day for them to become reportable. */
async function seeded(s: TestServer): Promise<Record<string, string>> {
  expect((await s.control('POST', '/dashboard/seed', { entries: ENTRIES })).status).toBe(200);
  expect((await s.control('POST', '/clock/advance', { seconds: 86_400 })).status).toBe(200);
  const type = await s.stripe.reporting.reportTypes.retrieve(TYPE);
  return { 'parameters[interval_start]': String(type.data_available_start), 'parameters[interval_end]': String(type.data_available_end) };
}

async function createRun(s: TestServer, interval: Record<string, string>): Promise<string> {
  const res = await rawApi(s.url, 'POST', '/v1/reporting/report_runs', new URLSearchParams({ report_type: TYPE, ...interval }).toString());
  expect(res.status).toBe(200);
  return res.body.id;
}

async function csvOf(s: TestServer, id: string): Promise<string> {
  const run = await s.stripe.reporting.reportRuns.retrieve(id);
  expect(run.status).toBe('succeeded');
  return (await download(run.result!.url!, TEST_KEY)).text;
}

const pendingSlices = (s: TestServer) => s.engine.core.db.prepare('SELECT count(*) AS n FROM jobs WHERE kind = ?').get(JOBS.continueRun) as { n: number };

describe('a report longer than one slice', () => {
  it('is computed a slice at a time as real time passes, answering requests in between, into the same file as in one go', async () => {
    const s = await start();
    const interval = await seeded(s);
    const whole = await createRun(s, interval);
    const csv = await csvOf(s, (await s.control('POST', `/reporting/report_runs/${whole}/finish`)).body.id);
    expect(csv.trimEnd().split('\n')).toHaveLength(ENTRIES + 1);

    const sliced = await createRun(s, interval);
    // Its timer falls due without an advance (which would run every slice at once): real time runs it.
    s.engine.core.clock.advance(5);
    s.engine.core.scheduler.arm();
    let answeredWhilePending = 0;
    for (;;) {
      const run = await s.stripe.reporting.reportRuns.retrieve(sliced);
      if (run.status !== 'pending') break;
      if (pendingSlices(s).n > 0) answeredWhilePending++;
      await new Promise((r) => setImmediate(r));
    }
    expect(answeredWhilePending).toBeGreaterThan(0);
    expect(await csvOf(s, sliced)).toBe(csv);
    expect(pendingSlices(s).n).toBe(0);
  }, 60_000);

  it('resumes after a restart from the last slice committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterfoil-slices-'));
    dirs.push(dir);
    const dbPath = join(dir, 'sandbox.db');
    let s = await start(dbPath);
    const interval = await seeded(s);
    const whole = await createRun(s, interval);
    const csv = await csvOf(s, (await s.control('POST', `/reporting/report_runs/${whole}/finish`)).body.id);

    const sliced = await createRun(s, interval);
    s.engine.core.clock.advance(5);
    // One slice (its budget ends after the first job), then the sandbox stops.
    s.engine.core.scheduler.runDue({ budgetMs: 1 });
    expect(pendingSlices(s).n).toBe(1);
    await servers.pop()!.close();

    s = await start(dbPath);
    expect((await s.stripe.reporting.reportRuns.retrieve(sliced)).status).toBe('pending');
    expect(pendingSlices(s).n).toBe(1);
    // The test clock starts again where it started, before the seed's history: advance past the slice's time.
    const { created } = await s.stripe.reporting.reportRuns.retrieve(sliced);
    expect((await s.control('POST', '/clock/advance', { seconds: created + 10 - s.engine.core.clock.now() })).status).toBe(200);
    expect(await csvOf(s, sliced)).toBe(csv);
  }, 60_000);

  it('finished or failed from its controls mid-way, leaves no slice behind and no orphaned content', async () => {
    const s = await start();
    const interval = await seeded(s);
    const chunks = () => (s.engine.core.db.prepare('SELECT count(*) AS n FROM file_chunks').get() as { n: number }).n;
    const whole = await createRun(s, interval);
    const csv = await csvOf(s, (await s.control('POST', `/reporting/report_runs/${whole}/finish`)).body.id);
    const before = chunks();

    const failed = await createRun(s, interval);
    s.engine.core.clock.advance(5);
    s.engine.core.scheduler.runDue({ budgetMs: 1 });
    expect(chunks()).toBeGreaterThan(before);
    expect((await s.control('POST', `/reporting/report_runs/${failed}/fail`)).body.status).toBe('failed');
    expect(pendingSlices(s).n).toBe(0);
    expect(chunks()).toBe(before);

    const finished = await createRun(s, interval);
    s.engine.core.clock.advance(5);
    s.engine.core.scheduler.runDue({ budgetMs: 1 });
    expect(pendingSlices(s).n).toBe(1);
    expect((await s.control('POST', `/reporting/report_runs/${finished}/finish`)).body.status).toBe('succeeded');
    expect(pendingSlices(s).n).toBe(0);
    expect(await csvOf(s, finished)).toBe(csv);
  }, 60_000);
});
