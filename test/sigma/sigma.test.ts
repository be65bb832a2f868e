import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nextBoundary } from '../../src/engine/resources/sigma/periods.js';
import { download, records } from '../reporting/support.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { rawApi } from '../support/server.js';
import { START, startTreasury, type TreasuryServer } from '../treasury/support.js';

let s: TreasuryServer;
let receiver: Receiver;
let secret: string;
let fa: string;
const DAY = 86_400;

beforeAll(async () => {
  s = await startTreasury();
  receiver = await startReceiver();
  secret = (await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['sigma.scheduled_query_run.created'] })).secret!;
  fa = (await s.account()).id;
  for (let i = 0; i < 8; i++) await s.fund(fa, 2_500 + i);
  const obp = await s.stripe.treasury.outboundPayments.create({ financial_account: fa, amount: 1_234, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
  await s.stripe.testHelpers.treasury.outboundPayments.post(obp.id);
}, 60_000);
afterAll(async () => {
  await s.close();
  await receiver.close();
});

async function save(sql: string, schedule = 'daily', title = 'Test query') {
  const res = await s.control('POST', '/sigma/scheduled_queries', { title, sql, schedule });
  expect(res.status).toBe(200);
  return res.body as { id: string; next_run_at: number };
}

async function runNow(sql: string, timeout_ms?: number) {
  const q = await save(sql);
  const res = await s.control('POST', `/sigma/scheduled_queries/${q.id}/run`, timeout_ms ? { timeout_ms } : {});
  expect(res.status).toBe(200);
  // Saved only to run once: left in place, it would also run at every sandbox midnight.
  await s.control('DELETE', `/sigma/scheduled_queries/${q.id}`);
  return res.body as Stripe.Sigma.ScheduledQueryRun & { error?: { message: string } };
}

async function objectCount(): Promise<number> {
  return (s.engine.core.db.prepare(`SELECT count(*) AS n FROM objects WHERE type != 'event'`).get() as { n: number }).n;
}

describe('tables shaped like Sigma\'s', () => {
  test('the Treasury tables exist with their columns, generated from the description', async () => {
    const res = await s.control('GET', '/sigma/tables');
    const tables = new Map((res.body.data as { name: string; columns: string[] }[]).map((t) => [t.name, t.columns]));
    for (const name of ['treasury_transactions', 'treasury_transaction_entries', 'treasury_outbound_payments', 'treasury_received_credits', 'treasury_financial_accounts', 'tax_transactions']) {
      expect(tables.has(name), name).toBe(true);
    }
    expect(tables.get('treasury_transaction_entries')).toEqual(expect.arrayContaining(['id', 'balance_impact_cash', 'transaction_id', 'financial_account', 'effective_at', 'type']));
    expect(tables.has('webhook_endpoints')).toBe(false);
  });
});

