import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectMatchesSpec } from '../support/openapi.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { rawApi } from '../support/server.js';
import { START, startTreasury, type TreasuryServer } from '../treasury/support.js';
import { download, minor, records } from './support.js';

let s: TreasuryServer;
let receiver: Receiver;
let secret: string;
let fa: string;
let other: string;
const DAY = 86_400;

/** Day one: credits, payments (posted, canceled, failed), debits on two accounts; then the day ends. */
beforeAll(async () => {
  s = await startTreasury();
  receiver = await startReceiver();
  secret = (await s.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['reporting.report_run.succeeded', 'reporting.report_run.failed', 'reporting.report_type.updated'] })).secret!;
  fa = (await s.account()).id;
  other = (await s.account()).id;
  for (let i = 0; i < 12; i++) await s.fund(fa, 10_000 + i * 137);
  await s.fund(other, 5_555);
  for (let i = 0; i < 6; i++) {
    const obp = await s.stripe.treasury.outboundPayments.create({
      financial_account: fa,
      amount: 1_000 + i,
      currency: 'usd',
      destination_payment_method: 'pm_usBankAccount_processing',
      description: i === 0 ? 'Invoice, "March"' : undefined,
    });
    if (i % 3 === 0) await s.stripe.testHelpers.treasury.outboundPayments.post(obp.id);
    if (i % 3 === 1) await s.stripe.treasury.outboundPayments.cancel(obp.id);
    if (i % 3 === 2) await s.stripe.testHelpers.treasury.outboundPayments.fail(obp.id);
  }
  await s.stripe.testHelpers.treasury.receivedDebits.create({ financial_account: fa, amount: 777, currency: 'usd', network: 'ach' });
  await s.advance(DAY);
}, 60_000);
afterAll(async () => {
  await s.close();
  await receiver.close();
});

async function events(): Promise<Stripe.Event[]> {
  await s.engine.drainWebhooks();
  return receiver.received.map((r) => s.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, secret));
}

/** The SDK types lack the sandbox's `financial_account` param, so parameters are typed loosely here. */
async function runToFile(report_type: string, parameters: Stripe.Reporting.ReportRunCreateParams.Parameters & { financial_account?: string }) {
  const run = await s.stripe.reporting.reportRuns.create({ report_type, parameters });
  expectMatchesSpec('POST', '/v1/reporting/report_runs', run);
  expect(run.status).toBe('pending');
  await s.advance(5);
  const done = await s.stripe.reporting.reportRuns.retrieve(run.id);
  expectMatchesSpec('GET', '/v1/reporting/report_runs/{report_run}', done);
  expect(done.status).toBe('succeeded');
  const file = await download(done.result!.url!);
  expect(file.status).toBe(200);
  return { run: done, csv: file.text, rows: records(file.text) };
}

/** Every entry of an account through the API, oldest first. */
async function apiEntries(account: string) {
  const all = await s.stripe.treasury.transactionEntries.list({ financial_account: account, limit: 100 }).autoPagingToArray({ limit: 10_000 });
  return all.reverse();
}

describe('report types', () => {
  test('list and retrieve show availability from the sandbox data and clock', async () => {
    const list = await s.stripe.reporting.reportTypes.list();
    expectMatchesSpec('GET', '/v1/reporting/report_types', list);
    const ids = list.data.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['balance.summary.1', 'balance_change_from_activity.itemized.1', 'balance_change_from_activity.itemized.2', 'balance_change_from_activity.itemized.3', 'treasury.transaction_entries.itemized.1', 'tax.transactions.itemized.2']));
    const type = await s.stripe.reporting.reportTypes.retrieve('balance_change_from_activity.itemized.3');
    expectMatchesSpec('GET', '/v1/reporting/report_types/{report_type}', type);
    expect(type).toMatchObject({ version: 3, data_available_start: START, data_available_end: START + DAY, updated: START + DAY, livemode: false });
    expect(type.default_columns).toContain('balance_transaction_id');
    // No tax transactions yet: nothing is available for the tax report.
    const tax = await s.stripe.reporting.reportTypes.retrieve('tax.transactions.itemized.2');
    expect(tax.data_available_start).toBe(tax.data_available_end);
  });

  test('an unknown report type is a 404', async () => {
    await expect(s.stripe.reporting.reportTypes.retrieve('balance.summary.9')).rejects.toMatchObject({
      statusCode: 404,
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      message: "No such report type: 'balance.summary.9'",
    });
  });
});

