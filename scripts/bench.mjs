// `npm run bench`: Counterfoil's benchmark. Drives the built headless server
// (on a database file) with wrk — 2 threads, 32 connections, BENCH_SECONDS per
// run — and, when STRIPE_MOCK names a stripe-mock binary, drives stripe-mock
// with the same cases in alternating runs and prints the ratios. Also: startup
// (exec → first 200), idle RSS (a second after start and once settled) and RSS under the largest list load, webhook
// fan-out to a loopback receiver, every group's cases from
// scripts/bench-cases/*.mjs, and the forwarding and timeline benchmarks.
//
//   BENCH_SECONDS=5   seconds per wrk run (each case is bounded by it)
//   BENCH_RUNS=3      alternating runs per case when comparing (the median is shown)
//   BENCH_1M=1        also seed 1,000,000 entries and measure the lists there (takes minutes)
//   BENCH_ENTRIES=N   the large account's size instead of 1,000,000
//   BENCH_SKIP=timeline,forwarding,cases,webhooks   parts to leave out
//   BENCH_SETTLE_MS=20000  how long the servers sit idle before the settled RSS is read
//   STRIPE_MOCK=/path/to/stripe-mock                the peer to compare with
//   WRK=/path/to/wrk                                when wrk is not on PATH
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { createServer as netServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seedEntries } from './seed-entries.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KEY = 'sk_test_bench';
const TOKEN = 'bench-token';
const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 5));
const THREADS = 2;
const CONNECTIONS = 32;
const MOCK = process.env.STRIPE_MOCK || null;
// A CA bundle Node must load at every start (a proxy's, a corporate one): it lengthens any Node
// process's start, whatever the script. Starts are also timed without it, and both are shown.
const EXTRA_CA_CERTS = Boolean(process.env.NODE_EXTRA_CA_CERTS);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? (MOCK ? 3 : 1)));
const BIG = process.env.BENCH_1M === '1' || process.env.BENCH_ENTRIES ? Number(process.env.BENCH_ENTRIES ?? 1_000_000) : 0;
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const WRK = process.env.WRK || 'wrk';
// How long both servers sit idle before their settled RSS is read (see startupFigures).
const SETTLE_MS = Math.max(1000, Number(process.env.BENCH_SETTLE_MS ?? 20_000));
const auth = { authorization: `Bearer ${KEY}` };
const tmp = mkdtempSync(join(tmpdir(), 'counterfoil-bench-'));

function requireWrk() {
  const probe = spawnSync(WRK, ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    console.error(
      `bench: wrk is not installed (looked for "${WRK}").\n` +
        '  Debian/Ubuntu: sudo apt-get install wrk    macOS: brew install wrk    Fedora: sudo dnf install wrk\n' +
        '  or build it from https://github.com/wg/wrk and set WRK=/path/to/wrk',
    );
    process.exit(2);
  }
}

function rssMb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** CPU time (ms) a process has used so far, from /proc; NaN where there is none. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the command name), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Waits (at most 20 s) until the server is quiet — under 5 % of a core over a
 * quarter second — so a run is not charged with what the one before left
 * behind (webhook deliveries still draining, a checkpoint, a report computing).
 */
async function quiet(pid) {
  const until = performance.now() + 20_000;
  let last = cpuMs(pid);
  if (Number.isNaN(last)) return;
  while (performance.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuMs(pid);
    if (now - last <= 12.5) return;
    last = now;
  }
}

