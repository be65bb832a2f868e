import type { FastifyInstance } from 'fastify';
import type { EngineCore } from '../context.js';
import { invalidRequest } from '../errors.js';
import { encodeForm } from '../http/form.js';
import { advanceClock } from '../resources/sandbox/clock-controls.js';
import { confirmed, objectCount, resetSandbox } from '../resources/sandbox/reset.js';
import { filterColumn } from '../store/filter-columns.js';
import type { StripeObject } from '../store/objects.js';
import { atomically, stmt } from '../store/statements.js';
import type { DemoResult, DemoStep } from '@shared/dashboard-api.js';
import type { DemoProgress } from '@shared/sandbox-api.js';
import { startDemoReceiver, type DemoReceiver } from './demo-receiver.js';
import { CHAPTERS, DEMO_ENDPOINT_METADATA, playDemoStory } from './demo-story.js';

const KEY = 'sk_test_counterfoil';

const receivers = new WeakMap<EngineCore, Promise<DemoReceiver>>();
const progress = new WeakMap<EngineCore, DemoProgress>();

/** What a story step can do: call the API, move the clock, flip the receiver. */
export interface DemoDriver {
  /** Marks the start of a chapter (for the progress bar). */
  chapter(title: string): void;
  /** A real API request through the whole pipeline (validation, events, request log). */
  api(label: string, path: string, params?: Record<string, unknown>): Promise<Record<string, any> | undefined>;
  advance(seconds: number): Promise<void>;
  receiver: DemoReceiver;
  ids: Map<string, string>;
}

function idle(): DemoProgress {
  return { state: 'idle', chapter: 0, chapters: CHAPTERS, title: null, steps: 0, refused: [], error: null, started_ms: null, finished_ms: null };
}

/** Where the demo is (any tab can show it; a reload does not lose it). */
export function demoProgress(core: EngineCore): DemoProgress {
  return progress.get(core) ?? idle();
}

/**
 * Fills a fresh sandbox with Acme Robotics' month: two financial accounts,
 * payroll, customer ACH credits, a returned payment, a reversal, and a webhook
 * endpoint that fails and then recovers. The demo never mixes into a user's
 * data: a sandbox that holds anything is reset first, and only with
 * `confirm: true`. Every step is a real API call or clock move; a step the
 * engine refuses is reported, not hidden. One run at a time.
 */
export async function runDemoScenario(core: EngineCore, app: FastifyInstance, body: Record<string, unknown> = {}): Promise<DemoResult> {
  const current = demoProgress(core);
  if (current.state === 'running') {
    throw invalidRequest(`The demo is already running (chapter ${current.chapter + 1} of ${current.chapters}).`);
  }
  const existing = objectCount(core);
  if (existing > 0 && !confirmed(body)) {
    throw invalidRequest(
      `The demo runs in a fresh sandbox: starting it erases the ${existing} objects here (accounts, webhook endpoints, events). Send {"confirm": true} to reset the sandbox and run it.`,
      'confirm',
      'parameter_missing',
    );
  }
  const state: DemoProgress = { ...idle(), state: 'running', started_ms: core.clock.nowMs() };
  progress.set(core, state);
  try {
    if (existing > 0) await resetSandbox(core);
    state.started_ms = core.clock.nowMs();
    const receiver = await receiverFor(core);
    receiver.setFailing(false);
    const steps: DemoStep[] = [];
    const ids = new Map<string, string>();
    const driver: DemoDriver = {
      receiver,
      ids,
      chapter(title) {
        if (state.title !== null) state.chapter++;
        state.title = title;
      },
      async api(label, path, params = {}) {
        const res = await app.inject({
          method: 'POST',
          url: path,
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
          payload: encodeForm(params),
        });
        const body = res.json() as Record<string, any>;
        state.steps++;
        if (res.statusCode >= 400) {
          const error = String(body?.error?.message ?? `HTTP ${res.statusCode}`);
          steps.push({ label, ok: false, error });
          state.refused.push({ label, error });
          return undefined;
        }
        steps.push({ label, ok: true, id: body.id });
        return body;
      },
      async advance(seconds) {
        state.steps++;
        await advanceClock(core, seconds);
        await core.deliveries.drain();
      },
    };
    await playDemoStory(driver);
    await core.deliveries.drain();
    Object.assign(state, { state: 'done', chapter: CHAPTERS, finished_ms: core.clock.nowMs() });
    return {
      financial_accounts: ['operating', 'payroll'].map((k) => ids.get(k)).filter((v): v is string => !!v),
      endpoint: ids.get('endpoint') ?? null,
      steps,
    };
  } catch (err) {
    Object.assign(state, { state: 'failed', error: (err as Error).message, finished_ms: core.clock.nowMs() });
    throw err;
  }
}

function receiverFor(core: EngineCore): Promise<DemoReceiver> {
  let r = receivers.get(core);
  if (!r) {
    r = startDemoReceiver();
    receivers.set(core, r);
  }
  return r;
}

/**
 * The demo's endpoints, by the marker their filter column holds: this runs before the server
 * answers, and a sandbox may hold hundreds of thousands of endpoints (parsing every one of 113,000
 * took 0.3 s of each start; reading the marker out of each one's JSON in SQLite, 113 ms of a start
 * over 200,000 and 16 MB more RSS). A test checks that the plan seeks on the index.
 */
export const DEMO_ENDPOINTS_SQL = `SELECT data FROM objects WHERE type = 'webhook_endpoint' AND ${filterColumn(
  'webhook_endpoint',
  `metadata.${DEMO_ENDPOINT_METADATA.key}`,
)} = ?`;

/**
 * After a restart the demo's endpoint points at a receiver that died with the
 * old process: start a new one and point the endpoint at it, so its deliveries
 * keep succeeding instead of retrying into a closed port.
 */
export async function reviveDemoReceiver(core: EngineCore): Promise<void> {
  const endpoints = (stmt(core.db, DEMO_ENDPOINTS_SQL).pluck().all(DEMO_ENDPOINT_METADATA.value) as string[]).map(
    (text) => JSON.parse(text) as StripeObject & { url: string },
  );
  if (endpoints.length === 0) return;
  const receiver = await receiverFor(core);
  atomically(core.db, () => {
    for (const ep of endpoints) if (ep.url !== receiver.url) core.store.update({ ...ep, url: receiver.url });
  });
}

/** Stops the demo's receiver with the engine (registered at start: hooks cannot be added later). */
export async function closeDemoReceiver(core: EngineCore): Promise<void> {
  const r = receivers.get(core);
  receivers.delete(core);
  await (await r)?.close();
}