describe('report runs reconcile with the ledger', () => {
  test('balance.summary.1 ends at the accounts\' cash and its parts add up', async () => {
    const { rows, run } = await runToFile('balance.summary.1', { interval_start: START, interval_end: START + DAY });
    expect(run.result).toMatchObject({ object: 'file', purpose: 'finance_report_run', type: 'csv', filename: `${run.id}.csv` });
    expect(rows.map((r) => r.category)).toEqual(['starting_balance', 'activity_gross', 'activity_fee', 'activity', 'payouts', 'ending_balance']);
    const get = (c: string) => minor(rows.find((r) => r.category === c)!.net_amount);
    const cash = (await s.balance(fa)).cash + (await s.balance(other)).cash;
    expect(get('ending_balance')).toBe(cash);
    expect(get('starting_balance')).toBe(0);
    expect(get('starting_balance') + get('activity') + get('payouts')).toBe(get('ending_balance'));
    expect(rows.every((r) => r.currency === 'usd')).toBe(true);
  });

  test('balance_change_from_activity.itemized.3 lists every cash movement of the API\'s entries, to the cent', async () => {
    const { rows } = await runToFile('balance_change_from_activity.itemized.3', {
      interval_start: START,
      interval_end: START + DAY,
      timezone: 'America/New_York',
    });
    const entries = [...(await apiEntries(fa)), ...(await apiEntries(other))].filter((e) => e.balance_impact.cash !== 0);
    expect(rows).toHaveLength(entries.length);
    expect(new Set(rows.map((r) => r.balance_transaction_id))).toEqual(new Set(entries.map((e) => e.id)));
    const sum = rows.reduce((n, r) => n + minor(r.net), 0);
    expect(sum).toBe(entries.reduce((n, e) => n + e.balance_impact.cash, 0));
    expect(rows.every((r) => minor(r.gross) === minor(r.net) && r.fee === '0.00')).toBe(true);
    // The sandbox's midnight UTC is the evening before in New York.
    expect(rows[0].created_utc).toBe('2026-01-01 00:00:00');
    expect(rows[0].created).toBe('2025-12-31 19:00:00');
    expect(Object.keys(rows[0])).toEqual(['balance_transaction_id', 'created_utc', 'created', 'available_on_utc', 'available_on', 'currency', 'gross', 'fee', 'net', 'reporting_category', 'source_id', 'description']);
    const quoted = rows.find((r) => r.description === 'Invoice, "March"');
    expect(quoted?.reporting_category).toBe('payout');
  });

  test('columns, currency and reporting_category shape an itemized run', async () => {
    const { rows, csv } = await runToFile('balance_change_from_activity.itemized.1', {
      interval_start: START,
      interval_end: START + DAY,
      currency: 'USD',
      reporting_category: 'topup',
      columns: ['net', 'balance_transaction_id', 'reporting_category'],
    });
    expect(csv.split('\n')[0]).toBe('net,balance_transaction_id,reporting_category');
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r.reporting_category === 'topup')).toBe(true);
    const credits = (await s.stripe.treasury.receivedCredits.list({ financial_account: fa, limit: 100 })).data;
    const credited = credits.reduce((n, c) => n + c.amount, 0) + 5_555;
    expect(rows.reduce((n, r) => n + minor(r.net), 0)).toBe(credited);
  });

  test('the Treasury activity report of one account is its entries, with each sub-balance impact', async () => {
    const { rows } = await runToFile('treasury.transaction_entries.itemized.1', { interval_start: START, interval_end: START + DAY, financial_account: fa });
    const entries = await apiEntries(fa);
    expect(rows.map((r) => r.transaction_entry_id)).toEqual(entries.map((e) => e.id));
    for (const k of ['cash', 'inbound_pending', 'outbound_pending'] as const) {
      expect(rows.reduce((n, r) => n + minor(r[k]), 0)).toBe(entries.reduce((n, e) => n + e.balance_impact[k], 0));
    }
    const balance = await s.balance(fa);
    expect(rows.reduce((n, r) => n + minor(r.cash), 0)).toBe(balance.cash);
    expect(rows.reduce((n, r) => n + minor(r.outbound_pending), 0)).toBe(balance.outbound_pending);
    const transactions = await s.stripe.treasury.transactions.list({ financial_account: fa, limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(new Set(rows.map((r) => r.transaction_id))).toEqual(new Set(transactions.map((t) => t.id)));
    expect(transactions.reduce((n, t) => n + t.balance_impact.cash, 0)).toBe(balance.cash);
  });

  test('an interval before the data is empty but still a file with its header', async () => {
    const { rows, csv } = await runToFile('treasury.transaction_entries.itemized.1', { interval_start: START, interval_end: START + 1, financial_account: other, currency: 'eur' });
    expect(rows).toEqual([]);
    expect(csv.startsWith('transaction_entry_id,')).toBe(true);
  });

  test('runs list newest first and events say each run succeeded', async () => {
    const list = await s.stripe.reporting.reportRuns.list({ limit: 100 });
    expect(list.data.length).toBeGreaterThan(0);
    expectMatchesSpec('GET', '/v1/reporting/report_runs', list);
    expect(list.data.length).toBeGreaterThanOrEqual(5);
    expect(list.data.every((r) => r.status === 'succeeded')).toBe(true);
    const succeeded = (await events()).filter((e) => e.type === 'reporting.report_run.succeeded');
    expect(succeeded.map((e) => (e.data.object as { id: string }).id)).toEqual(expect.arrayContaining(list.data.map((r) => r.id)));
    expect(succeeded[0].data.previous_attributes).toMatchObject({ status: 'pending', result: null, succeeded_at: null });
  });
});

