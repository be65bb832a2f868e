import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { OUTCOME_UNKNOWN } from '../../src/engine/webhooks/in-flight.js';
import { until } from '../support/until.js';

describe('a webhook attempt a hard crash cut off', () => {
  it('is recorded as of unknown outcome at restart and sent again at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterfoil-inflight-'));
    const dbPath = join(dir, 'sandbox.db');
    const got: string[] = [];
    const held: ServerResponse[] = [];
    // The first copy is held unanswered, as if the sandbox died while waiting; later copies get 200.
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push((JSON.parse(body) as { id: string }).id);
        if (got.length === 1) held.push(res);
        else res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const before = createEngine({ dbPath, port: 0, token: 't', settings: { webhookTimeoutMs: 2000 } });
    const beforeUrl = await before.start();
    const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: Number(new URL(beforeUrl).port), protocol: 'http' });
    const ep = await stripe.webhookEndpoints.create({ url, enabled_events: ['treasury.financial_account.created'] });
    await stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} });
    await until(() => got.length === 1, 'the first attempt to arrive');

    // The process "dies" here: a second engine opens the same file, as a restart would.
    const after = createEngine({ dbPath, port: 0, token: 't' });
    try {
      await after.start();
      await until(() => got.length === 2, 'the attempt sent again after the restart');
      expect(got[1]).toBe(got[0]);
      await after.drainWebhooks();
      const delivery = after.core.db.prepare('SELECT id, status FROM deliveries WHERE endpoint_id = ?').get(ep.id) as { id: string; status: string };
      expect(delivery.status).toBe('succeeded');
      const res = await after.app.inject({ method: 'GET', url: `/_counterfoil/dashboard/deliveries/${delivery.id}`, headers: { 'x-counterfoil-token': 't' } });
      const attempts = (res.json() as { attempts: { outcome_unknown: boolean; error: string | null; response_status: number | null }[] }).attempts;
      expect(attempts[0]).toMatchObject({ outcome_unknown: true, error: OUTCOME_UNKNOWN, response_status: null });
      expect(attempts[1]).toMatchObject({ outcome_unknown: false, response_status: 200 });
      expect(after.core.db.prepare('SELECT count(*) AS n FROM delivery_attempts_in_flight').get()).toEqual({ n: 0 });
    } finally {
      await after.stop();
      for (const r of held) r.destroy();
      await before.stop();
      receiver.closeAllConnections();
      await new Promise((r) => receiver.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
