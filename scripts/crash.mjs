// `npm run crash -- --cycles 10 [--seed N]`: the hard-crash test of
// test/harden/crash.test.ts with more kill -9 cycles. Prints one table with
// the machine and the date, for the README's Reliability section.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { cycles: { type: 'string' }, seed: { type: 'string' } } });
const cycles = Number(values.cycles ?? 10);
if (!Number.isInteger(cycles) || cycles <= 0) throw new Error(`--cycles takes a positive whole number, got ${values.cycles}`);

const dir = mkdtempSync(join(tmpdir(), 'counterfoil-crash-report-'));
const reportPath = join(dir, 'report.json');
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/harden/crash.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CRASH_CYCLES: String(cycles), CRASH_SEED: values.seed ?? '7', CRASH_REPORT: reportPath },
});
let r;
try {
  r = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch {
  console.error('the crash test wrote no report');
  process.exit(run.status || 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`;
console.log(`\nHard crashes — ${new Date().toISOString().slice(0, 10)}, ${machine}`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| kill -9 cycles survived | ${r.cycles} (restart on the same database file each time) |`);
console.log(`| keyed SDK writes | ${r.keys}, of which ${r.cutOff} cut off by a kill and sent again with their key |`);
console.log(`| objects lost | ${r.objectsLost} |`);
console.log(`| objects created twice | ${r.duplicateObjects} (replays checked: ${r.replaysChecked}, mismatched: ${r.replayMismatches}) |`);
console.log(`| ledger balanced after the last restart | ${r.ledgerOk ? 'yes' : 'NO'} |`);
console.log(`| events delivered | ${r.events - r.eventsUndelivered} of ${r.events} |`);
console.log(`| deliveries the endpoint got twice | ${r.deliveriesResent} (attempts marked outcome unknown: ${r.outcomeUnknownAttempts}) |`);
console.log(`| time | ${(r.ms / 1000).toFixed(1)} s |`);
process.exit(run.status ?? 1);
