import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import Stripe from 'stripe';
import { createEngine } from '../../src/engine/engine.js';
import { DashboardPage } from './support/dashboard-page.js';
import { KEY, RENDERER, launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';

// The figure for 100,000 entries comes from `npm run bench` (scripts/bench-timeline.mjs);
// here a large-enough sandbox proves the virtualized list and its running balances.
const ENTRIES = Number(process.env.E2E_TIMELINE_ENTRIES ?? 5_000);

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  const seeding = await startSandbox();
  await seeding.control('POST', '/dashboard/seed', { entries: ENTRIES });
  await seeding.engine.stop();
  // Reopen the same database in a fresh engine: nothing of it is in memory yet.
  const engine = createEngine({ dbPath: `${seeding.dir}/sandbox.db`, host: '127.0.0.1', port: 0, token: seeding.token, rendererDir: RENDERER });
  const url = await engine.start();
  const stripe = new Stripe(KEY, { host: '127.0.0.1', port: Number(new URL(url).port), protocol: 'http', maxNetworkRetries: 0 });
  const close = async () => {
    await engine.stop();
    await seeding.close().catch(() => {});
  };
  sandbox = { ...seeding, engine, url, stripe, close };
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe(`timeline with ${ENTRIES.toLocaleString()} entries`, () => {
  it('opens on its newest rows with the full count', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/?token=${sandbox.token}`);
    await page.locator('[data-testid="timeline-row"]').first().waitFor();
    // Measured on the page's own clock, from the start of navigation to the first rows rendered.
    const ms = await page.evaluate(() => performance.getEntriesByName('counterfoil:first-rows')[0]?.startTime ?? -1);
    expect(ms).toBeGreaterThan(0);
    console.log(`timeline: first rows of ${ENTRIES} entries after ${ms.toFixed(0)} ms (page clock)`);
    const ui = new DashboardPage(page, sandbox);
    expect(Number(await ui.id('timeline-list').getAttribute('data-total'))).toBe(ENTRIES);
    // Virtualized: only a screenful of the entries is in the DOM.
    expect(await ui.id('timeline-row').count()).toBeLessThan(100);
  });

  it('rows are there wherever the list is scrolled to, with running balances that match the ledger', async () => {
    const context = await newContext(browser);
    const ui = await new DashboardPage(await context.newPage(), sandbox).open();
    const scroller = ui.id('timeline-scroll');
    await ui.id('timeline-row').first().waitFor();
    const newest = await ui.id('timeline-running-cash').first().textContent();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    // The oldest entry is the first credit: the running balance after it is its own amount.
    // Wait for it rather than for a quiet moment: the page at the bottom may still be on its way.
    await ui.page.waitForFunction(() => {
      const rows = document.querySelectorAll('[data-testid="timeline-running-cash"]');
      return document.querySelectorAll('.timeline-slot .placeholder').length === 0 && rows[rows.length - 1]?.textContent === '$100.00';
    }, undefined, { timeout: 20_000 });
    const last = ui.id('timeline-row').last();
    await expect(last.locator('[data-testid="timeline-running-cash"]').textContent()).resolves.toBe('$100.00');
    await ui.shot('timeline-100k-bottom');
    const fa = (await sandbox.stripe.treasury.financialAccounts.list()).data[0];
    expect(newest).toBe(`$${(fa.balance.cash.usd / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  });
});
