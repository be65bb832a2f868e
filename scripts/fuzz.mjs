// `npm run fuzz -- --requests 20000 [--seed N]`: the seeded fuzz of
// test/harden/fuzz.test.ts at any size. Prints one table with the machine and
// the date, for the README's Reliability section.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { requests: { type: 'string' }, seed: { type: 'string' } } });
const requests = Number(values.requests ?? 20_000);
const seed = Number(values.seed ?? 20261202);
if (!Number.isInteger(requests) || requests <= 0) throw new Error(`--requests takes a positive whole number, got ${values.requests}`);

const dir = mkdtempSync(join(tmpdir(), 'counterfoil-fuzz-'));
const reportPath = join(dir, 'report.json');
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/harden/fuzz.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_REQUESTS: String(requests), FUZZ_SEED: String(seed), FUZZ_REPORT: reportPath },
});
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch {
  console.error('the fuzz test wrote no report');
  process.exit(run.status || 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`;
const byStatus = Object.entries(report.byStatus).map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`\nFuzz — ${new Date().toISOString().slice(0, 10)}, ${machine}`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| requests (seed ${report.seed}) | ${report.requests} over ${report.operations} operations, plus controls and malformed HTTP |`);
console.log(`| answers | ${byStatus} |`);
console.log(`| 5xx or no answer | ${report.fiveXX} |`);
console.log(`| errors without Stripe's envelope | ${report.withoutEnvelope} |`);
console.log(`| answers without a Request-Id | ${report.withoutRequestId} |`);
console.log(`| refused requests that wrote anything | ${report.refusedThatWrote} |`);
console.log(`| ledger balanced at the end | ${report.ledgerOk ? 'yes' : 'NO'} |`);
console.log(`| time | ${(report.ms / 1000).toFixed(1)} s |`);
process.exit(run.status ?? 1);
