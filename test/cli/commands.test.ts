import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';
import { CLI, cli, start } from './cli-process.js';
import { until } from '../support/until.js';

const built = existsSync(CLI);
const TRIGGERS = join(import.meta.dirname, '..', '..', 'resources', 'fixtures', 'triggers');
const verifier = new Stripe('sk_test_verifier');

interface Verified {
  ok: boolean;
  id?: string;
  type?: string;
  error?: string;
}

/** A local webhook receiver that checks every request with `stripe.webhooks.constructEvent`. */
async function verifyingReceiver(secret: () => string, status = () => 200) {
  const seen: Verified[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        const event = verifier.webhooks.constructEvent(body, String(req.headers['stripe-signature']), secret());
        seen.push({ ok: true, id: event.id, type: event.type });
        res.writeHead(status()).end('{}');
      } catch (err) {
        seen.push({ ok: false, error: (err as Error).message });
        res.writeHead(400).end('{}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return { url, seen, close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }) };
}

let server: TestServer;
let base: string[];
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counterfoil-sandbox-'));
  // A file database: snapshots live beside it.
  server = await startServer({ dbPath: join(dir, 'sandbox.db') });
  base = ['--api-base', server.url, '--token', server.engine.token];
});
afterAll(() => server?.close());

describe.runIf(built)('counterfoil listen', () => {
  it('forwards each event signed with a secret that stays the same across restarts, shows retries, and removes itself on ^C', async () => {
    const url = 'http://127.0.0.1:1/placeholder';
    let status = 200;
    const secretRun = await cli(['listen', '--forward-to', url, '--print-secret']);
    expect(secretRun.code).toBe(0);
    const printed = secretRun.stdout.trim();
    expect(printed).toMatch(/^whsec_/);
    const receiver = await verifyingReceiver(() => secret, () => status);
    const secret = (await cli(['listen', '--forward-to', receiver.url, '--print-secret'])).stdout.trim();
    try {
      const listen = start(['listen', '--forward-to', receiver.url, '--events', 'treasury.received_credit.succeeded,treasury.outbound_payment.posted', ...base]);
      const ready = await listen.waitFor(/Ready!.*\(\^C to quit\)/);
      expect(ready).toContain(`Ready! Your webhook signing secret is ${secret} (^C to quit)`);
      const endpoints = await server.stripe.webhookEndpoints.list();
      expect(endpoints.data.map((e) => e.url)).toEqual([receiver.url]);

      const trig = await cli(['trigger', 'treasury.outbound_payment.posted', ...base]);
      expect(trig.code, trig.stderr).toBe(0);
      await listen.waitFor(/--> treasury\.outbound_payment\.posted \[evt_\w+\][\s\S]*<-- \[200\] POST http:\/\/127\.0\.0\.1:\d+\/webhooks \[evt_/);
      expect(listen.output()).toMatch(/--> treasury\.received_credit\.succeeded \[evt_/);
      expect(listen.output()).not.toContain('treasury.financial_account.created');
      await until(() => receiver.seen.length >= 2, 'two verified deliveries');
      expect(receiver.seen.every((v) => v.ok)).toBe(true);
      expect(receiver.seen.map((v) => v.type).sort()).toEqual(['treasury.outbound_payment.posted', 'treasury.received_credit.succeeded']);

      // A failing receiver: the attempt and its scheduled retry show as they happen.
      status = 500;
      await cli(['trigger', 'treasury.received_credit.succeeded', ...base]);
      await listen.waitFor(/<-- \[500\] POST \S+ \[evt_\w+\] — retry in 60s/);
      expect(await listen.interrupt()).toBe(0);
      expect((await server.stripe.webhookEndpoints.list()).data).toEqual([]);

      // Restarted: the same secret, so the receiver's configuration stays valid.
      const again = start(['listen', '--forward-to', receiver.url, ...base]);
      expect(await again.waitFor(/Ready!/)).toContain(secret);
      expect(await again.interrupt()).toBe(0);
      expect(printed).not.toBe(secret);
    } finally {
      await receiver.close();
    }
  });

  it('--format JSON prints each event as JSON', async () => {
    const receiver = await verifyingReceiver(() => secret);
    const secret = (await cli(['listen', '--forward-to', receiver.url, '--print-secret'])).stdout.trim();
    try {
      const listen = start(['listen', '--forward-to', receiver.url, '--format', 'JSON', ...base]);
      await listen.waitFor(/Ready!/);
      await cli(['trigger', 'treasury.financial_account.closed', ...base]);
      await listen.waitFor(/"type":"treasury\.financial_account\.closed"/);
      const line = listen.output().split('\n').find((l) => l.includes('"treasury.financial_account.closed"'))!;
      expect(JSON.parse(line)).toMatchObject({ object: 'event', type: 'treasury.financial_account.closed' });
      await listen.interrupt();
    } finally {
      await receiver.close();
    }
  });
});

describe.runIf(built)('counterfoil trigger', () => {
  it('--list shows exactly the events that have a fixture', async () => {
    const r = await cli(['trigger', '--list']);
    const listed = r.stdout.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
    const files = readdirSync(TRIGGERS).map((f) => f.replace(/\.json$/, '')).sort();
    expect(listed).toEqual(files);
  });

  it('produces every supported event through the real API, printing each request', async () => {
    const types = readdirSync(TRIGGERS).map((f) => f.replace(/\.json$/, ''));
    // Three at a time: each is its own process against the one sandbox.
    const one = async (type: string) => {
      const r = await cli(['trigger', type, ...base]);
      expect(r.code, `${type}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/Running fixture for: \S+ — (POST|GET) \/\S+ \[200\]/);
      const id = new RegExp(`Trigger succeeded! ${type.replace(/\./g, '\\.')} \\[(evt_\\w+)`).exec(r.stdout)?.[1];
      expect(id, r.stdout).toBeDefined();
      expect((await server.stripe.events.retrieve(id!)).type).toBe(type);
    };
    // Fixtures that advance the sandbox clock run alone, last: an advance would move the others' objects along.
    const advancing = (t: string) => JSON.stringify(JSON.parse(readFileSync(join(TRIGGERS, `${t}.json`), 'utf8'))).includes('/_counterfoil/clock/');
    const together = types.filter((t) => !advancing(t));
    for (let i = 0; i < together.length; i += 3) await Promise.all(together.slice(i, i + 3).map(one));
    for (const t of types.filter(advancing)) await one(t);
  }, 240_000);

  it('applies --override, --add and --remove to the fixture', async () => {
    const r = await cli(['trigger', 'treasury.outbound_payment.created', '--override', 'outbound_payment:amount=2345', '--add', 'outbound_payment:metadata.order=42', '--remove', 'outbound_payment:description', ...base]);
    expect(r.code, r.stderr).toBe(0);
    const id = /outbound_payments \[200\] (obp_\w+)/.exec(r.stdout)![1];
    const obp = await server.stripe.treasury.outboundPayments.retrieve(id);
    expect(obp).toMatchObject({ amount: 2345, metadata: { order: '42' }, description: null });
  });

  it('refuses an unknown event with near matches, and a bad edit naming the fixture', async () => {
    const r = await cli(['trigger', 'treasury.outbound_payment.postd', ...base]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown event 'treasury\.outbound_payment\.postd'; did you mean treasury\.outbound_payment\.posted/);
    const bad = await cli(['trigger', 'treasury.outbound_payment.created', '--override', 'nope:amount=1', ...base]);
    expect(bad.stderr).toMatch(/no fixture named 'nope'/);
  });
});

describe.runIf(built)('counterfoil fixtures', () => {
  it('runs a file with ${name:path} and ${.env:VAR} references and prints the ids made', async () => {
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify({
      _meta: { template_version: 0 },
      fixtures: [
        { name: 'account', path: '/v1/treasury/financial_accounts', method: 'post', params: { supported_currencies: ['usd'], features: { financial_addresses: { aba: { requested: true } } }, nickname: '${.env:NICK}' } },
        { name: 'credit', path: '/v1/test_helpers/treasury/received_credits', params: { financial_account: '${account:id}', amount: 777, currency: 'usd', network: 'ach' } },
        { name: 'readback', path: '/v1/treasury/financial_accounts/${account:id}', method: 'get' },
      ],
    }));
    const r = await cli(['fixtures', file, ...base], { NICK: 'From env' });
    expect(r.code, r.stderr).toBe(0);
    const fa = /account: (fa_\w+) \(treasury\.financial_account\)/.exec(r.stdout)?.[1];
    expect(r.stdout).toMatch(/credit: rc_\w+ \(treasury\.received_credit\)/);
    const account = await server.stripe.treasury.financialAccounts.retrieve(fa!);
    expect(account).toMatchObject({ nickname: 'From env', balance: { cash: { usd: 777 } } });
  });

  it('fails with one line naming the fixture and field of a malformed file, bad JSON, or a refused request', async () => {
    const cases: [unknown, RegExp][] = [
      [{ fixtures: [{ name: 'first', path: 'v1/nope' }] }, /fixtures\[0\] \(first\): "path" must start with \//],
      [{ fixtures: [{ name: 'x', path: '/v1/events', method: 'put' }] }, /fixtures\[0\] \(x\): "method" must be get, post or delete/],
      [{ nofixtures: true }, /expected an object with a "fixtures" array/],
      [{ fixtures: [{ name: 'ref', path: '/v1/events/${ghost:id}', method: 'get' }] }, /fixture ref: \$\{ghost:id\} names no earlier fixture/],
      [{ fixtures: [{ name: 'missing', path: '/v1/treasury/outbound_payments/obp_nope', method: 'get' }] }, /fixture missing: GET \S+ answered 404/],
    ];
    for (const [content, pattern] of cases) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(content));
      const r = await cli(['fixtures', file, ...base]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    }
    writeFileSync(join(dir, 'broken.json'), '{"fixtures": [');
    const broken = await cli(['fixtures', join(dir, 'broken.json'), ...base]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
  });
});

describe.runIf(built)('counterfoil events resend and logs tail', () => {
  it('resends an event to one endpoint: the receiver gets the same event id again', async () => {
    const ep = await server.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:1/', enabled_events: ['treasury.financial_account.created'] });
    const receiver = await verifyingReceiver(() => ep.secret!);
    try {
      await server.stripe.webhookEndpoints.update(ep.id, { url: receiver.url });
      await cli(['trigger', 'treasury.financial_account.created', ...base]);
      await until(() => receiver.seen.length === 1, 'the first delivery');
      const id = receiver.seen[0].id!;
      const r = await cli(['events', 'resend', id, '--webhook-endpoint', ep.id, ...base]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Resent treasury\\.financial_account\\.created \\[${id}\\] to ${ep.id}`));
      await until(() => receiver.seen.length === 2, 'the resent delivery');
      expect(receiver.seen.map((v) => [v.ok, v.id])).toEqual([[true, id], [true, id]]);
      const missing = await cli(['events', 'resend', 'evt_nope', ...base]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/answered 404: No such event/);
    } finally {
      await server.stripe.webhookEndpoints.del(ep.id);
      await receiver.close();
    }
  });

  it('tails the request log as requests arrive, with the Stripe CLI filters', async () => {
    const tail = start(['logs', 'tail', '--filter-status-code-type', '4XX', '--filter-http-method', 'GET', ...base]);
    await tail.waitFor(/Ready!/);
    await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'] });
    await server.stripe.treasury.outboundPayments.retrieve('obp_missing').catch(() => undefined);
    await tail.waitFor(/\[404\] GET \/v1\/treasury\/outbound_payments\/obp_missing \[req_\w+\]/);
    expect(tail.output()).not.toMatch(/POST \/v1\/treasury\/financial_accounts/);
    expect(await tail.interrupt()).toBe(0);
    const bad = await cli(['logs', 'tail', '--filter-status-code-type', '3XX', ...base]);
    expect(bad.stderr).toMatch(/--filter-status-code-type takes 2XX, 4XX or 5XX/);
  });
});

describe.runIf(built)('counterfoil snapshot', () => {
  it('saves, diffs and loads the sandbox: a load puts back exactly what was saved', async () => {
    expect((await cli(['snapshot', 'save', 'before', ...base])).code).toBe(0);
    const fa = await server.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], nickname: 'Demo' });
    const saved = await cli(['snapshot', 'save', 'after', ...base]);
    expect(saved.stdout).toMatch(/Saved snapshot after/);
    expect((await cli(['snapshot', 'list', ...base])).stdout).toMatch(/after\t[\s\S]*before\t/);

    const diff = await cli(['snapshot', 'diff', 'before', 'after', ...base]);
    expect(diff.stdout).toMatch(/before → after: \d+ created, 0 changed, 0 removed/);
    expect(diff.stdout).toContain(`+ treasury.financial_account ${fa.id}`);

    await server.stripe.treasury.financialAccounts.update(fa.id, { nickname: 'Changed' });
    const changed = await cli(['snapshot', 'diff', 'after', 'current', ...base]);
    expect(changed.stdout).toContain(`~ treasury.financial_account ${fa.id} (nickname)`);

    const loaded = await cli(['snapshot', 'load', 'before', ...base]);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(/Loaded snapshot before: \d+ objects/);
    const gone = await server.stripe.treasury.financialAccounts.retrieve(fa.id).catch((e) => e);
    expect(gone.statusCode).toBe(404);
    expect((await cli(['snapshot', 'diff', 'before', 'current', ...base])).stdout).toMatch(/0 created, 0 changed, 0 removed/);
    await cli(['snapshot', 'load', 'after', ...base]);
    expect((await server.stripe.treasury.financialAccounts.retrieve(fa.id)).nickname).toBe('Demo');
  });

  it('refuses an unknown name, and a corrupt snapshot with a clear message, keeping the current state', async () => {
    const missing = await cli(['snapshot', 'load', 'nope', ...base]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such snapshot: 'nope'/);
    writeFileSync(join(dir, 'snapshots', 'corrupt.db'), 'this is not a database '.repeat(200));
    const before = (await server.stripe.treasury.financialAccounts.list({ limit: 100 })).data.length;
    const r = await cli(['snapshot', 'load', 'corrupt', ...base]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Snapshot corrupt is not a Counterfoil database .*the current sandbox is unchanged/);
    expect((await server.stripe.treasury.financialAccounts.list({ limit: 100 })).data.length).toBe(before);
  });
});

describe.runIf(built)('every command without a sandbox', () => {
  it('fails with one clear line and a non-zero exit', async () => {
    const nowhere = ['--api-base', 'http://127.0.0.1:9', '--token', 'x'];
    const commands = [
      ['listen', '--forward-to', 'localhost:4242/webhooks'],
      ['trigger', 'treasury.outbound_payment.posted'],
      ['fixtures', join(TRIGGERS, 'treasury.financial_account.created.json')],
      ['events', 'resend', 'evt_123'],
      ['logs', 'tail'],
      ['snapshot', 'list'],
      ['snapshot', 'save', 'x'],
    ];
    for (const args of commands) {
      const r = await cli([...args, ...nowhere]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^counterfoil: no Counterfoil is running at http:\/\/127\.0\.0\.1:9\b.*counterfoil serve/);
    }
  });

  it('says when the dashboard token is wrong', async () => {
    const r = await cli(['snapshot', 'list', '--api-base', server.url, '--token', 'wrong-token']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused the dashboard token: pass --token T or set COUNTERFOIL_TOKEN/);
  });
});
