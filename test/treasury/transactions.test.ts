import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { expectEveryResponseMatchesSpec, startTreasury, type TreasuryServer } from './support.js';

let s: TreasuryServer;
let fa: string;
const minutes: number[] = [];
const obps: Stripe.Treasury.OutboundPayment[] = [];

/** 1,000 movements over ten sandbox minutes: credits, payments (every other one posted) and debits. */
beforeAll(async () => {
  s = await startTreasury();
  fa = (await s.account()).id;
  const stripe = s.stripe;
  for (let minute = 0; minute < 10; minute++) {
    minutes.push((await stripe.treasury.financialAccounts.retrieve(fa)).created + minute * 60);
    for (let i = 0; i < 50; i++) await s.fund(fa, 1_000 + i);
    for (let i = 0; i < 25; i++) {
      const obp = await stripe.treasury.outboundPayments.create({ financial_account: fa, amount: 100 + i, currency: 'usd', destination_payment_method: 'pm_usBankAccount_processing' });
      obps.push(obp);
      if (i % 2 === 0) await stripe.testHelpers.treasury.outboundPayments.post(obp.id);
    }
    for (let i = 0; i < 25; i++) await stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa, amount: 10 + i, currency: 'usd', network: 'ach' });
    await s.advance(60);
  }
}, 120_000);
afterAll(() => s.close());

// Per minute: 50 credits + 25 payments + 13 postings + 25 debits.
const ENTRIES = 10 * (50 + 25 + 13 + 25);
const TRANSACTIONS = 10 * (50 + 25 + 25);

describe('transaction entries across 1,000 movements', () => {
  test('cursor pages visit every entry once, newest first, and sum to the balance', async () => {
    const seen: Stripe.Treasury.TransactionEntry[] = [];
    let page = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 100 });
    expectMatchesSpec('GET', '/v1/treasury/transaction_entries', page);
    seen.push(...page.data);
    while (page.has_more) {
      page = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 100, starting_after: page.data[page.data.length - 1].id });
      seen.push(...page.data);
    }
    expect(seen).toHaveLength(ENTRIES);
    expect(new Set(seen.map((e) => e.id)).size).toBe(ENTRIES);
    const created = seen.map((e) => e.created);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    const balance = await s.balance(fa);
    const sum = (k: 'cash' | 'inbound_pending' | 'outbound_pending') => seen.reduce((n, e) => n + e.balance_impact[k], 0);
    expect({ cash: sum('cash'), inbound_pending: sum('inbound_pending'), outbound_pending: sum('outbound_pending') }).toEqual(balance);

    const back: Stripe.Treasury.TransactionEntry[] = [];
    let prev = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 100, ending_before: seen[ENTRIES - 1].id });
    back.unshift(...prev.data);
    while (prev.has_more) {
      prev = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 100, ending_before: prev.data[0].id });
      back.unshift(...prev.data);
    }
    expect(back.map((e) => e.id)).toEqual(seen.slice(0, -1).map((e) => e.id));
  });

  test('the SDK auto-pagination sees the same entries', async () => {
    const all = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 100 }).autoPagingToArray({ limit: 5_000 });
    expect(all).toHaveLength(ENTRIES);
  });

  test('created and effective_at ranges select one sandbox minute', async () => {
    const window = { gte: minutes[3], lt: minutes[4] };
    const byCreated = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, created: window, limit: 100 }).autoPagingToArray({ limit: 1_000 });
    expect(byCreated).toHaveLength(ENTRIES / 10);
    expect(byCreated.every((e) => e.created >= minutes[3] && e.created < minutes[4])).toBe(true);
    const byEffective = await s.stripe.treasury.transactionEntries
      .list({ financial_account: fa, effective_at: window, order_by: 'effective_at', limit: 100 })
      .autoPagingToArray({ limit: 1_000 });
    expect(byEffective.map((e) => e.id)).toEqual(byCreated.map((e) => e.id));
    const exact = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, created: minutes[9], limit: 100 }).autoPagingToArray({ limit: 1_000 });
    expect(exact).toHaveLength(ENTRIES / 10);
  });

  test('the transaction filter returns exactly that transaction\'s entries', async () => {
    const posted = obps[0];
    const list = await s.stripe.treasury.transactionEntries.list({ financial_account: fa, transaction: posted.transaction as string });
    expect(list.data.map((e) => e.type)).toEqual(['outbound_payment_posting', 'outbound_payment']);
  });

  test('an entry expands its transaction and flow_details', async () => {
    const [entry] = (await s.stripe.treasury.transactionEntries.list({ financial_account: fa, limit: 1 })).data;
    const full = await s.stripe.treasury.transactionEntries.retrieve(entry.id, { expand: ['transaction', 'flow_details'] });
    expectMatchesSpec('GET', '/v1/treasury/transaction_entries/{id}', full);
    expect((full.transaction as Stripe.Treasury.Transaction).id).toBe(entry.transaction);
    expect(full.flow_details?.type).toBe(entry.flow_type);
    expect((full.flow_details as unknown as Record<string, { id: string }>)[entry.flow_type].id).toBe(entry.flow);
  });
});

