import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createEngine, type Engine, type EngineOptions } from '../../../src/engine/engine.js';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const RENDERER = join(ROOT, 'out', 'renderer');
export const SHOTS = process.env.COUNTERFOIL_SHOTS ?? join(ROOT, 'test-results');
export const KEY = 'sk_test_counterfoil';

/** Debian's Chromium, never a downloaded one. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Sandbox {
  engine: Engine;
  url: string;
  token: string;
  stripe: Stripe;
  dir: string;
  /** Calls a `/_counterfoil` route with the token. */
  control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** A fresh engine serving the built renderer, on a free port, with its own temporary data directory. */
export async function startSandbox(options: Partial<EngineOptions> = {}): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-e2e-'));
  const token = `e2e-${Math.random().toString(36).slice(2)}`;
  const engine = createEngine({ dbPath: join(dir, 'sandbox.db'), host: '127.0.0.1', port: 0, token, rendererDir: RENDERER, ...options });
  const url = await engine.start();
  const port = Number(new URL(url).port);
  const stripe = new Stripe(KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
  return {
    engine,
    url,
    token,
    stripe,
    dir,
    async control(method, path, body) {
      const res = await fetch(`${url}/_counterfoil${path}`, {
        method,
        headers: { 'x-counterfoil-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    async close() {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser context per test file; pages in it see the sandbox through its URL and token. */
export async function newContext(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  mkdirSync(SHOTS, { recursive: true });
  return browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
}
