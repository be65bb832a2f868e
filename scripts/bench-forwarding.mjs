// Measures the latency Counterfoil adds to a forwarding request: the same local
// destination is called directly and through POST /v1/forwarding/requests, and
// the medians and p99s are compared. Loopback only; bounded in requests and time.
//
//   node scripts/bench-forwarding.mjs            (starts out/main/cli.cjs itself)
//   node scripts/bench-forwarding.mjs --base-url http://127.0.0.1:12111 --token T
//
// scripts/bench.mjs imports runForwardingBench({ baseUrl, apiKey, token }).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const TARGET_MEDIAN_OVERHEAD_MS = 2;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
}

const round = (ms) => Math.round(ms * 1000) / 1000;

/** One POST over a keep-alive agent; resolves with the status and the whole body. */
function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function startDestination() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"pay_bench","status":"authorised"}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function control(baseUrl, token, method, path, body) {
  const res = await fetch(`${baseUrl}/_counterfoil${path}`, {
    method,
    headers: { 'x-counterfoil-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} failed: ${JSON.stringify(json)}`);
  return json;
}

/**
 * Runs the forwarding bench against a running Counterfoil. Returns the direct
 * and forwarded latencies (median, p99, ms), the overhead between them and
 * whether the median overhead meets the 2 ms target.
 */
export async function runForwardingBench({ baseUrl, apiKey = 'sk_test_bench', token, requests = 400, warmup = 50, maxMs = 20_000 }) {
  const host = new URL(baseUrl).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`bench-forwarding runs on loopback only, not ${host}`);
  const destination = await startDestination();
  const destUrl = `http://127.0.0.1:${destination.address().port}/bench/${randomBytes(4).toString('hex')}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const config = await control(baseUrl, token, 'POST', '/forwarding/configs', {
    name: 'bench-forwarding',
    url: destUrl,
    replacements: { card_number: 'card.number', card_cvc: 'card.cvc', card_expiry: { month: 'card.exp_month', year: 'card.exp_year' } },
    secrets: { BENCH_KEY: 'bench-secret' },
  });
  const payload = JSON.stringify({ amount: 1000, currency: 'usd', reference: 'bench' });
  const direct = () => post(agent, destUrl, { 'content-type': 'application/json', authorization: 'Bearer bench-secret' }, payload);
  const form = new URLSearchParams({
    payment_method: 'pm_card_visa',
    url: destUrl,
    'replacements[0]': 'card_number',
    'replacements[1]': 'card_cvc',
    'replacements[2]': 'card_expiry',
    'request[body]': payload,
    'request[headers][0][name]': 'Authorization',
    'request[headers][0][value]': 'Bearer {{BENCH_KEY}}',
  }).toString();
  const forwarded = async () => {
    const res = await post(agent, `${baseUrl}/v1/forwarding/requests`, { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-www-form-urlencoded' }, form);
    if (res.status !== 200) throw new Error(`forwarding request failed (${res.status}): ${res.body}`);
    return res;
  };
  const deadline = Date.now() + maxMs;
  const samples = { direct: [], forwarded: [] };
  try {
    for (let i = 0; i < warmup && Date.now() < deadline; i++) {
      await direct();
      await forwarded();
    }
    // Interleaved, so drift in machine load touches both series alike.
    for (let i = 0; i < requests && Date.now() < deadline; i++) {
      let t = performance.now();
      await direct();
      samples.direct.push(performance.now() - t);
      t = performance.now();
      await forwarded();
      samples.forwarded.push(performance.now() - t);
    }
  } finally {
    agent.destroy();
    await new Promise((resolve) => destination.close(resolve));
    await control(baseUrl, token, 'DELETE', `/forwarding/configs/${config.id}`).catch(() => undefined);
  }
  const d = summary(samples.direct);
  const f = summary(samples.forwarded);
  // Each forwarded call minus the direct call just before it: the added latency, pair by pair.
  const overhead = summary(samples.forwarded.map((ms, i) => ms - samples.direct[i]));
  return {
    requests: samples.forwarded.length,
    direct_ms: d,
    forwarded_ms: f,
    overhead_ms: overhead,
    target_median_overhead_ms: TARGET_MEDIAN_OVERHEAD_MS,
    meets_target: overhead.median < TARGET_MEDIAN_OVERHEAD_MS,
  };
}

/** Starts the built headless server on a free loopback port with an in-memory database. */
function startServer(token) {
  const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.cjs');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', ':memory:', '--token', token], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the server did not start within 15 s')), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ baseUrl: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

async function main() {
  const { values } = parseArgs({
    options: { 'base-url': { type: 'string' }, token: { type: 'string' }, 'api-key': { type: 'string' }, requests: { type: 'string' } },
  });
  const requests = values.requests ? Number(values.requests) : undefined;
  let server;
  let baseUrl = values['base-url'];
  let token = values.token;
  if (!baseUrl) {
    token = randomBytes(12).toString('hex');
    server = await startServer(token);
    baseUrl = server.baseUrl;
  }
  try {
    const result = await runForwardingBench({ baseUrl, token, apiKey: values['api-key'], requests });
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.meets_target ? 0 : 1;
  } finally {
    server?.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(`bench-forwarding: ${err.message}`);
    process.exit(1);
  });
}