function freePort() {
  return new Promise((res) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// node:http, not fetch: fetch's first use loads its client, which would count against the server.
function probe(url, path) {
  return new Promise((res) => {
    const req = get(`${url}${path}`, { headers: auth }, (r) => {
      r.resume();
      res(r.statusCode);
    });
    req.on('error', () => res(0));
  });
}

async function waitFor200(url, path, child, deadlineMs = 30_000) {
  const until = performance.now() + deadlineMs;
  while ((await probe(url, path)) !== 200) {
    if (child.exitCode !== null) throw new Error(`${path}: server exited with ${child.exitCode}`);
    if (performance.now() > until) throw new Error(`no 200 from ${url}${path} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Starts Counterfoil's built headless entry; resolves at its first 200. */
async function startCounterfoil(dbPath, { withoutExtraCaCerts = false } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, COUNTERFOIL_TOKEN: TOKEN };
  if (withoutExtraCaCerts) delete env.NODE_EXTRA_CA_CERTS;
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'out/main/cli.cjs'), 'serve', '--port', String(port), '--db', dbPath], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  await waitFor200(url, '/v1/webhook_endpoints?limit=1', child);
  return { name: 'counterfoil', child, url, startupMs: performance.now() - started };
}

/** Starts stripe-mock; resolves at its first 200. */
async function startMock() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(MOCK, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${await freePort()}`], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  await waitFor200(url, '/v1/treasury/outbound_payments/obp_123', child);
  return { name: 'stripe-mock', child, url, startupMs: performance.now() - started };
}

async function stop(server) {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}

const lua = (s) => JSON.stringify(s);

/** One wrk run of a case; resolves with req/s, latency percentiles (ms) and failures. */
async function wrk(url, c, { onTick } = {}) {
  const script = join(tmp, `case-${Math.random().toString(36).slice(2)}.lua`);
  writeFileSync(
    script,
    [
      `wrk.method = ${lua(c.method)}`,
      `wrk.path = ${lua(c.path)}`,
      `wrk.headers["Authorization"] = ${lua(auth.authorization)}`,
      c.body !== undefined ? `wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.body = ${lua(c.body)}` : '',
      // Count answers that are not 2xx (wrk's own counter includes 3xx).
      'bad = 0\nlocal threads = {}',
      'function setup(thread) table.insert(threads, thread) end',
      'function response(status) if status >= 300 then bad = bad + 1 end end',
      'function done() local n = 0 for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end io.write("BAD " .. n .. "\\n") end',
    ].join('\n'),
  );
  const child = spawn(WRK, ['-t', String(THREADS), '-c', String(CONNECTIONS), '-d', `${SECONDS}s`, '--latency', '-s', script, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const tick = onTick ? setInterval(onTick, 200) : undefined;
  const code = await new Promise((r) => child.once('exit', r));
  clearInterval(tick);
  rmSync(script, { force: true });
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${out}`);
  const ms = (label) => {
    const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
  };
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50: ms('50%'),
    p99: ms('99%'),
    failed: Number(/BAD (\d+)/.exec(out)?.[1] ?? 0) + (errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function api(url, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function control(url, method, path, body) {
  const res = await fetch(`${url}/_counterfoil${path}`, {
    method,
    headers: { 'x-counterfoil-token': TOKEN, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const FEATURES = [
  'financial_addresses][aba',
  'inbound_transfers][ach',
  'intra_stripe_flows',
  'outbound_payments][ach',
  'outbound_payments][us_domestic_wire',
  'outbound_transfers][ach',
  'outbound_transfers][us_domestic_wire',
]
  .map((f) => `features[${f}][requested]=true`)
  .join('&');

async function fundedAccount(url) {
  const fa = await api(url, 'POST', '/v1/treasury/financial_accounts', `supported_currencies[]=usd&${FEATURES}`);
  // The largest single received credit the amount limits allow, several times: room for every POST run.
  for (let i = 0; i < 20; i++) {
    await api(url, 'POST', '/v1/test_helpers/treasury/received_credits', `financial_account=${fa.id}&amount=99999999&currency=usd&network=ach`);
  }
  return fa.id;
}

/** Seeds `entries` ledger entries in a new account through the bulk path (no HTTP per entry). */
async function seeded(url, entries) {
  const before = await control(url, 'GET', '/clock');
  const started = performance.now();
  const { financial_account: fa } = await seedEntries(url, TOKEN, entries);
  const seconds = (performance.now() - started) / 1000;
  // An entry near the oldest end of the list: the deep `starting_after` cursor.
  const deep = await api(url, 'GET', `/v1/treasury/transaction_entries?financial_account=${fa}&limit=1&created[lte]=${before.now + 70}`);
  return { fa, deepEntry: deep.data[0]?.id, seconds };
}

function obpBody(fa) {
  return (
    `financial_account=${fa}&amount=100&currency=usd&description=bench` +
    '&destination_payment_method_data[type]=us_bank_account&destination_payment_method_data[us_bank_account][routing_number]=110000000' +
    '&destination_payment_method_data[us_bank_account][account_number]=000123456789&destination_payment_method_data[billing_details][name]=Bench'
  );
}

const rows = [];

/** Runs a case on Counterfoil and, alternating, on stripe-mock; records the medians and the ratio. */
async function measure(name, cf, mock, c, { mockCase = c, onTick } = {}) {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    await quiet(cf.child.pid);
    ours.push(await wrk(cf.url, c, { onTick }));
    if (!mock || !mockCase) continue;
    // Counterfoil still sends what its run queued (a payment run leaves thousands of deliveries):
    // stripe-mock's run waits for that too, or it shares the cores with them.
    await quiet(cf.child.pid);
    theirs.push(await wrk(mock.url, mockCase));
  }
  const pick = (runs) => (runs.length ? runs.find((r) => r.rps === median(runs.map((x) => x.rps))) : undefined);
  const a = pick(ours);
  const b = pick(theirs);
  const mockOk = b && b.failed === 0;
  rows.push({
    case: name,
    'counterfoil req/s': Math.round(a.rps),
    'p50 ms': a.p50,
    'p99 ms': a.p99,
    'non-2xx': a.failed,
    'stripe-mock req/s': b ? Math.round(b.rps) : '—',
    ratio: mockOk ? (a.rps / b.rps).toFixed(2) : b ? `— (mock: ${b.failed} non-2xx)` : '—',
  });
  console.error(`  ${name}: ${Math.round(a.rps)} req/s${b ? ` vs ${Math.round(b.rps)}` : ''}`);
  return a;
}

/**
 * Startup and idle RSS of fresh processes, alternating Counterfoil and stripe-mock. The first
 * start after a build has no code cache yet (out/main/.cache): it is timed on its own, and the
 * figure compared is that of the starts after it, as a user meets every start but the first.
 */
async function startupFigures() {
  rmSync(join(ROOT, 'out/main/.cache'), { recursive: true, force: true });
  const first = await startCounterfoil(join(tmp, 'startup-first.db'));
  const firstMs = first.startupMs;
  await new Promise((r) => setTimeout(r, 1000));
  await stop(first);
  const ours = [];
  const theirs = [];
  const withoutCa = [];
  for (let i = 0; i < RUNS; i++) {
    const cf = await startCounterfoil(join(tmp, `startup-${i}.db`));
    await new Promise((r) => setTimeout(r, 1000));
    ours.push({ ms: cf.startupMs, rss: rssMb(cf.child.pid) });
    await stop(cf);
    if (EXTRA_CA_CERTS) {
      const bare = await startCounterfoil(join(tmp, `startup-bare-${i}.db`), { withoutExtraCaCerts: true });
      withoutCa.push({ ms: bare.startupMs });
      await stop(bare);
    }
    if (MOCK) {
      const m = await startMock();
      await new Promise((r) => setTimeout(r, 1000));
      theirs.push({ ms: m.startupMs, rss: rssMb(m.child.pid) });
      await stop(m);
    }
  }
  const med = (xs, k) => (xs.length ? median(xs.map((x) => x[k])) : NaN);
  // A second after its first answer a process still holds what its start allocated: V8 gives
  // the young generation's room back once the heap has been quiet for a while (its memory
  // reducer, some 15 s in). Both servers are left idle side by side that long and read again.
  const settled = [await startCounterfoil(join(tmp, 'startup-settled.db')), ...(MOCK ? [await startMock()] : [])];
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const [settledRss, settledMockRss = NaN] = settled.map((p) => rssMb(p.child.pid));
  for (const p of settled) await stop(p);
  return {
    firstMs,
    ms: med(ours, 'ms'),
    withoutCaMs: med(withoutCa, 'ms'),
    rss: med(ours, 'rss'),
    mockMs: med(theirs, 'ms'),
    mockRss: med(theirs, 'rss'),
    settledRss,
    settledMockRss,
  };
}

/** A loopback webhook receiver that answers 200 to everything; counts what it got. */
async function startSink() {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received: () => received,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(r);
    }),
  };
}

/** Signed webhook deliveries per second from the SQLite queue to a loopback receiver. */
async function webhookFanout(cf, fa) {
  const secrets = [];
  let valid = 0;
  let first = 0;
  let last = 0;
  // Deliveries that arrived while the writes ran (they give way to API traffic), and when those ended.
  let duringWrites = 0;
  let writesEnded = 0;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const sig = /t=(\d+),v1=([0-9a-f]+)/.exec(String(req.headers['stripe-signature'] ?? ''));
      if (sig && secrets.some((s) => createHmac('sha256', s).update(`${sig[1]}.${body}`).digest('hex') === sig[2])) {
        valid++;
        last = performance.now();
        if (!first) first = last;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const endpoints = [];
  try {
    for (let i = 0; i < 4; i++) {
      const ep = await api(cf.url, 'POST', '/v1/webhook_endpoints', `url=http://127.0.0.1:${receiver.address().port}/h${i}&enabled_events[]=*`);
      secrets.push(ep.secret);
      endpoints.push(ep.id);
    }
    // Queue events for a bounded time, then let the worker drain the queue (bounded too).
    const events = await measure('POST received credit, 4 endpoints listening', cf, null, {
      method: 'POST',
      path: '/v1/test_helpers/treasury/received_credits',
      body: `financial_account=${fa}&amount=100&currency=usd&network=ach`,
    });
    writesEnded = performance.now();
    duringWrites = valid;
    let seen = -1;
    const until = performance.now() + 60_000;
    while (seen !== valid && performance.now() < until) {
      seen = valid;
      await new Promise((r) => setTimeout(r, 1500));
    }
    return {
      deliveries: valid,
      perSecond: valid / Math.max(0.001, (last - first) / 1000),
      // The queue drained with the API quiet: what the worker does when nothing competes with it.
      drainPerSecond: (valid - duringWrites) / Math.max(0.001, (last - writesEnded) / 1000),
      duringWrites,
      writes: events.rps,
    };
  } finally {
    for (const id of endpoints) await api(cf.url, 'DELETE', `/v1/webhook_endpoints/${id}`).catch(() => {});
    await new Promise((r) => receiver.close(r));
  }
}

async function groupCases(cf, mock) {
  const dir = join(ROOT, 'scripts/bench-cases');
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
    const group = file.replace(/\.mjs$/, '');
    try {
      const mod = await import(pathToFileURL(join(dir, file)).href);
      const list = await mod.default({ url: cf.url, key: KEY, token: TOKEN });
      for (const c of list) {
        const name = c.name.toLowerCase().startsWith(group.split('-')[0]) ? c.name : `${group}: ${c.name}`;
        await measure(name, cf, mock, { method: c.method, path: c.path, body: c.body });
      }
    } catch (err) {
      console.error(`  ${group}: its cases failed: ${err.message}`);
      rows.push({ case: `${group}: failed to set up`, 'counterfoil req/s': '—', ratio: String(err.message).slice(0, 60) });
    }
  }
}

async function main() {
  requireWrk();
  if (!existsSync(join(ROOT, 'out/main/cli.cjs'))) throw new Error('out/main/cli.cjs is missing: run `npm run build` first');
  if (MOCK && !existsSync(MOCK)) throw new Error(`STRIPE_MOCK=${MOCK} does not exist`);
  if (!MOCK) console.error('STRIPE_MOCK is not set: measuring Counterfoil alone (no ratios).');

  console.error('startup and idle memory…');
  const start = await startupFigures();

  const cf = await startCounterfoil(join(tmp, 'bench.db'));
  const mock = MOCK ? await startMock() : null;
  const extra = {};
  let sink;
  let bigFa;
  try {
    const fa = await fundedAccount(cf.url);
    console.error('seeding 10,000 entries…');
    const small = await seeded(cf.url, 10_000);
    // One endpoint listens, as in a real test suite: each payment queues a signed delivery, sent to a
    // loopback receiver (in this process, on the same cores) that answers 200 — an endpoint that refused
    // them would leave thousands of retries falling due in the middle of later cases.
    sink = await startSink();
    await api(cf.url, 'POST', '/v1/webhook_endpoints', `url=${sink.url}/bench&enabled_events[]=treasury.outbound_payment.created`);
    const obp = await api(cf.url, 'POST', '/v1/treasury/outbound_payments', obpBody(fa));

    // Writes first.
    await measure('POST /v1/treasury/outbound_payments', cf, mock, { method: 'POST', path: '/v1/treasury/outbound_payments', body: obpBody(fa) });
    await measure('POST /v1/webhook_endpoints', cf, mock, {
      method: 'POST',
      path: '/v1/webhook_endpoints',
      body: 'url=http://127.0.0.1:9/bench&enabled_events[]=treasury.credit_reversal.created&metadata[k]=v',
    });
    await measure('POST /v1/test_helpers/treasury/received_credits', cf, mock, {
      method: 'POST',
      path: '/v1/test_helpers/treasury/received_credits',
      body: `financial_account=${fa}&amount=100&currency=usd&network=ach`,
    });
    // The endpoints created above take an event type the bench never emits: every later
    // write still looks them up, through the in-memory index.
    await measure('GET /v1/treasury/outbound_payments/:id', cf, mock, { method: 'GET', path: `/v1/treasury/outbound_payments/${obp.id}` });
    const entries = (fa2) => ({ method: 'GET', path: `/v1/treasury/transaction_entries?financial_account=${fa2}&limit=10` });
    await measure('LIST transaction_entries, 10k in account', cf, mock, entries(small.fa));
    await measure('LIST transaction_entries starting_after deep, 10k', cf, mock, {
      method: 'GET',
      path: `/v1/treasury/transaction_entries?financial_account=${small.fa}&limit=10&starting_after=${small.deepEntry}`,
    });
    await measure('LIST outbound_payments (those the POST runs made)', cf, mock, {
      method: 'GET',
      path: `/v1/treasury/outbound_payments?financial_account=${fa}&limit=10`,
    });

    if (BIG) {
      console.error(`seeding ${BIG.toLocaleString('en')} entries (bulk path)…`);
      const big = await seeded(cf.url, BIG);
      bigFa = big.fa;
      extra.bigSeedSeconds = big.seconds;
      let peak = 0;
      const sample = () => (peak = Math.max(peak, rssMb(cf.child.pid)));
      await measure(`LIST transaction_entries, ${BIG.toLocaleString('en')} in account`, cf, mock, entries(big.fa), { onTick: sample });
      await measure(`LIST transaction_entries starting_after deep, ${BIG.toLocaleString('en')}`, cf, mock, {
        method: 'GET',
        path: `/v1/treasury/transaction_entries?financial_account=${big.fa}&limit=10&starting_after=${big.deepEntry}`,
      }, { onTick: sample });
      extra.bigRss = peak;
    }

    if (!SKIP.has('cases')) await groupCases(cf, mock);
    if (!SKIP.has('webhooks')) extra.fanout = await webhookFanout(cf, fa);
    extra.loadedRss = rssMb(cf.child.pid);

    if (!SKIP.has('forwarding') && existsSync(join(ROOT, 'scripts/bench-forwarding.mjs'))) {
      const { runForwardingBench } = await import('./bench-forwarding.mjs');
      extra.forwarding = await runForwardingBench({ baseUrl: cf.url, apiKey: KEY, token: TOKEN });
    }
  } finally {
    await stop(cf);
    if (mock) await stop(mock);
    if (sink) await sink.close();
  }
  if (bigFa) {
    // The server above grew its heap seeding a million entries in bulk and kept it; a sandbox
    // reopened over the same database (what a user who restarts it has) shows the list's own cost.
    const again = await startCounterfoil(join(tmp, 'bench.db'));
    try {
      let peak = 0;
      const sample = () => (peak = Math.max(peak, rssMb(again.child.pid)));
      await measure(`LIST transaction_entries, ${BIG.toLocaleString('en')}, server restarted`, again, null, {
        method: 'GET',
        path: `/v1/treasury/transaction_entries?financial_account=${bigFa}&limit=10`,
      }, { onTick: sample });
      extra.bigRssRestarted = peak;
    } finally {
      await stop(again);
    }
  }
  if (!SKIP.has('timeline') && existsSync(join(ROOT, 'scripts/bench-timeline.mjs'))) {
    const { runTimelineBench } = await import('./bench-timeline.mjs');
    extra.timeline = await runTimelineBench({}).catch((err) => ({ skipped: err.message }));
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nCounterfoil benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine}`);
  console.log(
    `wrk ${THREADS} threads, ${CONNECTIONS} connections, ${SECONDS} s per run, ${RUNS} run(s) per case${MOCK ? ', alternating with stripe-mock (median shown)' : ''}; Counterfoil on a database file\n`,
  );
  console.table(rows);
  const ratio = (a, b) => (Number.isFinite(b) ? ` (${(a / b).toFixed(2)}× stripe-mock's ${b.toFixed(b < 100 ? 1 : 0)})` : '');
  console.log(`startup, exec → first 200: ${start.ms.toFixed(0)} ms${ratio(start.ms, start.mockMs)} (first start after the build, before its code cache: ${start.firstMs.toFixed(0)} ms)`);
  if (EXTRA_CA_CERTS) {
    console.log(
      `  NODE_EXTRA_CA_CERTS is set here: Node reads that file into OpenSSL before any script runs. The same start without it: ${start.withoutCaMs.toFixed(0)} ms${ratio(start.withoutCaMs, start.mockMs)}`,
    );
  }
  console.log(`idle RSS, 1 s after the first 200: ${start.rss.toFixed(1)} MB${ratio(start.rss, start.mockRss)}`);
  console.log(`idle RSS, ${SETTLE_MS / 1000} s after the first 200: ${start.settledRss.toFixed(1)} MB${ratio(start.settledRss, start.settledMockRss)}`);
  console.log(`RSS after the load: ${extra.loadedRss?.toFixed(1)} MB`);
  if (BIG) {
    console.log(`${BIG.toLocaleString('en')} entries seeded in ${extra.bigSeedSeconds.toFixed(0)} s; peak RSS under their list load: ${extra.bigRss.toFixed(1)} MB`);
    console.log(`  the same list on a server restarted over that database: peak RSS ${extra.bigRssRestarted.toFixed(1)} MB`);
  }
  else console.log('(the 1,000,000-entry lists: BENCH_1M=1 npm run bench)');
  if (extra.fanout) {
    console.log(
      `webhook fan-out: ${extra.fanout.deliveries} signed deliveries to a loopback receiver, ${Math.round(extra.fanout.perSecond)}/s from first to last (4 endpoints, queue in SQLite); ${extra.fanout.duringWrites} of them while the writes that queued them ran, the rest ${Math.round(extra.fanout.drainPerSecond)}/s once the API was quiet`,
    );
  }
  if (extra.forwarding) console.log('\nforwarding:', extra.forwarding);
  if (extra.timeline) console.log('\ntimeline:', extra.timeline);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(tmp, { recursive: true, force: true }));
