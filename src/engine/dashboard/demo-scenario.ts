import type { FastifyInstance } from 'fastify';
import type { EngineCore } from '../context.js';
import { invalidRequest } from '../errors.js';
import { encodeForm } from '../http/form.js';
import { advanceClock } from '../resources/sandbox/clock-controls.js';
import type { DemoResult, DemoStep } from '@shared/dashboard-api.js';
import { startDemoReceiver, type DemoReceiver } from './demo-receiver.js';
import { playDemoStory } from './demo-story.js';
import { stmt } from '../store/statements.js';

const KEY = 'sk_test_counterfoil';

const receivers = new WeakMap<EngineCore, DemoReceiver>();
const running = new WeakSet<EngineCore>();

/** What a story step can do: call the API, move the clock, flip the receiver. */
export interface DemoDriver {
  /** A real API request through the whole pipeline (validation, events, request log). */
  api(label: string, path: string, params?: Record<string, unknown>): Promise<Record<string, any> | undefined>;
  advance(seconds: number): Promise<void>;
  receiver: DemoReceiver;
  ids: Map<string, string>;
}

/**
 * Fills the sandbox with Acme Robotics' month: two financial accounts, payroll,
 * customer ACH credits, a returned payment, a reversal, and a webhook endpoint
 * that fails and then recovers. Every step is a real API call or clock move;
 * a step the engine refuses is reported, not hidden.
 */
export async function runDemoScenario(core: EngineCore, app: FastifyInstance): Promise<DemoResult> {
  if (running.has(core)) throw invalidRequest('The demo scenario is already running.');
  running.add(core);
  try {
    const receiver = await receiverFor(core);
    receiver.setFailing(false);
    const steps: DemoStep[] = [];
    const ids = new Map<string, string>();
    const driver: DemoDriver = {
      receiver,
      ids,
      async api(label, path, params = {}) {
        const res = await app.inject({
          method: 'POST',
          url: path,
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
          payload: encodeForm(params),
        });
        const body = res.json() as Record<string, any>;
        if (res.statusCode >= 400) {
          steps.push({ label, ok: false, error: String(body?.error?.message ?? `HTTP ${res.statusCode}`) });
          return undefined;
        }
        steps.push({ label, ok: true, id: body.id });
        return body;
      },
      async advance(seconds) {
        await advanceClock(core, seconds);
        await settleWebhooks(core);
      },
    };
    await playDemoStory(driver);
    await settleWebhooks(core);
    return {
      financial_accounts: ['operating', 'payroll'].map((k) => ids.get(k)).filter((v): v is string => !!v),
      endpoint: ids.get('endpoint') ?? null,
      steps,
    };
  } finally {
    running.delete(core);
  }
}

async function receiverFor(core: EngineCore): Promise<DemoReceiver> {
  let r = receivers.get(core);
  if (!r) {
    r = await startDemoReceiver();
    receivers.set(core, r);
  }
  return r;
}

/** Stops the demo's receiver with the engine (registered at start: hooks cannot be added later). */
export async function closeDemoReceiver(core: EngineCore): Promise<void> {
  await receivers.get(core)?.close();
  receivers.delete(core);
}

/** Waits (briefly) until no webhook delivery is due now, so each chapter's attempts land in order. */
async function settleWebhooks(core: EngineCore, timeoutMs = 5000): Promise<void> {
  const due = stmt(core.db, `SELECT count(*) AS n FROM deliveries WHERE status = 'pending' AND next_attempt_ms <= ?`);
  const deadline = core.clock.wallMs() + timeoutMs;
  while (core.clock.wallMs() < deadline) {
    if ((due.get(core.clock.nowMs()) as { n: number }).n === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
