import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCrash } from './crash/run.js';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? 7);

describe('hard crash of the real server under keyed SDK writes', () => {
  it.runIf(existsSync('out/main/cli.cjs'))(
    `${CYCLES} kill -9 cycles: nothing lost, nothing done twice, the ledger balances, every event is delivered`,
    async () => {
      const report = await runCrash({ cycles: CYCLES, seed: SEED });
      if (process.env.CRASH_REPORT) writeFileSync(process.env.CRASH_REPORT, JSON.stringify(report, null, 2));
      expect(report.keys).toBeGreaterThan(CYCLES * 3);
      expect(report, JSON.stringify(report, null, 2)).toMatchObject({
        objectsLost: 0,
        duplicateObjects: 0,
        replayMismatches: 0,
        ledgerOk: true,
        eventsUndelivered: 0,
      });
      // Every delivery sent twice was one a kill cut off: each left its marked attempt.
      expect(report.deliveriesResent).toBeLessThanOrEqual(report.outcomeUnknownAttempts);
    },
    Math.max(120_000, CYCLES * 20_000),
  );
});
