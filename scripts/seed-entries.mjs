// Seeds ledger entries into one financial account through the dashboard's bulk
// seed control, for the benchmarks.

/** The most entries one seed request takes: one request for a million runs for minutes, past an HTTP client's wait for headers. */
const BATCH = 100_000;

/** Seeds `entries` entries into one new account; resolves its id and the server's own seeding time (ms). */
export async function seedEntries(url, token, entries) {
  let account;
  let ms = 0;
  for (let done = 0; done < entries; ) {
    const n = Math.min(BATCH, entries - done);
    const res = await fetch(`${url}/_counterfoil/dashboard/seed`, {
      method: 'POST',
      headers: { 'x-counterfoil-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(account ? { entries: n, financial_account: account } : { entries: n }),
    }).then((r) => r.json());
    if (!res.financial_account) throw new Error(`seeding failed: ${JSON.stringify(res)}`);
    account = res.financial_account;
    ms += res.ms;
    done += n;
  }
  return { financial_account: account, ms };
}
