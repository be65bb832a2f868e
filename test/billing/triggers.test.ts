import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { triggerEvents } from '../support/run-fixture.js';
import { startServer, type TestServer } from '../support/server.js';

/** The event types Billing emits, each with a trigger fixture that produces it on a fresh sandbox. */
export const BILLING_EVENTS = [
  'product.created',
  'product.updated',
  'product.deleted',
  'price.created',
  'price.updated',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
];

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('billing trigger fixtures', () => {
  for (const type of BILLING_EVENTS) {
    test(`${type}: its fixture produces the event`, async () => {
      const events = await triggerEvents(s, type);
      expect(events.length).toBeGreaterThan(0);
      expect(events[0].type).toBe(type);
    });
  }
});
