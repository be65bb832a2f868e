import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerEvents } from '../support/run-fixture.js';
import { expectObjectMatchesSchema } from '../support/openapi.js';
import { startFc, type FcServer } from './support.js';

const EVENTS = ['created', 'deactivated', 'reactivated', 'disconnected', 'refreshed_balance', 'refreshed_ownership', 'refreshed_transactions'].map(
  (e) => `financial_connections.account.${e}`,
);

let fc: FcServer;
beforeAll(async () => {
  fc = await startFc();
});
afterAll(() => fc.close());

describe('financial connections trigger fixtures', () => {
  for (const type of EVENTS) {
    it(`${type}: the fixture produces the event`, async () => {
      const events = await triggerEvents(fc, type);
      expect(events.length).toBeGreaterThan(0);
      expect(events[0].type).toBe(type);
      expectObjectMatchesSchema('event', events[0]);
      expectObjectMatchesSchema('financial_connections.account', events[0].data.object);
    });
  }
});