describe('bad parameters are refused and write nothing', () => {
  const cases: [string, string, Record<string, unknown>, string, string][] = [
    ['past the data', 'balance.summary.1', { interval_start: START, interval_end: START + 2 * DAY }, 'parameters[interval_end]', `Data for the report type balance.summary.1 is only available through ${START + DAY}; you requested interval_end = ${START + 2 * DAY}.`],
    ['before the data', 'balance.summary.1', { interval_start: START - DAY, interval_end: START + DAY }, 'parameters[interval_start]', `Data for the report type balance.summary.1 is only available from ${START}; you requested interval_start = ${START - DAY}.`],
    ['an unknown column', 'balance_change_from_activity.itemized.2', { interval_start: START, interval_end: START + DAY, columns: ['net', 'shoe_size'] }, 'parameters[columns]', 'Unknown column `shoe_size`'],
    ['a local time column in version 1', 'balance_change_from_activity.itemized.1', { interval_start: START, interval_end: START + DAY, columns: ['created'] }, 'parameters[columns]', 'Unknown column `created`'],
    ['a parameter the type does not take', 'balance.summary.1', { interval_start: START, interval_end: START + DAY, reporting_category: 'charge' }, 'parameters[reporting_category]', 'not supported'],
    ['no interval_start', 'balance.summary.1', { interval_end: START + DAY }, 'parameters[interval_start]', 'Missing required param: parameters[interval_start].'],
    ['a reversed interval', 'balance.summary.1', { interval_start: START + 100, interval_end: START + 10 }, 'parameters[interval_start]', 'must be before'],
    ['an unknown currency', 'balance.summary.1', { interval_start: START, interval_end: START + DAY, currency: 'zzz' }, 'parameters[currency]', 'Invalid currency'],
    ['an unknown account', 'treasury.transaction_entries.itemized.1', { interval_start: START, interval_end: START + DAY, financial_account: 'fa_nope' }, 'parameters[financial_account]', "No such financial account: 'fa_nope'"],
    ['an unknown report type', 'balance.summary.7', { interval_start: START, interval_end: START + DAY }, 'report_type', "No such report type: 'balance.summary.7'"],
  ];
  test.each(cases)('%s', async (_name, report_type, parameters, param, message) => {
    const before = (await s.stripe.reporting.reportRuns.list({ limit: 100 })).data.length;
    const err = await s.stripe.reporting.reportRuns.create({ report_type, parameters: parameters as never }).catch((e) => e);
    expect(err).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', param });
    expect(err.message).toContain(message);
    expect((await s.stripe.reporting.reportRuns.list({ limit: 100 })).data.length).toBe(before);
  });

  test('an unknown timezone is refused by the description\'s list', async () => {
    const err = await s.stripe.reporting.reportRuns.create({ report_type: 'balance.summary.1', parameters: { interval_start: START, interval_end: START + DAY, timezone: 'Mars/Olympus' as never } }).catch((e) => e);
    expect(err).toMatchObject({ statusCode: 400, param: 'parameters[timezone]' });
  });
});

