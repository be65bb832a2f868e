import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { triggerEvents } from '../support/run-fixture.js';
import { startServer, type TestServer } from '../support/server.js';

/** The event types Climate emits, each with a trigger fixture that produces it on a fresh sandbox. */
export const CLIMATE_EVENTS = [
  'climate.order.created',
  'climate.order.canceled',
  'climate.order.delayed',
  'climate.order.delivered',
  'climate.order.product_substituted',
  'climate.product.created',
  'climate.product.pricing_updated',
];

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('climate trigger fixtures', () => {
  for (const type of CLIMATE_EVENTS) {
    test(`${type}: its fixture produces the event`, async () => {
      const events = await triggerEvents(s, type);
      expect(events.length).toBeGreaterThan(0);
      expect(events[0].type).toBe(type);
    });
  }
});
