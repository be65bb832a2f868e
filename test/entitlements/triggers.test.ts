import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { triggerEvents } from '../support/run-fixture.js';
import { startServer, type TestServer } from '../support/server.js';

/** The event types Entitlements emits, each with a trigger fixture that produces it on a fresh sandbox. */
export const ENTITLEMENT_EVENTS = ['entitlements.active_entitlement_summary.updated'];

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('entitlements trigger fixtures', () => {
  for (const type of ENTITLEMENT_EVENTS) {
    test(`${type}: its fixture produces the event`, async () => {
      const events = await triggerEvents(s, type);
      expect(events.length).toBeGreaterThan(0);
      expect(events[0].type).toBe(type);
    });
  }
});