describe('controls and the state machine', () => {
  test('finish computes a pending run at once; a finished run cannot finish or fail again', async () => {
    const run = await s.stripe.reporting.reportRuns.create({ report_type: 'balance.summary.1', parameters: { interval_start: START, interval_end: START + DAY } });
    const res = await s.control('POST', `/reporting/report_runs/${run.id}/finish`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: run.id, status: 'succeeded' });
    expect(res.body.succeeded_at).toBe(s.engine.core.clock.now());
    const again = await s.control('POST', `/reporting/report_runs/${run.id}/finish`);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('has a status of `succeeded`');
    expect((await s.control('POST', `/reporting/report_runs/${run.id}/fail`)).status).toBe(400);
    // The scheduled job finds nothing left to do.
    await s.advance(10);
    expect((await s.stripe.reporting.reportRuns.retrieve(run.id)).result!.id).toBe(res.body.result.id);
  });

  test('fail marks a pending run failed with its error and fires reporting.report_run.failed', async () => {
    const run = await s.stripe.reporting.reportRuns.create({ report_type: 'balance.summary.1', parameters: { interval_start: START, interval_end: START + DAY } });
    const res = await s.control('POST', `/reporting/report_runs/${run.id}/fail`, { error: 'Ledger unavailable' });
    expect(res.body).toMatchObject({ status: 'failed', error: 'Ledger unavailable', result: null });
    // The Node SDK reads any top-level string `error` as an OAuth error, so a failed run is fetched raw, as with Stripe.
    await expect(s.stripe.reporting.reportRuns.retrieve(run.id)).rejects.toMatchObject({ type: 'StripeOAuthError' });
    const failed = await rawApi(s.url, 'GET', `/v1/reporting/report_runs/${run.id}`);
    expect(failed.status).toBe(200);
    expectMatchesSpec('GET', '/v1/reporting/report_runs/{report_run}', failed.body);
    await s.advance(10);
    expect((await rawApi(s.url, 'GET', `/v1/reporting/report_runs/${run.id}`)).body.status).toBe('failed');
    const evt = (await events()).find((e) => e.type === 'reporting.report_run.failed');
    expect(evt?.data.object).toMatchObject({ id: run.id, status: 'failed', error: 'Ledger unavailable' });
    expect((await s.control('POST', '/reporting/report_runs/frr_missing/finish')).status).toBe(404);
  });

  test('the UI offers finish and fail exactly while a run is pending', async () => {
    const run = await s.stripe.reporting.reportRuns.create({ report_type: 'balance.summary.1', parameters: { interval_start: START, interval_end: START + DAY } });
    const pending = await s.control('GET', `/dashboard/objects/${run.id}`);
    expect(pending.body.actions.map((a: { name: string }) => a.name)).toEqual(['finish', 'fail']);
    await s.control('POST', `/reporting/report_runs/${run.id}/finish`);
    const done = await s.control('GET', `/dashboard/objects/${run.id}`);
    expect(done.body.actions).toEqual([]);
  });

  test('a new sandbox day with data fires reporting.report_type.updated', async () => {
    await s.fund(fa, 1);
    await s.advance(DAY);
    const updated = (await events()).filter((e) => e.type === 'reporting.report_type.updated');
    const ids = updated.map((e) => (e.data.object as { id: string }).id);
    expect(ids).toEqual(expect.arrayContaining(['balance.summary.1', 'treasury.transaction_entries.itemized.1']));
    expect(ids).not.toContain('tax.transactions.itemized.2');
    const last = updated.filter((e) => (e.data.object as { id: string }).id === 'balance.summary.1').at(-1)!;
    expect(last.data.object).toMatchObject({ data_available_end: START + 2 * DAY });
    expect(last.data.previous_attributes).toMatchObject({ data_available_end: START + DAY });
  });
});
