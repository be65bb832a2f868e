import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostedPath } from '../../src/engine/resources/financial-connections/index.js';
import { launchChromium } from '../e2e/support/harness.js';
import { startReceiver } from '../support/receiver.js';
import { startFc, type FcServer } from './support.js';

const SHOTS = '/tmp/counterfoil-fc-shots';

let fc: FcServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [fc, browser] = await Promise.all([startFc(), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 900, height: 860 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await fc?.close();
});

const id = (testId: string) => page.locator(`[data-testid="${testId}"]`);
const step = () => id('fc-flow').getAttribute('data-step');
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function open(session: { client_secret: string | null }) {
  const res = await page.goto(`${fc.url}${hostedPath({ client_secret: session.client_secret! })}`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
}

async function pick(institution: string) {
  await id('fc-agree').click();
  expect(await step()).toBe('institutions');
  await page.locator(`[data-institution="${institution}"]`).click();
  expect(await step()).toBe('login');
}

describe('the hosted bank-linking flow in Chromium', () => {
  it('links the accounts the user picks at Test Institution, without the dashboard token, and their events are delivered', async () => {
    const receiver = await startReceiver();
    await fc.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['financial_connections.account.created'] });
    const s = await fc.session({ return_url: 'https://example.com/done' });
    await open(s);
    expect(await step()).toBe('consent');
    expect(await id('fc-permissions').innerText()).toContain('Transactions');
    await shot('01-consent');
    await id('fc-agree').click();
    expect(await id('fc-institution').count()).toBe(9);
    await shot('02-institutions');
    await page.locator('[data-institution="test_institution"]').click();
    await shot('03-login-direct');
    await id('fc-authorize').click();
    expect(await step()).toBe('accounts');
    const choices = id('fc-account-choice');
    expect(await choices.count()).toBe(3);
    await choices.nth(2).uncheck();
    await shot('04-accounts');
    await id('fc-link').click();
    expect(await step()).toBe('success');
    expect(await id('fc-linked-account').count()).toBe(2);
    expect(await id('fc-return').getAttribute('href')).toBe('https://example.com/done');
    await shot('05-success');
    const linked = await fc.stripe.financialConnections.sessions.retrieve(s.id);
    expect(linked.accounts.data.map((a) => a.display_name)).toEqual(['Sample Checking Account', 'Sample Savings Account']);
    const created = (await fc.events('financial_connections.account.created')).filter((e) => linked.accounts.data.some((a) => a.id === (e.data.object as { id: string }).id));
    expect(created).toHaveLength(2);
    // Delivered without anyone draining the queue: the hosted page's events wake the webhook worker.
    for (let i = 0; i < 50 && receiver.received.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(['financial_connections.account.created', 'financial_connections.account.created']);
    await receiver.close();
    // Coming back shows the finished flow; the control refuses a second completion.
    await open(s);
    expect(await step()).toBe('success');
    const again = await fc.control('POST', `/financial_connections/sessions/${s.id}/complete`, { institution: 'test_institution' });
    expect(again.status).toBe(400);
  });

  it('plays Sandbox Bank (Non-OAuth) logins: incorrect retries, prompts chain, then the accounts link', async () => {
    const s = await fc.session();
    await open(s);
    await pick('sandbox_bank_non_oauth');
    await id('fc-username').fill('jenny');
    await id('fc-password').fill('incorrect');
    await id('fc-login').click();
    expect(await step()).toBe('login');
    expect(await id('fc-login-error').innerText()).toMatch(/incorrect/);
    await shot('06-sandbox-incorrect');
    await id('fc-password').fill('security_question');
    await id('fc-login').click();
    expect(await step()).toBe('prompt_security_question');
    await shot('07-sandbox-security-question');
    await id('fc-answer').fill('mfa');
    await id('fc-submit-answer').click();
    expect(await step()).toBe('prompt_mfa');
    await id('fc-answer').fill('123456');
    await id('fc-submit-answer').click();
    expect(await step()).toBe('accounts');
    await id('fc-link').click();
    expect(await step()).toBe('success');
    expect((await fc.stripe.financialConnections.sessions.retrieve(s.id)).accounts.data).toHaveLength(3);
  });

  it('the error password ends the session for good', async () => {
    const s = await fc.session();
    await open(s);
    await pick('sandbox_bank_non_oauth');
    await id('fc-password').fill('error');
    await id('fc-login').click();
    expect(await step()).toBe('error');
    expect(await id('fc-error').getAttribute('data-code')).toBe('institution_login_error');
    await shot('08-sandbox-error');
    await open(s);
    expect(await id('fc-error').getAttribute('data-code')).toBe('session_ended');
    expect((await fc.stripe.financialConnections.sessions.retrieve(s.id)).accounts.data).toEqual([]);
  });

  it('a Down Bank shows the unavailable error, links nothing, and lets the user choose another bank', async () => {
    const s = await fc.session();
    await open(s);
    await pick('down_bank_scheduled');
    await id('fc-authorize').click();
    expect(await step()).toBe('error');
    expect(await id('fc-error').getAttribute('data-code')).toBe('institution_unavailable');
    expect(await id('fc-error').innerText()).toMatch(/expected to be available again at \d{4}-\d\d-\d\dT/);
    await shot('09-down-bank-scheduled');
    await id('fc-retry').click();
    expect(await step()).toBe('institutions');
    await page.locator('[data-institution="test_oauth_institution"]').click();
    await shot('10-login-oauth');
    await id('fc-authorize').click();
    await id('fc-link').click();
    expect(await step()).toBe('success');
  });

  it('an unknown or altered secret is a 404, and a foreign origin cannot post', async () => {
    const s = await fc.session();
    const bad = await fetch(`${fc.url}${hostedPath({ client_secret: `${s.id}_secret_wrongwrongwrongwrongwron` })}`);
    expect(bad.status).toBe(404);
    const foreign = await fetch(`${fc.url}${hostedPath({ client_secret: s.client_secret! })}`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'step=link&institution=test_institution',
    });
    expect(foreign.status).toBe(403);
    expect((await fc.stripe.financialConnections.sessions.retrieve(s.id)).accounts.data).toEqual([]);
  });
});
