// Times a report and a Sigma query over 100,000 ledger entries to their
// files, with the server's peak memory, against the built headless server.
// `node scripts/bench-reporting.mjs` after `electron-vite build`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cases from './bench-cases/reporting.mjs';

const memory = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  return { rss: mb('VmRSS'), peak: mb('VmHWM') };
};

const dir = mkdtempSync(join(tmpdir(), 'counterfoil-bench-reporting-'));
const child = spawn(process.execPath, ['out/main/cli.cjs', 'serve', '--port', '0', '--db', join(dir, 'bench.db')], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, COUNTERFOIL_TOKEN: 'bench-token' },
});
try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  let before;
  const lines = [];
  const afterSeed = () => {
    // The seeding's own peak is not the reports': reset the high-water mark (Linux) before they run.
    writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    before = memory(child.pid);
  };
  const started = performance.now();
  await cases({ url, key: 'sk_test_bench', token: 'bench-token', entries: Number(process.env.BENCH_ENTRIES ?? 100_000), log: (l) => lines.push(l), afterSeed });
  const after = memory(child.pid);
  lines.unshift(`set-up and runs: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(lines.join('\n'));
  console.log(`server memory: ${before.rss.toFixed(0)} MB once seeded, peak ${after.peak.toFixed(0)} MB during the report and query, ${after.rss.toFixed(0)} MB after`);
} finally {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
