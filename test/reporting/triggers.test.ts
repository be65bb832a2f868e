import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runFixture } from './run-fixture.js';
import { startServer } from '../support/server.js';

const TRIGGERS = join(import.meta.dirname, '../../resources/fixtures/triggers');

test.each(['reporting.report_run.succeeded', 'reporting.report_run.failed', 'reporting.report_type.updated', 'sigma.scheduled_query_run.created'])(
  'the %s fixture produces its event on a fresh sandbox',
  async (type) => {
    const s = await startServer();
    try {
      await runFixture(join(TRIGGERS, `${type}.json`), s.url, s.engine.token);
      const events = await s.stripe.events.list({ type, limit: 10 });
      expect(events.data.length).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  },
);
