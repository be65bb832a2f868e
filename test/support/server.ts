import Stripe from 'stripe';
import { createEngine, type Engine, type EngineOptions } from '../../src/engine/engine.js';

export const TEST_KEY = 'sk_test_counterfoil';

export interface TestServer {
  engine: Engine;
  url: string;
  port: number;
  stripe: Stripe;
  /** Calls a `/_counterfoil` control with the dashboard token. */
  control<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** Starts an engine on 127.0.0.1 on a free port, with an in-memory database unless told otherwise. */
export async function startServer(options: Partial<EngineOptions> = {}): Promise<TestServer> {
  const engine = createEngine({ dbPath: ':memory:', host: '127.0.0.1', port: 0, token: 'test-token', ...options });
  const url = await engine.start();
  const port = Number(new URL(url).port);
  const stripe = new Stripe(TEST_KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
  return {
    engine,
    url,
    port,
    stripe,
    async control(method, path, body) {
      const res = await fetch(`${url}/_counterfoil${path}`, {
        method,
        headers: { 'x-counterfoil-token': engine.token, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await res.json() };
    },
    close: () => engine.stop(),
  };
}

/** A raw API call (for what the SDK would not send): form body, test key. */
export async function rawApi(
  url: string,
  method: string,
  path: string,
  form?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TEST_KEY}`,
      ...(form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    body: form,
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
