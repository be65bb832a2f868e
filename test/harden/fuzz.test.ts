import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeFailure, runFuzz } from './fuzz/run.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe('seeded fuzz over every served operation', () => {
  it(
    `${REQUESTS} malformed and valid-looking requests: no 5xx, Stripe's envelope and a Request-Id on every error, nothing written by a refused request`,
    async () => {
      const report = await runFuzz({ requests: REQUESTS, seed: SEED });
      if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(report, null, 2));
      const failures = report.failures.map(describeFailure).join('\n\n');
      expect(report.failures, `seed ${SEED}, ${report.failures.length} failures (first 50):\n\n${failures}`).toEqual([]);
      expect(report.fiveXX).toBe(0);
      expect(report.withoutEnvelope).toBe(0);
      expect(report.withoutRequestId).toBe(0);
      expect(report.refusedThatWrote).toBe(0);
      expect(report.ledgerOk).toBe(true);
      expect(report.undescribed, 'operations served without a description entry').toEqual([]);
      // Some requests must get through, or the fuzz only ever tests the front door.
      expect(report.byStatus['2xx'] ?? 0).toBeGreaterThan(REQUESTS / 50);
    },
    Math.max(120_000, REQUESTS * 200),
  );
});
