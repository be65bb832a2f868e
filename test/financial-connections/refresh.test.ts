import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectMatchesSpec, expectObjectMatchesSchema } from '../support/openapi.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { expectStripeError, startFc, START, type FcServer } from './support.js';

let fc: FcServer;
let receiver: Receiver;
let secret: string;
beforeAll(async () => {
  [fc, receiver] = await Promise.all([startFc(), startReceiver()]);
  const endpoint = await fc.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['financial_connections.account.refreshed_balance', 'financial_connections.account.refreshed_transactions'] });
  secret = endpoint.secret!;
});
afterAll(async () => {
  await fc.close();
  await receiver.close();
});

const ACCOUNTS = '/v1/financial_connections/accounts';
const TXNS = '/v1/financial_connections/transactions';

describe('refreshing a linked account', () => {
  it('a balance refresh is pending now and succeeds on the sandbox clock a few seconds later, with a delivered event', async () => {
    const a = await fc.account();
    const pending = await fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['balance'] });
    expectMatchesSpec('POST', `${ACCOUNTS}/{account}/refresh`, pending);
    expect(pending.balance_refresh).toEqual({ last_attempted_at: START, next_refresh_available_at: null, status: 'pending' });
    expect(pending.balance).toBeNull();
    await fc.advance(4);
    expect((await fc.stripe.financialConnections.accounts.retrieve(a.id)).balance_refresh?.status).toBe('pending');
    await fc.advance(1);
    const done = await fc.stripe.financialConnections.accounts.retrieve(a.id);
    expect(done.balance_refresh).toEqual({ last_attempted_at: START, next_refresh_available_at: START + 5, status: 'succeeded' });
    expect(done.balance).toEqual({ as_of: START + 5, cash: { available: { usd: 1_225_000 } }, current: { usd: 1_250_000 }, type: 'cash' });
    await fc.engine.drainWebhooks();
    const delivered = receiver.received.map((r) => ({ r, e: JSON.parse(r.body) as Stripe.Event })).filter(({ e }) => (e.data.object as { id: string }).id === a.id);
    expect(delivered.map(({ e }) => e.type)).toEqual(['financial_connections.account.refreshed_balance']);
    const { r } = delivered[0];
    const event = Stripe.webhooks.constructEvent(r.body, String(r.headers['stripe-signature']), secret);
    expect(event.data.previous_attributes).toMatchObject({ balance: null, balance_refresh: { status: 'pending' } });
  });

  it('the finish control ends a pending refresh now, failed or succeeded, once', async () => {
    const a = await fc.account();
    await fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['balance', 'ownership'] });
    const failed = await fc.control('POST', `/financial_connections/accounts/${a.id}/refresh/finish`, { feature: 'balance', status: 'failed' });
    expect(failed.status).toBe(200);
    expect(failed.body.balance_refresh.status).toBe('failed');
    expect(failed.body.balance).toBeNull();
    expect(failed.body.ownership_refresh.status).toBe('pending');
    const again = await fc.control('POST', `/financial_connections/accounts/${a.id}/refresh/finish`, { feature: 'balance' });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/status of `failed`/);
    expect((await fc.control('POST', `/financial_connections/accounts/${a.id}/refresh/finish`, { feature: 'weather' })).body.error.param).toBe('feature');
    expect((await fc.control('POST', `/financial_connections/accounts/${a.id}/refresh/finish`, { feature: 'ownership', status: 'maybe' })).body.error.param).toBe('status');
    expect((await fc.control('POST', `/financial_connections/accounts/${a.id}/refresh/finish`, { feature: 'transactions' })).status).toBe(400);
    // The clock no longer finishes the one the control finished; the other still finishes on time.
    await fc.advance(10);
    const after = await fc.stripe.financialConnections.accounts.retrieve(a.id);
    expect(after.balance_refresh?.status).toBe('failed');
    expect(after.ownership_refresh?.status).toBe('succeeded');
    const events = (await fc.events('financial_connections.account.refreshed_balance')).filter((e) => (e.data.object as { id: string }).id === a.id);
    expect(events).toHaveLength(1);
    expect((await fc.events('financial_connections.account.refreshed_ownership')).filter((e) => (e.data.object as { id: string }).id === a.id)).toHaveLength(1);
  });

  it('ownership lists the owners Stripe shapes, and an account without ownership data fails the refresh', async () => {
    const s = await fc.session();
    const [single, joint, partial, none] = (await fc.link(s.id, 'ownership_accounts')).accounts.data;
    const t0 = fc.engine.core.clock.now();
    for (const a of [single, joint, partial, none]) await fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['ownership'] });
    await fc.advance(5);
    const j = await fc.stripe.financialConnections.accounts.retrieve(joint.id, { expand: ['ownership'] });
    const ownership = j.ownership as Stripe.FinancialConnections.AccountOwnership;
    expect(ownership.id).toMatch(/^fcaowns_/);
    expectObjectMatchesSchema('financial_connections.account_ownership', ownership);
    expectMatchesSpec('GET', `${ACCOUNTS}/{account}`, j);
    expect(ownership.owners.data.map((o) => o.name)).toEqual(['Jenny Rosen', 'Jamie Rosen']);
    const owners = await fc.stripe.financialConnections.accounts.listOwners(joint.id, { ownership: ownership.id });
    expectMatchesSpec('GET', `${ACCOUNTS}/{account}/owners`, owners);
    expect(owners.data[0]).toMatchObject({ id: expect.stringMatching(/^fcaown_/), object: 'financial_connections.account_owner', ownership: ownership.id, refreshed_at: t0 + 5 });
    expect(owners.data.map((o) => o.email).sort()).toEqual(['jamie.rosen@example.com', 'jenny.rosen@example.com']);
    const p = await fc.stripe.financialConnections.accounts.retrieve(partial.id);
    const partialOwners = await fc.stripe.financialConnections.accounts.listOwners(partial.id, { ownership: p.ownership as string });
    expect(partialOwners.data).toEqual([expect.objectContaining({ name: 'J. Rosen', email: null, phone: null, raw_address: null })]);
    const n = await fc.stripe.financialConnections.accounts.retrieve(none.id);
    expect(n.ownership_refresh?.status).toBe('failed');
    expect(n.ownership).toBeNull();
    await expectStripeError(fc.stripe.financialConnections.accounts.listOwners(single.id, { ownership: ownership.id }), 400, { code: 'resource_missing', param: 'ownership' });
    await expectStripeError(fc.stripe.financialConnections.accounts.listOwners(single.id, {} as never), 400, { code: 'parameter_missing', param: 'ownership' });
  });

  it('transaction refreshes produce a deterministic 180-day history: pending, posted and void, updated by later refreshes', async () => {
    const a = await fc.account();
    const b = await fc.account();
    await fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['transactions'] });
    await fc.stripe.financialConnections.accounts.refresh(b.id, { features: ['transactions'] });
    await fc.advance(5);
    const first = (await fc.stripe.financialConnections.accounts.retrieve(a.id)).transaction_refresh!;
    expect(first).toMatchObject({ id: expect.stringMatching(/^fctxnref_/), status: 'succeeded' });
    const all: Stripe.FinancialConnections.Transaction[] = [];
    for await (const t of fc.stripe.financialConnections.transactions.list({ account: a.id, limit: 100 })) all.push(t);
    expect(all.length).toBeGreaterThan(150);
    const now = fc.engine.core.clock.now();
    expect(Math.min(...all.map((t) => t.transacted_at))).toBeGreaterThan(now - 180 * 86_400);
    const sorted = [...all].sort((x, y) => y.transacted_at - x.transacted_at);
    expect(all.map((t) => t.id)).toEqual(sorted.map((t) => t.id));
    const statuses = new Set(all.map((t) => t.status));
    expect(statuses).toEqual(new Set(['pending', 'posted', 'void']));
    for (const t of all) {
      if (t.status === 'posted') expect(t.status_transitions.posted_at).toBeGreaterThan(t.transacted_at);
      if (t.status === 'void') expect(t.status_transitions.void_at).toBeGreaterThan(t.transacted_at);
      if (t.status === 'pending') expect(t.status_transitions).toEqual({ posted_at: null, void_at: null });
      expect(t.transaction_refresh).toBe(first.id);
    }
    expect(all.some((t) => t.description.startsWith('Payroll deposit') && t.amount === 312_500)).toBe(true);
    // The same test account at another holder has the same history (under its own ids).
    const other: Stripe.FinancialConnections.Transaction[] = [];
    for await (const t of fc.stripe.financialConnections.transactions.list({ account: b.id, limit: 100 })) other.push(t);
    expect(other.map((t) => [t.amount, t.description, t.transacted_at, t.status])).toEqual(all.map((t) => [t.amount, t.description, t.transacted_at, t.status]));

    const page = await fc.stripe.financialConnections.transactions.list({ account: a.id, limit: 3 });
    expectMatchesSpec('GET', TXNS, page);
    const one = await fc.stripe.financialConnections.transactions.retrieve(page.data[0].id);
    expectMatchesSpec('GET', `${TXNS}/{transaction}`, one);
    expect(one).toEqual(page.data[0]);
    const window = await fc.stripe.financialConnections.transactions.list({ account: a.id, transacted_at: { gte: now - 7 * 86_400 }, limit: 100 });
    expect(window.data.length).toBeGreaterThan(0);
    expect(window.data.every((t) => t.transacted_at >= now - 7 * 86_400)).toBe(true);

    // Three days later the pending ones have settled, and there is new spending.
    await fc.advance(3 * 86_400);
    await fc.stripe.financialConnections.accounts.refresh(a.id, { features: ['transactions'] });
    await fc.advance(5);
    const second = (await fc.stripe.financialConnections.accounts.retrieve(a.id)).transaction_refresh!;
    expect(second.id).not.toBe(first.id);
    const changed = await fc.stripe.financialConnections.transactions.list({ account: a.id, transaction_refresh: { after: first.id }, limit: 100 });
    expect(changed.data.length).toBeGreaterThan(0);
    expect(changed.data.every((t) => t.transaction_refresh === second.id)).toBe(true);
    const wasPending = all.filter((t) => t.status === 'pending').map((t) => t.id);
    for (const id of wasPending) {
      const t = await fc.stripe.financialConnections.transactions.retrieve(id);
      expect(t.status).not.toBe('pending');
      expect(t.updated).toBe(second.last_attempted_at + 5);
      expect(changed.data.map((c) => c.id)).toContain(id);
    }
    expect(changed.data.some((t) => t.transacted_at > now)).toBe(true);
    const none = await fc.stripe.financialConnections.transactions.list({ account: a.id, transaction_refresh: { after: second.id } });
    expect(none.data).toEqual([]);
  });

  it('transactions list needs an account, and an unknown one is a 404', async () => {
    await expectStripeError(fc.stripe.financialConnections.transactions.list({} as never), 400, { code: 'parameter_missing', param: 'account' });
    await expectStripeError(fc.stripe.financialConnections.transactions.list({ account: 'fca_missing' }), 404, { code: 'resource_missing', param: 'account' });
    await expectStripeError(fc.stripe.financialConnections.transactions.retrieve('fctxn_missing'), 404, { code: 'resource_missing', param: 'transaction' });
  });

  it('a subscribed account refreshes its transactions now and once per sandbox day, until unsubscribed', async () => {
    const a = await fc.account();
    const sub = await fc.stripe.financialConnections.accounts.subscribe(a.id, { features: ['transactions'] });
    expectMatchesSpec('POST', `${ACCOUNTS}/{account}/subscribe`, sub);
    expect(sub.subscriptions).toEqual(['transactions']);
    expect(sub.transaction_refresh?.status).toBe('pending');
    const mine = async () => (await fc.events('financial_connections.account.refreshed_transactions')).filter((e) => (e.data.object as { id: string }).id === a.id);
    await fc.advance(5);
    expect(await mine()).toHaveLength(1);
    await fc.advance(86_395);
    expect((await fc.stripe.financialConnections.accounts.retrieve(a.id)).transaction_refresh?.status).toBe('pending');
    await fc.advance(5);
    expect(await mine()).toHaveLength(2);
    await fc.advance(86_400 + 5);
    expect(await mine()).toHaveLength(3);
    const un = await fc.stripe.financialConnections.accounts.unsubscribe(a.id, { features: ['transactions'] });
    expectMatchesSpec('POST', `${ACCOUNTS}/{account}/unsubscribe`, un);
    expect(un.subscriptions).toEqual([]);
    await fc.advance(3 * 86_400);
    expect(await mine()).toHaveLength(3);
    await fc.engine.drainWebhooks();
    const delivered = receiver.received.filter((r) => r.body.includes(a.id)).map((r) => JSON.parse(r.body).type);
    expect(delivered).toEqual(['financial_connections.account.refreshed_transactions', 'financial_connections.account.refreshed_transactions', 'financial_connections.account.refreshed_transactions']);
  });
});
