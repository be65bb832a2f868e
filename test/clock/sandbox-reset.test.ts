import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoResult } from '../../src/shared/dashboard-api.js';
import type { DemoProgress } from '../../src/shared/sandbox-api.js';
import { startServer, type TestServer } from '../support/server.js';
import { ALL_FEATURES } from '../treasury/support.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const s = await startServer(options);
  cleanups.push(() => s.close());
  return s;
}

function count(s: TestServer, table: string): number {
  return (s.engine.core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function someState(s: TestServer): Promise<void> {
  await s.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/closed', enabled_events: ['*'] });
  const fa = await s.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: ALL_FEATURES });
  await s.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa.id, amount: 5_000, currency: 'usd', network: 'ach' });
  await s.control('POST', '/clock/advance', { seconds: 3600 });
}

describe('resetting the sandbox', () => {
  it('refuses without an explicit confirmation and changes nothing', async () => {
    const s = await server();
    await someState(s);
    const before = count(s, 'objects');
    for (const body of [{}, { confirm: false }, { confirm: 'yes' }]) {
      const res = await s.control('POST', '/sandbox/reset', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_missing', param: 'confirm' });
    }
    expect(count(s, 'objects')).toBe(before);
    expect((await s.control('GET', '/clock')).body.offset_seconds).toBe(3600);
  });

  it('with confirm: true empties objects, events, deliveries, jobs and the log, and puts the clock back on real time', async () => {
    const s = await server();
    await someState(s);
    expect(count(s, 'objects')).toBeGreaterThan(0);
    const res = await s.control('POST', '/sandbox/reset', { confirm: true });
    expect(res.status).toBe(200);
    expect(res.body.objects_removed).toBeGreaterThan(0);
    for (const table of ['objects', 'deliveries', 'delivery_attempts', 'request_log', 'idempotency_keys', 'endpoint_secrets', 'treasury_account_numbers']) {
      expect(count(s, table), table).toBe(0);
    }
    // Only housekeeping (the daily reporting tick) starts again.
    expect(s.engine.core.scheduler.pending({ foreground: true })).toBe(0);
    const clock = (await s.control('GET', '/clock')).body;
    expect(clock).toMatchObject({ offset_seconds: 0, next_scheduled_at: null });
    expect(Math.abs(clock.now - Date.now() / 1000)).toBeLessThan(5);
    expect((await s.stripe.webhookEndpoints.list()).data).toEqual([]);
    // A working sandbox afterwards, the schema intact.
    const fa = await s.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: ALL_FEATURES });
    expect(fa.balance.cash.usd).toBe(0);
  });
});

describe('the demo', () => {
  it('runs in a fresh sandbox: refuses a busy one without confirmation, resets it with one', async () => {
    const s = await server();
    await someState(s);
    const mine = (await s.stripe.treasury.financialAccounts.list()).data[0].id;
    const refused = await s.control('POST', '/dashboard/demo', {});
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ param: 'confirm', message: expect.stringContaining('fresh sandbox') });
    expect((await s.control<DemoProgress>('GET', '/dashboard/demo')).body.state).toBe('idle');

    // A second start while it runs (another tab, a script) is refused: of two sent together, one runs
    // and the other is answered at once, long before the demo ends.
    const starts = [s.control('POST', '/dashboard/demo', { confirm: true }), s.control('POST', '/dashboard/demo', { confirm: true })];
    const again = await Promise.race(starts);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already running/);
    const during = (await s.control<DemoProgress>('GET', '/dashboard/demo')).body;
    expect(during).toMatchObject({ state: 'running', chapters: 6 });

    const answers = await Promise.all(starts);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const done = answers.find((a) => a.status === 200) as { status: number; body: DemoResult };
    expect(done.status).toBe(200);
    expect(done.body.steps.filter((step) => !step.ok)).toEqual([]);
    const accounts = (await s.stripe.treasury.financialAccounts.list()).data.map((a) => a.id);
    expect(accounts).not.toContain(mine);
    expect(accounts.sort()).toEqual([...done.body.financial_accounts].sort());
    const endpoints = (await s.stripe.webhookEndpoints.list()).data;
    expect(endpoints.map((e) => e.id)).toEqual([done.body.endpoint]);
    const progress = (await s.control<DemoProgress>('GET', '/dashboard/demo')).body;
    expect(progress).toMatchObject({ state: 'done', chapter: 6, chapters: 6, refused: [], error: null });
    // The receiver was down for two hours and came back before any delivery ran out of retries.
    const states = s.engine.core.db.prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status').all();
    expect(states).toEqual([{ status: 'succeeded', n: expect.any(Number) }]);
    expect(count(s, 'delivery_attempts')).toBeGreaterThan(count(s, 'deliveries'));
  }, 60_000);

  it('re-creates its receiver after a restart, so its endpoint keeps receiving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterfoil-demo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'sandbox.db');
    const first = await startServer({ dbPath });
    const demo = await first.control<DemoResult>('POST', '/dashboard/demo', {});
    expect(demo.status).toBe(200);
    const oldUrl = (await first.stripe.webhookEndpoints.retrieve(demo.body.endpoint!)).url;
    // Endpoints of the user's own, one with a look-alike tag: a restart leaves them as they were.
    const own = await first.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/own', enabled_events: ['*'] });
    const alike = await first.stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/alike',
      enabled_events: ['*'],
      metadata: { counterfoil_demo: 'something-else' },
    });
    await first.close();

    const second = await server({ dbPath });
    const ep = await second.stripe.webhookEndpoints.retrieve(demo.body.endpoint!);
    expect(ep.url).not.toBe(oldUrl);
    expect(ep.metadata).toEqual({ counterfoil_demo: 'ledger-sync' });
    expect((await second.stripe.webhookEndpoints.retrieve(own.id)).url).toBe('http://127.0.0.1:9/own');
    expect((await second.stripe.webhookEndpoints.retrieve(alike.id)).url).toBe('http://127.0.0.1:9/alike');
    const sent = await second.control('POST', `/webhook_endpoints/${ep.id}/test`, { type: 'treasury.financial_account.created' });
    await second.engine.drainWebhooks();
    const delivery = second.engine.core.db.prepare('SELECT status, last_status FROM deliveries WHERE event_id = ?').get(sent.body.id);
    expect(delivery).toEqual({ status: 'succeeded', last_status: 200 });
  }, 60_000);
});
