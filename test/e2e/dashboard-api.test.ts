import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveChange, TimelinePage } from '../../src/shared/dashboard-api.js';
import { startSandbox, type Sandbox } from './support/harness.js';

let sandbox: Sandbox;
let account: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  const seeded = await sandbox.control<{ financial_account: string }>('POST', '/dashboard/seed', { entries: 6_000 });
  account = seeded.financial_account;
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
});

const page = (query: string) => sandbox.control<TimelinePage>('GET', `/dashboard/timeline?${query}`);

describe('dashboard API: timeline', () => {
  it('running balances are the same whether read before or after the index is built, at any depth', async () => {
    // A fresh engine answers the first pages before its index exists: anchored on the account's balance.
    const early = await Promise.all([page('limit=50'), page('limit=50&offset=3000'), page('limit=50&offset=5950')]);
    await sandbox.control('GET', '/dashboard/balances'); // waits for the index
    const late = await Promise.all([page('limit=50'), page('limit=50&offset=3000'), page('limit=50&offset=5950')]);
    expect(late.map((p) => p.data.map((e) => e.running_balance))).toEqual(early.map((p) => p.data.map((e) => e.running_balance)));
    // And each equals the one below it plus its own impact.
    const rows = late[1].data;
    for (let i = 0; i < rows.length - 1; i++) {
      expect(rows[i].running_balance.cash).toBe(rows[i + 1].running_balance.cash + rows[i].balance_impact.cash);
    }
    const fa = await sandbox.stripe.treasury.financialAccounts.retrieve(account);
    expect(late[0].data[0].running_balance.cash).toBe(fa.balance.cash.usd);
    expect(late[2].data.at(-1)!.running_balance.cash).toBe(late[2].data.at(-1)!.balance_impact.cash);
  });

  it('pages by offset and by cursor, newest first, and counts what matches', async () => {
    const first = await page('limit=10');
    expect(first.total).toBe(6_000);
    const byCursor = await page(`limit=10&starting_after=${first.data[9].id}`);
    const byOffset = await page('limit=10&offset=10');
    expect(byCursor.data.map((e) => e.id)).toEqual(byOffset.data.map((e) => e.id));
    expect(first.data[0].created).toBeGreaterThanOrEqual(first.data[9].created);
    const debits = await page('flow_type=received_debit&limit=5');
    expect(debits.total).toBe(2_000);
    expect(new Set(debits.data.map((e) => e.flow_type))).toEqual(new Set(['received_debit']));
  });

  it('refuses a filter it does not know, the way the API refuses bad params', async () => {
    const res = await fetch(`${sandbox.url}/_counterfoil/dashboard/timeline?flow_type=teleport`, { headers: { 'x-counterfoil-token': sandbox.token } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe('flow_type');
  });
});

describe('dashboard API: ledger, objects and the live stream', () => {
  it('a large ledger gets the balances check by default and the full check on request', async () => {
    const quick = await sandbox.control('GET', '/dashboard/ledger');
    expect(quick).toMatchObject({ ok: true, scope: 'balances', entries: 6_000, accounts: 1 });
    const full = await sandbox.control('POST', '/dashboard/ledger/full', {});
    expect(full).toMatchObject({ ok: true, scope: 'full', entries: 6_000 });
  });

  it('an object comes with its events, the actions it can take now, and the ids in it that name stored objects', async () => {
    const rc = (await sandbox.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: account, amount: 500, currency: 'usd', network: 'ach' })).id;
    const detail = await sandbox.control('GET', `/dashboard/objects/${rc}`);
    expect(detail.object.id).toBe(rc);
    expect(detail.events.map((e: { type: string }) => e.type)).toContain('treasury.received_credit.created');
    expect(detail.actions.map((a: { name: string }) => a.name)).toEqual(['reverse']);
    expect(detail.links[account]).toBe('treasury.financial_account');
  });

  it('streams changes as they happen', async () => {
    const controller = new AbortController();
    const res = await fetch(`${sandbox.url}/_counterfoil/dashboard/stream?token=${sandbox.token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const seen: LiveChange[] = [];
    const rc = sandbox.stripe.testHelpers.treasury.receivedCredits.create({ financial_account: account, amount: 600, currency: 'usd', network: 'ach' });
    const decoder = new TextDecoder();
    let buffer = '';
    while (!seen.some((c) => c.kind === 'object' && c.type === 'treasury.received_credit')) {
      const { value } = await reader.read();
      buffer += decoder.decode(value);
      for (const m of buffer.matchAll(/^data: (.*)$/gm)) seen.push(...(JSON.parse(m[1]) as LiveChange[]));
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    }
    expect(seen[0].kind).toBe('hello');
    controller.abort();
    await rc;
  });

  it('serves the app at / without claiming unknown paths from the Stripe API', async () => {
    expect((await fetch(`${sandbox.url}/`)).headers.get('content-type')).toContain('text/html');
    const unknown = await fetch(`${sandbox.url}/v1/nothing_here`, { headers: { authorization: 'Bearer sk_test_x' } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain('Unrecognized request URL');
    expect((await fetch(`${sandbox.url}/assets/../../package.json`)).status).toBe(404);
  });
});
