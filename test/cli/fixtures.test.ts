import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureError, parseFixtureFile, runFixtures } from '../../src/cli/fixtures.js';
import { startServer, TEST_KEY, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const target = () => ({ apiBase: server.url, key: TEST_KEY, token: server.engine.token, env: { AMOUNT: '1500' } });

describe('fixture files', () => {
  it('references earlier responses and the environment, and sends controls with the token', async () => {
    const file = parseFixtureFile({
      _meta: { template_version: 0 },
      fixtures: [
        { name: 'account', path: '/v1/treasury/financial_accounts', method: 'post', params: { supported_currencies: ['usd'], features: { financial_addresses: { aba: { requested: true } } } } },
        { name: 'credit', path: '/v1/test_helpers/treasury/received_credits', method: 'post', params: { financial_account: '${account:id}', amount: '${.env:AMOUNT}', currency: 'usd', network: 'ach' } },
        { name: 'again', path: '/v1/treasury/received_credits/${credit:id}', method: 'get' },
        { name: 'clock', path: '/_counterfoil/clock/advance', method: 'post', params: { seconds: 60 } },
      ],
    });
    const results = await runFixtures(file, target());
    const credit = results.get('again') as { id: string; amount: number; financial_account: string };
    expect(credit.id).toBe((results.get('credit') as { id: string }).id);
    expect(credit.amount).toBe(1500);
    expect(credit.financial_account).toBe((results.get('account') as { id: string }).id);
  });

  it('names the fixture and the field of a malformed file', () => {
    expect(() => parseFixtureFile({ fixtures: [{ name: 'a', path: 'v1/x' }] })).toThrow(/fixtures\[0\] \(a\): "path" must start with \//);
    expect(() => parseFixtureFile({ fixtures: [{ name: 'a', path: '/v1/x', method: 'put' }] })).toThrow(/"method" must be get, post or delete/);
    expect(() => parseFixtureFile({ fixtures: [{ name: 'a', path: '/v1/x' }, { name: 'a', path: '/v1/y' }] })).toThrow(/used twice/);
    expect(() => parseFixtureFile({})).toThrow(FixtureError);
  });

  it('stops at a refused request, naming the fixture and the error', async () => {
    const file = parseFixtureFile({ fixtures: [{ name: 'missing', path: '/v1/treasury/outbound_payments/obp_nope', method: 'get' }] });
    await expect(runFixtures(file, target())).rejects.toThrow(/fixture missing: GET .* answered 404/);
  });

  it('refuses a reference to no earlier fixture', async () => {
    const file = parseFixtureFile({ fixtures: [{ name: 'x', path: '/v1/webhook_endpoints/${nothing:id}', method: 'get' }] });
    await expect(runFixtures(file, target())).rejects.toThrow(/names no earlier fixture/);
  });
});
