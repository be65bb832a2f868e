import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let receiver: Receiver;
let ui: DashboardPage;

beforeAll(async () => {
  [sandbox, browser, receiver] = await Promise.all([startSandbox(), launchChromium(), startReceiver()]);
  context = await newContext(browser);
  ui = await new DashboardPage(await context.newPage(), sandbox).open();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await receiver?.close();
});

const nowMs = (page: DashboardPage, testId: string) => page.id(testId).evaluate((n) => Number((n as HTMLElement).dataset.nowMs));

describe('the live sandbox clock', () => {
  it('ticks in the footer with sandbox time and follows an advance made elsewhere', async () => {
    const first = await nowMs(ui, 'status-clock');
    await ui.page.waitForFunction((t) => Number(document.querySelector<HTMLElement>('[data-testid="status-clock"]')!.dataset.nowMs) >= t + 1500, first);
    // Another client (a control, the SDK's helper, another tab) moves the clock a day ahead.
    const other = await new DashboardPage(await context.newPage(), sandbox).open();
    await sandbox.control('POST', '/clock/advance', { seconds: 86_400 });
    for (const page of [ui, other]) {
      await page.page.waitForFunction(
        (t) => Number(document.querySelector<HTMLElement>('[data-testid="status-clock"]')!.dataset.nowMs) >= t + 86_400_000,
        first,
      );
    }
    await other.page.close();
  });

  it('enables Jump for a webhook retry, and shows what an advance and a jump ran', async () => {
    receiver.respondWith(500);
    await sandbox.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['treasury.financial_account.created'] });
    await ui.view('controls');
    await ui.id('clock-next').waitFor();
    expect(await ui.id('clock-next').isDisabled()).toBe(true);
    await sandbox.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: { financial_addresses: { aba: { requested: true } } } });
    await sandbox.engine.drainWebhooks();
    // The failed delivery's retry is scheduled: the button comes alive without a reload.
    await ui.page.locator('[data-testid="clock-next"]:not([disabled])').waitFor();
    await ui.page.locator('[data-testid="clock-next-at"]', { hasText: '1 webhook retry waiting' }).waitFor();
    const relative = await ui.id('clock-next-at').textContent();
    expect(relative).toMatch(/in (\d+s|1m)/);

    await ui.id('clock-next').click();
    await ui.page.locator('[data-testid="clock-ran"]', { hasText: 'ran 1 job: 1 webhook retry' }).waitFor();

    await ui.id('clock-amount').fill('7');
    await ui.id('clock-unit').selectOption('hours');
    await ui.id('clock-advance').click();
    // The five retries left in the schedule all fall inside 7 hours, each run at its own moment.
    await ui.page.locator('[data-testid="clock-ran"]', { hasText: 'ran 5 jobs: 5 webhook retries' }).waitFor();
    expect(receiver.received).toHaveLength(7);
    await ui.page.locator('[data-testid="clock-next-at"]', { hasText: 'Nothing scheduled' }).waitFor();
    expect(await ui.id('clock-next').isDisabled()).toBe(true);
    await ui.shot('clock-controls-ran');
  });
});

describe('reset and the demo', () => {
  it('resets the sandbox only after the dialog is confirmed', async () => {
    await ui.view('controls');
    await ui.id('sandbox-reset').click();
    await ui.id('confirm-dialog').waitFor();
    await ui.shot('sandbox-reset-confirm');
    await ui.id('confirm-cancel').click();
    await ui.id('confirm-dialog').waitFor({ state: 'detached' });
    expect((await sandbox.stripe.treasury.financialAccounts.list()).data).toHaveLength(1);

    await ui.id('sandbox-reset').click();
    await ui.id('confirm-accept').click();
    await ui.page.locator('[data-testid="notice-info"]', { hasText: 'Sandbox reset' }).waitFor();
    expect((await sandbox.stripe.treasury.financialAccounts.list()).data).toHaveLength(0);
    expect((await sandbox.stripe.webhookEndpoints.list()).data).toHaveLength(0);
    const clock = await sandbox.control<{ offset_seconds: number }>('GET', '/clock');
    expect(clock.offset_seconds).toBe(0);
  });

  it('asks before running the demo over existing data, shows its progress, and disables its button while it runs', async () => {
    await sandbox.stripe.treasury.financialAccounts.create({ supported_currencies: ['usd'], features: {}, nickname: 'Mine' });
    await ui.id('demo-scenario').click();
    await ui.page.locator('[data-testid="confirm-dialog"]', { hasText: 'fresh sandbox' }).waitFor();
    await ui.id('confirm-accept').click();
    await ui.page.locator('[data-testid="demo-scenario"][data-state="running"]').waitFor();
    expect(await ui.id('demo-scenario').isDisabled()).toBe(true);
    await ui.id('demo-progress').waitFor();
    await ui.shot('demo-progress');
    await ui.page.locator('[data-testid="demo-scenario"][data-state="done"]').waitFor({ timeout: 30_000 });
    const names = (await sandbox.stripe.treasury.financialAccounts.list()).data.map((a) => (a as unknown as { nickname: string }).nickname);
    expect(names.sort()).toEqual(['Acme Robotics — Operating', 'Acme Robotics — Payroll']);
  }, 60_000);
});
