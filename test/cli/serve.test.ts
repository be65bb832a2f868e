import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { parseServeArgs } from '../../src/cli/args.js';
import { defaultDataDir } from '../../src/cli/data-dir.js';

describe('serve flags', () => {
  it('defaults to 127.0.0.1:12111 like stripe-mock', () => {
    expect(parseServeArgs([])).toMatchObject({ host: '127.0.0.1', port: 12111, db: undefined, settings: {} });
  });

  it('reads port, host, db, token and the webhook and log settings', () => {
    const o = parseServeArgs(['--port', '0', '--host', '::1', '--db', ':memory:', '--token', 't', '--webhook-retries', '5,10', '--webhook-timeout', '2000', '--log-limit', '50']);
    expect(o).toMatchObject({ port: 0, host: '::1', db: ':memory:', token: 't' });
    expect(o.settings).toEqual({ webhookRetrySchedule: [5, 10], webhookTimeoutMs: 2000, requestLogLimit: 50 });
  });

  it('takes --allow-host names, repeated or comma-separated, and refuses what is no host name', () => {
    expect(parseServeArgs(['--allow-host', 'sandbox.internal', '--allow-host', 'a.test:8080,[::2]:1']).allowHosts).toEqual([
      'sandbox.internal',
      'a.test:8080',
      '[::2]:1',
    ]);
    expect(parseServeArgs([]).allowHosts).toEqual([]);
    expect(() => parseServeArgs(['--allow-host', 'http://x/'])).toThrow(/--allow-host/);
  });

  it('refuses bad values and unknown flags with a readable message', () => {
    expect(() => parseServeArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--webhook-retries', '5,-1'])).toThrow(/--webhook-retries/);
    expect(() => parseServeArgs(['--nope'])).toThrow();
  });

  it('puts sandboxes in the platform data directory', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x' })).toBe('/x/counterfoil');
    expect(defaultDataDir('darwin', {})).toMatch(/Library\/Application Support\/Counterfoil$/);
    expect(defaultDataDir('linux', { COUNTERFOIL_HOME: '/y' })).toBe('/y');
  });
});

describe('the built headless server', () => {
  it.runIf(existsSync('out/main/cli.cjs'))('prints its URL and dashboard URL, serves the SDK, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['out/main/cli.cjs', 'serve', '--port', '0', '--db', ':memory:'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, COUNTERFOIL_TOKEN: 'cli-token' },
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const m = /listening on (http:\/\/127\.0\.0\.1:(\d+)) .*dashboard: (\S+)/.exec(line);
    expect(m, line).not.toBeNull();
    expect(m![3]).toBe(`${m![1]}/?token=cli-token`);
    const stripe = new Stripe('sk_test_cli', { host: '127.0.0.1', port: Number(m![2]), protocol: 'http' });
    const ep = await stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/', enabled_events: ['*'] });
    expect(ep.id).toMatch(/^we_/);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
