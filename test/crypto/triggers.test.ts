import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/engine/clock.js';
import { triggerEvents } from '../support/run-fixture.js';
import { startServer, type TestServer } from '../support/server.js';

let s: TestServer | undefined;
afterAll(() => s?.close());

describe('crypto trigger fixtures', () => {
  it('crypto.onramp_session_updated: the trigger fixture produces the event on a fresh sandbox', async () => {
    s = await startServer({ clock: fixedClock() });
    const events = await triggerEvents(s, 'crypto.onramp_session_updated');
    expect(events).toHaveLength(1);
    expect(events[0].data.object).toMatchObject({ object: 'crypto.onramp_session', status: 'requires_payment' });
  });
});
