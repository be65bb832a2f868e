import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/engine/spec.js';
import { triggerEvents } from '../support/run-fixture.js';
import { startServer, type TestServer } from '../support/server.js';

const TRIGGERS = join(import.meta.dirname, '..', '..', 'resources', 'fixtures', 'triggers');
const TAX_EVENTS = EVENT_TYPES.filter((t) => t.startsWith('tax.'));

describe('tax trigger fixtures', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  it('tax fixtures: every Tax event type has a trigger fixture', () => {
    const files = new Set(readdirSync(TRIGGERS));
    expect(TAX_EVENTS).toEqual(['tax.settings.updated']);
    for (const type of TAX_EVENTS) expect(files.has(`${type}.json`), type).toBe(true);
  });

  it.each(TAX_EVENTS)('tax fixtures: %s run on a fresh sandbox produces its event', async (type) => {
    const events = await triggerEvents(server, type);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].type).toBe(type);
    expect(events[0].data.object.object).toBe('tax.settings');
    expect(events[0].data.object.status).toBe('active');
  });
});
