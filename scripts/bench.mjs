// `npm run bench`: Counterfoil's own benchmark. Starts the built headless
// server on loopback, measures startup and idle memory, then drives GET
// retrieve, list and POST create with autocannon for a bounded time each, and
// runs the forwarding and timeline benchmarks. Prints one table.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const KEY = 'sk_test_bench';
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const auth = { authorization: `Bearer ${KEY}` };

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** Starts the server; resolves once it answers its first API request. */
async function startServer(dbPath) {
  const started = performance.now();
  const child = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, COUNTERFOIL_TOKEN: 'bench-token' },
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  // node:http, not fetch: fetch's first use loads its client, which would count against the server.
  const probe = () =>
    new Promise((resolve) => {
      const req = get(`${url}/v1/webhook_endpoints?limit=1`, { headers: auth }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', () => resolve(0));
    });
  while ((await probe()) !== 200);
  return { child, url, startupMs: performance.now() - started };
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, duration: DURATION, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

function row(name, r) {
  const bad = r.non2xx + r.errors + r.timeouts;
  return { name, 'req/s': Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: bad };
}

async function main() {
  if (!existsSync('out/main/cli.js')) throw new Error('out/main/cli.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-bench-'));
  const { child, url, startupMs } = await startServer(join(dir, 'bench.db'));
  try {
    await new Promise((r) => setTimeout(r, 500));
    const idleRss = rssMb(child.pid);
    const ids = [];
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${url}/v1/webhook_endpoints`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: `url=http://127.0.0.1:9/h${i}&enabled_events[]=*`,
      });
      ids.push((await res.json()).id);
    }
    const results = [];
    results.push(row('GET retrieve', await run({ url, requests: [{ method: 'GET', path: `/v1/webhook_endpoints/${ids[7]}`, headers: auth }] })));
    results.push(row('GET list (limit 10)', await run({ url, requests: [{ method: 'GET', path: '/v1/webhook_endpoints?limit=10', headers: auth }] })));
    results.push(
      row(
        'POST create',
        await run({
          url,
          requests: [
            {
              method: 'POST',
              path: '/v1/webhook_endpoints',
              headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
              body: 'url=http://127.0.0.1:9/bench&enabled_events[]=*&metadata[k]=v',
            },
          ],
        }),
      ),
    );
    const loadedRss = rssMb(child.pid);
    console.log(`\nCounterfoil benchmark — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per case, load generator on the same machine\n`);
    console.table(results);
    console.log(`startup to first 200: ${startupMs.toFixed(0)} ms   idle RSS: ${idleRss.toFixed(1)} MB   RSS after load: ${loadedRss.toFixed(1)} MB`);

    const extra = [
      ['./bench-forwarding.mjs', 'runForwardingBench', { baseUrl: url, apiKey: KEY, token: 'bench-token' }],
      ['./bench-timeline.mjs', 'runTimelineBench', {}],
    ];
    for (const [file, fn, args] of extra) {
      if (!existsSync(new URL(file, import.meta.url))) continue;
      const mod = await import(file);
      if (typeof mod[fn] !== 'function') continue;
      const figures = await mod[fn](args);
      console.log(`\n${fn}:`, figures);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
