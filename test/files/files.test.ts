import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { download, records } from '../reporting/support.js';
import { expectMatchesSpec } from '../support/openapi.js';
import { START, startTreasury, type TreasuryServer } from '../treasury/support.js';

let s: TreasuryServer;
let reportFile: { id: string; url: string; size: number; expires_at: number };
let queryFile: { id: string; url: string };
const DAY = 86_400;

/** Enough entries that the report spans several stored chunks. */
beforeAll(async () => {
  s = await startTreasury();
  const fa = (await s.account()).id;
  await s.control('POST', '/dashboard/seed', { entries: 3_000, financial_account: fa });
  await s.advance(DAY);
  const run = await s.stripe.reporting.reportRuns.create({
    report_type: 'treasury.transaction_entries.itemized.1',
    parameters: { interval_start: START, interval_end: START + DAY },
  });
  reportFile = (await s.control('POST', `/reporting/report_runs/${run.id}/finish`)).body.result;
  const q = await s.control('POST', '/sigma/scheduled_queries', { title: 'Entries', sql: 'SELECT id FROM treasury_transaction_entries', schedule: 'monthly' });
  queryFile = (await s.control('POST', `/sigma/scheduled_queries/${q.body.id}/run`)).body.file;
}, 60_000);
afterAll(() => s.close());

describe('files', () => {
  test('retrieve shows a report\'s file as Stripe does', async () => {
    const file = await s.stripe.files.retrieve(reportFile.id);
    expectMatchesSpec('GET', '/v1/files/{file}', file);
    expect(file).toMatchObject({ object: 'file', purpose: 'finance_report_run', type: 'csv', size: reportFile.size, expires_at: reportFile.expires_at });
    expect(file.url).toBe(`${s.url}/v1/files/${file.id}/contents`);
    expect(file.size).toBeGreaterThan(3 * 64 * 1024);
  });

  test('list filters by purpose', async () => {
    const all = await s.stripe.files.list();
    expectMatchesSpec('GET', '/v1/files', all);
    expect(all.data.map((f) => f.id)).toEqual([queryFile.id, reportFile.id]);
    const reports = await s.stripe.files.list({ purpose: 'finance_report_run' });
    expect(reports.data.map((f) => f.id)).toEqual([reportFile.id]);
    const queries = await s.stripe.files.list({ purpose: 'sigma_scheduled_query' });
    expect(queries.data.map((f) => f.id)).toEqual([queryFile.id]);
    await expect(s.stripe.files.list({ purpose: 'not_a_purpose' as never })).rejects.toMatchObject({ statusCode: 400, param: 'purpose' });
  });

  test('contents stream back whole, chunk after chunk, with the secret key', async () => {
    const chunks = (s.engine.core.db.prepare('SELECT count(*) AS n FROM file_chunks WHERE file_id = ?').get(reportFile.id) as { n: number }).n;
    expect(chunks).toBeGreaterThan(3);
    const res = await download(reportFile.url);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(Buffer.byteLength(res.text)).toBe(reportFile.size);
    expect(records(res.text)).toHaveLength(3_000);
    const basic = await fetch(reportFile.url, { headers: { authorization: `Basic ${Buffer.from('sk_test_counterfoil:').toString('base64')}` } });
    expect(basic.status).toBe(200);
    await basic.arrayBuffer();
  });

  test('contents need a secret key and an existing file', async () => {
    const none = await download(reportFile.url, null);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).error.type).toBe('invalid_request_error');
    expect((await download(reportFile.url, 'pk_test_abc')).status).toBe(401);
    const missing = await download(`${s.url}/v1/files/file_nope/contents`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).error).toMatchObject({ code: 'resource_missing', message: "No such file upload: 'file_nope'" });
    await expect(s.stripe.files.retrieve('file_nope')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  test('a file is removed, content and all, once the sandbox clock passes its expires_at', async () => {
    await s.advance(31 * DAY);
    // The query result (30 days) is gone; the report's (a year) is still there.
    expect((await download(queryFile.url)).status).toBe(404);
    await expect(s.stripe.files.retrieve(queryFile.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((s.engine.core.db.prepare('SELECT count(*) AS n FROM file_chunks WHERE file_id = ?').get(queryFile.id) as { n: number }).n).toBe(0);
    expect((await download(reportFile.url)).status).toBe(200);
    await s.advance(reportFile.expires_at - s.engine.core.clock.now());
    expect((await download(reportFile.url)).status).toBe(404);
    expect((await s.stripe.files.list()).data).toEqual([]);
  });
});