describe('transactions across 1,000 movements', () => {
  test('status filters split open, posted and void transactions', async () => {
    const count = async (status?: 'open' | 'posted' | 'void') =>
      (await s.stripe.treasury.transactions.list({ financial_account: fa, limit: 100, ...(status ? { status } : {}) }).autoPagingToArray({ limit: 5_000 })).length;
    expect(await count()).toBe(TRANSACTIONS);
    expect(await count('open')).toBe(10 * 12);
    expect(await count('posted')).toBe(TRANSACTIONS - 10 * 12);
    expect(await count('void')).toBe(0);
  });

  test('order_by posted_at follows posting order, not creation order, and filters by posted_at', async () => {
    const late = obps.filter((_, i) => i % 2 === 1).slice(0, 3);
    for (const obp of [...late].reverse()) {
      await s.stripe.testHelpers.treasury.outboundPayments.post(obp.id);
      await s.advance(10);
    }
    const postedAt = (await s.stripe.treasury.transactions.retrieve(late[0].transaction as string)).status_transitions.posted_at!;
    const list = await s.stripe.treasury.transactions.list({ financial_account: fa, order_by: 'posted_at', limit: 3 });
    expectMatchesSpec('GET', '/v1/treasury/transactions', list);
    expect(list.data.map((t) => t.flow)).toEqual(late.map((o) => o.id));
    const since = await s.stripe.treasury.transactions.list({ financial_account: fa, order_by: 'posted_at', status_transitions: { posted_at: { gte: postedAt } } });
    expect(since.data.map((t) => t.flow)).toEqual([late[0].id]);
    const page2 = await s.stripe.treasury.transactions.list({ financial_account: fa, order_by: 'posted_at', limit: 2, starting_after: list.data[1].id });
    expect(page2.data[0].flow).toBe(late[2].id);
  });

  test('a transaction expands its entries and its flow', async () => {
    const trxn = await s.stripe.treasury.transactions.retrieve(obps[2].transaction as string, { expand: ['entries', 'flow_details'] });
    expectMatchesSpec('GET', '/v1/treasury/transactions/{id}', trxn);
    expect(trxn.entries?.data.map((e) => e.type)).toEqual(['outbound_payment_posting', 'outbound_payment']);
    expect(trxn.flow_details?.outbound_payment?.id).toBe(obps[2].id);
    const plain = await s.stripe.treasury.transactions.retrieve(obps[2].transaction as string);
    expect(plain.entries).toBeUndefined();
  });

  test('listing needs a financial_account and an unknown one is a 404', async () => {
    const missing = await s.stripe.treasury.transactions.list({ financial_account: 'fa_nope' }).catch((e) => e);
    expect(missing.statusCode).toBe(404);
    const none = await s.stripe.treasury.transactions.list({} as Stripe.Treasury.TransactionListParams).catch((e) => e);
    expect(none.code).toBe('parameter_missing');
  });
});

test('every Treasury response in this file matches its operation\'s OpenAPI schema', () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
