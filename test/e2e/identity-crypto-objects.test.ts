import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DashboardPage } from './support/dashboard-page.js';
import { launchChromium, newContext, startSandbox, type Sandbox } from './support/harness.js';
import { raw } from '../crypto/support.js';

const SHOTS = '/tmp/counterfoil-shots';
let sandbox: Sandbox;
let browser: Browser;
let ui: DashboardPage;
beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  ui = await new DashboardPage(await (await newContext(browser)).newPage(), sandbox).open();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('identity and crypto objects in the dashboard', () => {
  it('a verification session shows in Objects with its legal actions, and Verify moves it', async () => {
    const vs = await sandbox.stripe.identity.verificationSessions.create({ type: 'document' });
    await ui.view('objects');
    await ui.id('object-type-identity.verification_session').click();
    await ui.page.locator(`[data-testid="object-row"][data-object="${vs.id}"]`).click();
    const detail = ui.page.locator(`[data-testid="object-detail"][data-object="${vs.id}"]`);
    await detail.waitFor();
    for (const a of ['verify', 'verify_async', 'unverify', 'unverify_async', 'cancel', 'redact']) await detail.locator(`[data-testid="action-${a}"]`).waitFor();
    await ui.page.screenshot({ path: `${SHOTS}/dashboard-identity.png` });
    await detail.locator('[data-testid="action-verify"]').click();
    await detail.locator('[data-testid="action-verify"]').waitFor({ state: 'detached' });
    expect((await sandbox.stripe.identity.verificationSessions.retrieve(vs.id)).status).toBe('verified');
    await detail.locator('[data-testid="action-redact"]').waitFor();
    expect(await detail.locator('[data-testid^="action-"]').count()).toBe(1);
  });

  it('an onramp session shows in Objects with its next steps as buttons', async () => {
    const cos = await raw(sandbox.stripe, 'POST', '/v1/crypto/onramp_sessions', {});
    await ui.view('objects');
    await ui.id('object-type-crypto.onramp_session').click();
    await ui.page.locator(`[data-testid="object-row"][data-object="${cos.id}"]`).click();
    const detail = ui.page.locator(`[data-testid="object-detail"][data-object="${cos.id}"]`);
    await detail.locator('[data-testid="action-requires_payment"]').click();
    await detail.locator('[data-testid="action-fulfillment_processing"]').waitFor();
    await ui.page.screenshot({ path: `${SHOTS}/dashboard-onramp.png` });
    expect((await raw(sandbox.stripe, 'GET', `/v1/crypto/onramp_sessions/${cos.id}`)).status).toBe('requires_payment');
  });
});
