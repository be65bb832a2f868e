import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFixtureFile, runFixtures } from '../../src/cli/fixtures.js';
import { TEST_KEY, type TestServer } from './server.js';

const TRIGGERS = join(import.meta.dirname, '..', '..', 'resources', 'fixtures', 'triggers');

/** Runs a fixture file (a path, or a trigger's event type) against a test server; resolves each fixture's response by name. */
export async function runFixtureFile(server: TestServer, fileOrEventType: string): Promise<Map<string, unknown>> {
  const file = fileOrEventType.endsWith('.json') ? fileOrEventType : join(TRIGGERS, `${fileOrEventType}.json`);
  const parsed = parseFixtureFile(JSON.parse(readFileSync(file, 'utf8')), file);
  return runFixtures(parsed, { apiBase: server.url, key: TEST_KEY, token: server.engine.token });
}

/** Runs the trigger fixture for an event type, then lists the events of that type the sandbox emitted. */
export async function triggerEvents(server: TestServer, eventType: string): Promise<{ id: string; type: string; data: { object: any } }[]> {
  await runFixtureFile(server, eventType);
  const events = await server.stripe.events.list({ type: eventType, limit: 100 });
  return events.data as unknown as { id: string; type: string; data: { object: any } }[];
}
