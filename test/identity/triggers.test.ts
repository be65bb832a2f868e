import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/engine/clock.js';
import { triggerEvents } from '../support/run-fixture.js';
import { startServer, type TestServer } from '../support/server.js';

const TYPES = ['created', 'processing', 'requires_input', 'verified', 'canceled', 'redacted'].map((t) => `identity.verification_session.${t}`);

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('identity trigger fixtures', () => {
  for (const type of TYPES) {
    it(`${type}: the trigger fixture produces the event on a fresh sandbox`, async () => {
      s = await startServer({ clock: fixedClock() });
      const events = await triggerEvents(s, type);
      expect(events.length).toBeGreaterThan(0);
      expect(events[0].data.object.object).toBe('identity.verification_session');
    });
  }
});