describe('a query run', () => {
  test('completes into a CSV whose rows are the API\'s entries', async () => {
    const run = await runNow('SELECT id, balance_impact_cash AS cash, type FROM treasury_transaction_entries ORDER BY id');
    expect(run).toMatchObject({ object: 'scheduled_query_run', status: 'completed', title: 'Test query', livemode: false });
    const got = await s.stripe.sigma.scheduledQueryRuns.retrieve(run.id);
    expectMatchesSpec('GET', '/v1/sigma/scheduled_query_runs/{scheduled_query_run}', got);
    expect(got.file).toMatchObject({ purpose: 'sigma_scheduled_query', type: 'csv', filename: `${run.id}.csv` });
    expect(got.data_load_time).toBe(s.engine.core.clock.now());
    expect(got.result_available_until).toBe(got.created + 30 * DAY);
    const csv = await download(got.file!.url!);
    const rows = records(csv.text);
    const entries = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 100 });
    expect(rows.map((r) => r.id)).toEqual(entries.data.map((e) => e.id).sort());
    const cash = rows.reduce((n, r) => n + Number(r.cash), 0);
    expect(cash).toBe((await s.balance(fa)).cash);
  });

  test('aggregates agree with the ledger', async () => {
    const run = await runNow(`SELECT currency, sum(amount) AS total, count(*) AS n FROM treasury_received_credits WHERE status = 'succeeded' GROUP BY currency`);
    const [row] = records((await download(run.file!.url!)).text);
    expect(row).toEqual({ currency: 'usd', total: String(8 * 2_500 + 28), n: '8' });
  });

  test('bad SQL is a failed run with the error message, not a 500', async () => {
    const before = await objectCount();
    const run = await runNow('SELEC id FROM treasury_transactions');
    expect(run.status).toBe('failed');
    expect(run.error?.message).toContain('syntax error');
    expect(run.file).toBeNull();
    const raw = await rawApi(s.url, 'GET', `/v1/sigma/scheduled_query_runs/${run.id}`);
    expectMatchesSpec('GET', '/v1/sigma/scheduled_query_runs/{scheduled_query_run}', raw.body);
    // The Node SDK reads any top-level `error` as an API error, as with Stripe's own failed runs.
    await expect(s.stripe.sigma.scheduledQueryRuns.retrieve(run.id)).rejects.toThrow();
    // The run is all that was written (its saved query is deleted again).
    expect(await objectCount()).toBe(before + 1);
  });

  test.each([
    ['a delete', 'DELETE FROM treasury_transactions', 'Only a query that returns rows'],
    ['an insert returning rows', "INSERT INTO treasury_transactions (id) VALUES ('x') RETURNING id", 'read-only'],
    ['a pragma that writes', 'PRAGMA query_only = 0', 'Only a query that returns rows'],
    ['the sandbox\'s own tables', 'SELECT * FROM objects', 'no such table: objects'],
    ['the webhook secrets', 'SELECT * FROM webhook_endpoints', 'no such table: webhook_endpoints'],
    ['another database', "ATTACH DATABASE '/tmp/x.db' AS x", 'Only a query that returns rows'],
  ])('%s is refused and the sandbox is unchanged', async (_name, sql, message) => {
    const entries = (s.engine.core.db.prepare(`SELECT count(*) AS n FROM objects WHERE type LIKE 'treasury.%'`).get() as { n: number }).n;
    const run = await runNow(sql);
    expect(run.status).toBe('failed');
    expect(run.error?.message).toContain(message);
    expect((s.engine.core.db.prepare(`SELECT count(*) AS n FROM objects WHERE type LIKE 'treasury.%'`).get() as { n: number }).n).toBe(entries);
  });

  test('a runaway query is canceled and its run timed_out', async () => {
    const started = Date.now();
    const run = await runNow('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c', 300);
    expect(run.status).toBe('timed_out');
    expect(run.error?.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('runs list newest first and each fired sigma.scheduled_query_run.created', async () => {
    const list = await rawApi(s.url, 'GET', '/v1/sigma/scheduled_query_runs?limit=100');
    expectMatchesSpec('GET', '/v1/sigma/scheduled_query_runs', list.body);
    const ids = (list.body.data as { id: string }[]).map((r) => r.id);
    await s.engine.drainWebhooks();
    const events = receiver.received.map((r) => s.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, secret));
    expect(events.every((e) => e.type === 'sigma.scheduled_query_run.created')).toBe(true);
    expect(new Set(events.map((e) => (e.data.object as { id: string }).id))).toEqual(new Set(ids));
    const completed = await s.stripe.sigma.scheduledQueryRuns.list({ limit: 1 });
    expect(completed.data).toHaveLength(1);
  });

  test('an unknown run is a 404', async () => {
    await expect(s.stripe.sigma.scheduledQueryRuns.retrieve('sqr_nope')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});

describe('saved queries', () => {
  test('bad input is refused and saves nothing', async () => {
    const before = (await s.control('GET', '/sigma/scheduled_queries')).body.data.length;
    for (const [body, param] of [
      [{ sql: 'SELECT 1', schedule: 'daily' }, 'title'],
      [{ title: 'x', schedule: 'daily' }, 'sql'],
      [{ title: 'x', sql: 'SELECT 1', schedule: 'hourly' }, 'schedule'],
    ] as const) {
      const res = await s.control('POST', '/sigma/scheduled_queries', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param });
    }
    expect((await s.control('GET', '/sigma/scheduled_queries')).body.data.length).toBe(before);
    expect((await s.control('POST', '/sigma/scheduled_queries/sq_nope/run')).status).toBe(404);
  });

  test('a daily query runs as the sandbox clock passes midnight, over the data as of then', async () => {
    const q = await save('SELECT count(*) AS n FROM treasury_received_credits', 'daily', 'Daily credits');
    expect(q.next_run_at).toBe(START + DAY);
    await s.advance(DAY + 60);
    await s.fund(fa, 1); // after midnight: not in the day's snapshot
    const runs = await waitForRuns(q.id, 1);
    expect(runs[0]).toMatchObject({ status: 'completed', title: 'Daily credits', data_load_time: START + DAY });
    expect(records((await download(runs[0].file.url)).text)).toEqual([{ n: '8' }]);
    const listed = (await s.control('GET', '/sigma/scheduled_queries')).body.data.find((x: { id: string }) => x.id === q.id);
    expect(listed).toMatchObject({ next_run_at: START + 2 * DAY, last_run: runs[0].id });

    // Deleted, it runs no more.
    expect((await s.control('DELETE', `/sigma/scheduled_queries/${q.id}`)).body).toEqual({ id: q.id, object: 'sigma.scheduled_query', deleted: true });
    await s.advance(DAY);
    await new Promise((r) => setTimeout(r, 300));
    expect((await s.control('GET', `/sigma/scheduled_queries/${q.id}/runs`)).status).toBe(404);
    const all = await rawApi(s.url, 'GET', '/v1/sigma/scheduled_query_runs?limit=100');
    expect((all.body.data as { title: string }[]).filter((r) => r.title === 'Daily credits')).toHaveLength(1);
  });

  test('weekly and monthly periods end on Monday and on the first, UTC', () => {
    // 2026-01-01 is a Thursday.
    expect(new Date(nextBoundary(START, 'weekly') * 1000).toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(new Date(nextBoundary(START + 5 * DAY, 'weekly') * 1000).toISOString()).toBe('2026-01-12T00:00:00.000Z');
    expect(new Date(nextBoundary(START, 'monthly') * 1000).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(new Date(nextBoundary(Date.UTC(2026, 11, 15) / 1000, 'monthly') * 1000).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

async function waitForRuns(queryId: string, n: number): Promise<any[]> {
  for (let i = 0; i < 100; i++) {
    const res = await s.control('GET', `/sigma/scheduled_queries/${queryId}/runs`);
    if (res.body.data.length >= n) return res.body.data;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${n} runs of ${queryId}`);
}
