import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';

// The build bundles a slimmed description: what Sigma derives its tables from must survive it.
describe('the built server', () => {
  it.runIf(existsSync('out/main/cli.cjs'))('offers Sigma tables for Treasury objects and runs a query over them', async () => {
    const child = spawn(process.execPath, ['out/main/cli.cjs', 'serve', '--port', '0', '--db', ':memory:', '--token', 'built-test'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const port = Number(new URL(url).port);
      const stripe = new Stripe('sk_test_built', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
      const fa = await stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {} });
      await stripe.testHelpers.treasury.receivedCredits.create({ financial_account: fa.id, amount: 1234, currency: 'usd', network: 'ach' });
      const control = (path: string, body?: unknown) =>
        fetch(`${url}/_counterfoil${path}`, {
          method: body ? 'POST' : 'GET',
          headers: { 'x-counterfoil-token': 'built-test', 'content-type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        }).then((r) => r.json());
      const tables = (await control('/sigma/tables')).data.map((t: { name: string }) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['treasury_transaction_entries', 'treasury_financial_accounts', 'treasury_received_credits']));
      const result = await control('/sigma/query', { sql: 'SELECT count(*) AS n FROM treasury_received_credits' });
      expect(result.status).toBe('completed');
      expect(result.rows).toEqual([[1]]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
