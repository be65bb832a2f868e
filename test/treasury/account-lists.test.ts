import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectEveryResponseMatchesSpec, startTreasury, type TreasuryServer } from './support.js';

// Every Treasury list is scoped to one financial account. The account is looked up only when a
// page comes back empty (a row the account holds proves it exists): these pin the answers either way.

let s: TreasuryServer;
let funded: string;
let empty: string;
let entry: string;

type Lister = (params: { financial_account: string; starting_after?: string; limit?: number }) => Promise<Stripe.ApiList<{ id: string }>>;
const lists = (): Record<string, Lister> => {
  const t = s.stripe.treasury;
  return {
    transaction_entries: (p) => t.transactionEntries.list(p),
    transactions: (p) => t.transactions.list(p),
    outbound_payments: (p) => t.outboundPayments.list(p),
    outbound_transfers: (p) => t.outboundTransfers.list(p),
    inbound_transfers: (p) => t.inboundTransfers.list(p),
    received_credits: (p) => t.receivedCredits.list(p),
    received_debits: (p) => t.receivedDebits.list(p),
    credit_reversals: (p) => t.creditReversals.list(p),
    debit_reversals: (p) => t.debitReversals.list(p),
  };
};

beforeAll(async () => {
  s = await startTreasury();
  funded = (await s.account()).id;
  empty = (await s.account()).id;
  await s.fund(funded, 5_000);
  await s.fund(funded, 7_000);
  entry = (await s.stripe.treasury.transactionEntries.list({ financial_account: funded, limit: 1 })).data[0].id;
});
afterAll(() => s.close());

describe('Treasury lists and their financial account', () => {
  test('an unknown account is a 404 on financial_account, with or without a cursor', async () => {
    for (const [name, list] of Object.entries(lists())) {
      for (const params of [{ financial_account: 'fa_missing' }, { financial_account: 'fa_missing', starting_after: entry }]) {
        const err = await list(params).then(
          () => undefined,
          (e: Stripe.errors.StripeError) => e,
        );
        expect(err, `${name} ${JSON.stringify(params)}`).toBeDefined();
        expect([err!.statusCode, err!.type, err!.code, err!.param], name).toEqual([404, 'StripeInvalidRequestError', 'resource_missing', 'financial_account']);
        expect(err!.message, name).toContain('fa_missing');
      }
    }
  });

  test('an account with nothing of a kind lists an empty page', async () => {
    for (const [name, list] of Object.entries(lists())) {
      const page = await list({ financial_account: empty });
      expect([page.data.length, page.has_more], name).toEqual([0, false]);
    }
  });

  test('an account with rows lists them, and a cursor pages past them', async () => {
    const credits = await s.stripe.treasury.receivedCredits.list({ financial_account: funded });
    expect(credits.data.map((c) => c.amount)).toEqual([7_000, 5_000]);
    const first = await s.stripe.treasury.transactionEntries.list({ financial_account: funded, limit: 1 });
    expect(first.has_more).toBe(true);
    const rest = await s.stripe.treasury.transactionEntries.list({ financial_account: funded, starting_after: first.data[0].id });
    expect(rest.data.map((e) => e.balance_impact.cash)).toEqual([5_000]);
    expect(rest.has_more).toBe(false);
  });
});

test("every response in this file matches its operation's OpenAPI schema", () => {
  expect(expectEveryResponseMatchesSpec(s)).toBeGreaterThan(0);
});
