// Bench cases for Reporting and Sigma over 100,000 ledger entries, seeded in
// bulk through the dashboard's seed control (not 100,000 API calls). The
// set-up also times a full report and a full query to their files.
const form = (params) => new URLSearchParams(params).toString();

async function call(url, method, path, { key, token, body, json } = {}) {
  const headers = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (token) headers['x-counterfoil-token'] = token;
  if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (json) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, body: body ?? (json ? JSON.stringify(json) : undefined) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text.startsWith('{') ? JSON.parse(text) : text;
}

/** Seeds the ledger, ends its days, and returns create/retrieve/list of a report run (plus the query runs list). */
export default async function cases({ url, key, token, entries = 100_000, log = console.error, afterSeed = () => {} }) {
  const seeded = await call(url, 'POST', '/_counterfoil/dashboard/seed', { token, json: { entries } });
  await call(url, 'POST', '/_counterfoil/clock/advance', { token, json: { seconds: 86_400 } });
  afterSeed();
  const type = await call(url, 'GET', '/v1/reporting/report_types/treasury.transaction_entries.itemized.1', { key });
  const interval = { 'parameters[interval_start]': type.data_available_start, 'parameters[interval_end]': type.data_available_end };

  let started = performance.now();
  // The seeded account's entries only: with BENCH_1M the sandbox holds a million more.
  const mine = { ...interval, 'parameters[financial_account]': seeded.financial_account };
  const run = await call(url, 'POST', '/v1/reporting/report_runs', { key, body: form({ report_type: 'treasury.transaction_entries.itemized.1', ...mine }) });
  const done = await call(url, 'POST', `/_counterfoil/reporting/report_runs/${run.id}/finish`, { token });
  const reportMs = performance.now() - started;
  started = performance.now();
  const csv = await call(url, 'GET', `/v1/files/${done.result.id}/contents`, { key });
  const downloadMs = performance.now() - started;

  const query = await call(url, 'POST', '/_counterfoil/sigma/scheduled_queries', {
    token,
    // The seeded account's entries: with BENCH_1M the sandbox holds a million more, past a query's row limit.
    json: { title: 'All entries', schedule: 'monthly', sql: `SELECT * FROM treasury_transaction_entries WHERE financial_account = '${seeded.financial_account}'` },
  });
  started = performance.now();
  const sqr = await call(url, 'POST', `/_counterfoil/sigma/scheduled_queries/${query.id}/run`, { token, json: { timeout_ms: 120_000 } });
  const queryMs = performance.now() - started;
  await call(url, 'DELETE', `/_counterfoil/sigma/scheduled_queries/${query.id}`, { token });
  log(
    `reporting: ${seeded.entries} entries; report to file ${reportMs.toFixed(0)} ms (${(done.result.size / 1e6).toFixed(1)} MB, ${csv.split('\n').length - 2} rows), ` +
      `download ${downloadMs.toFixed(0)} ms; query to file ${queryMs.toFixed(0)} ms (${sqr.status}, ${((sqr.file?.size ?? 0) / 1e6).toFixed(1)} MB)`,
  );

  // A small window keeps the create case's scheduled computing light under load.
  const small = { 'parameters[interval_start]': type.data_available_start, 'parameters[interval_end]': type.data_available_start + 60 };
  return [
    { name: 'report run create', method: 'POST', path: '/v1/reporting/report_runs', body: form({ report_type: 'treasury.transaction_entries.itemized.1', ...small }) },
    { name: 'report run retrieve', method: 'GET', path: `/v1/reporting/report_runs/${done.id}` },
    { name: 'report runs list', method: 'GET', path: '/v1/reporting/report_runs?limit=10' },
    { name: 'scheduled query runs list', method: 'GET', path: '/v1/sigma/scheduled_query_runs?limit=10' },
    { name: 'scheduled query run retrieve', method: 'GET', path: `/v1/sigma/scheduled_query_runs/${sqr.id}` },
  ];
}
