import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  context = await newContext(browser);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('dashboard views on an empty sandbox', () => {
  it('every view renders and says what to do next', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();

    await ui.id('timeline-empty').waitFor();
    expect(await ui.id('empty-command').textContent()).toContain(`${sandbox.url}/v1/treasury/financial_accounts`);
    await expect(ui.id('status-api-url').textContent()).resolves.toBe(sandbox.url);
    await expect(ui.id('status-api-key').textContent()).resolves.toBe('sk_test_counterfoil');
    await ui.id('ledger-status').waitFor();
    await ui.shot('empty-timeline');

    await ui.view('inspector');
    await ui.id('requests-empty').waitFor();
    await ui.id('inspector-tab-deliveries').click();
    await ui.id('deliveries-empty').waitFor();
    await ui.id('inspector-tab-forwarding').click();
    await ui.id('forwarding-empty').waitFor();
    await ui.shot('empty-inspector-forwarding');

    await ui.view('controls');
    await ui.id('clock-panel').waitFor();
    await ui.id('create-form-financial_account').waitFor();
    await ui.shot('empty-controls');

    await ui.view('objects');
    await ui.id('objects-empty').waitFor();
    await ui.shot('empty-objects');
  });

  it('the "create a financial account" button of the empty timeline leads to the form', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.id('empty-create-account').click();
    await ui.id('create-form-financial_account').waitFor();
  });

  it('keys 1–4 switch views and / focuses the search box', async () => {
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    await ui.page.keyboard.press('4');
    await ui.id('objects-search').waitFor();
    await ui.page.keyboard.press('/');
    expect(await ui.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('objects-search');
    await ui.page.keyboard.press('Escape');
    await ui.page.keyboard.press('2');
    await ui.id('view-inspector').waitFor();
    await ui.page.keyboard.press('1');
    await ui.id('view-timeline').waitFor();
  });

  it('renders in dark mode too', async () => {
    const dark = await newContext(browser, 'dark');
    const ui = await new DashboardPage(await dark.newPage(), sandbox).open();
    const background = await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 18, 23)');
    await ui.shot('empty-timeline-dark');
    await dark.close();
  });
});

describe('dashboard access', () => {
  it('the dashboard API refuses a request without the token, with a wrong one, or from a foreign origin', async () => {
    const info = `${sandbox.url}/_counterfoil/dashboard/info`;
    expect((await fetch(info)).status).toBe(401);
    expect((await fetch(info, { headers: { 'x-counterfoil-token': 'guess' } })).status).toBe(401);
    expect((await fetch(`${sandbox.url}/_counterfoil/dashboard/stream`)).status).toBe(401);
    const foreign = await fetch(info, { headers: { 'x-counterfoil-token': sandbox.token, origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await fetch(info, { headers: { 'x-counterfoil-token': sandbox.token } })).status).toBe(200);
  });

  it('a page opened without the token explains where to find it and reads nothing', async () => {
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (r) => calls.push(r.url()));
    await page.goto(`${sandbox.url}/`);
    await page.locator('#root[data-app-state="no-token"]').waitFor();
    await page.locator('[data-testid="no-token"]').waitFor();
    expect(calls.filter((u) => u.includes('/_counterfoil/'))).toEqual([]);
  });

  it('the page is served with a CSP that allows only its own origin, and the token leaves the address bar', async () => {
    const res = await fetch(`${sandbox.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    expect(ui.page.url()).not.toContain('token=');
  });
});
