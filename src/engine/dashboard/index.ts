import type { FastifyInstance } from 'fastify';
import type { ControlRoute, EngineCore, ResourceModule } from '../context.js';
import { resourceMissing } from '../errors.js';
import { MODULES } from '../resources/index.js';
import { nextScheduledAtMs } from '../resources/sandbox/clock-controls.js';
import type { DashboardInfo, LedgerCheck } from '@shared/dashboard-api.js';
import { accountSummaries, balanceCheck, ledgerCheck } from './accounts.js';
import { ActionRegistry } from './actions.js';
import { getDelivery, listDeliveries } from './deliveries-view.js';
import { closeDemoReceiver, demoProgress, reviveDemoReceiver, runDemoScenario } from './demo-scenario.js';
import { listForwarding } from './forwarding-view.js';
import { registerLiveStream } from './live-stream.js';
import { listObjects, objectDetail, objectTypes } from './objects-view.js';
import { getRequest, limitOf, listRequests } from './request-log-view.js';
import { RunningBalances } from './running-balances.js';
import { seedHistory } from './seed-history.js';
import { registerStaticFiles } from './static-files.js';
import { testOutcomes } from './test-outcomes.js';
import { timelinePage } from './timeline.js';
import { webhookEndpointViews } from './webhook-endpoints-view.js';
import { stmt } from '../store/statements.js';

/** The key the status bar and curl lines show; the API takes any test-mode secret key. */
export const DASHBOARD_API_KEY = 'sk_test_counterfoil';

/** Up to this many entries the banner shows the full ledger check; past it, balances against entries. */
const FULL_CHECK_LIMIT = 5_000;

/**
 * The dashboard API under `/_counterfoil/dashboard/…` (token-guarded JSON for
 * the renderer), its live stream, and the built renderer at `/`.
 */
export function dashboardModule(modules: () => ResourceModule[] = () => MODULES): ResourceModule {
  const registry = new ActionRegistry(modules);
  // One index per engine: engines in the same process (tests) each get their own.
  const balances = new WeakMap<EngineCore, RunningBalances>();
  const apps = new WeakMap<EngineCore, FastifyInstance>();
  // The full check reads every entry and transaction: rerun only when the database changed since,
  // and by default only for ledgers small enough to check in a blink.
  const ledgers = new WeakMap<EngineCore, { version: number; result: LedgerCheck }>();
  const fullCheck = (core: EngineCore): LedgerCheck => {
    const version = (stmt(core.db, 'SELECT total_changes() AS v').get() as { v: number }).v;
    const cached = ledgers.get(core);
    if (cached && cached.version === version) return cached.result;
    const result = ledgerCheck(core);
    ledgers.set(core, { version, result });
    return result;
  };
  const ledgerOf = async (core: EngineCore): Promise<LedgerCheck> => {
    const entries = (stmt(core.db, `SELECT count(*) AS n FROM objects WHERE type = 'treasury.transaction_entry'`).get() as { n: number }).n;
    if (entries <= FULL_CHECK_LIMIT) return fullCheck(core);
    const b = balancesOf(core);
    await b.build();
    return balanceCheck(core, b);
  };
  const balancesOf = (core: EngineCore) => {
    let b = balances.get(core);
    if (!b) {
      b = new RunningBalances(core.db);
      balances.set(core, b);
      core.changes.subscribe((c) => c.kind === 'reset' && b!.clear());
    }
    return b;
  };

  const appOf = (core: EngineCore) => {
    const app = apps.get(core);
    if (!app) throw resourceMissing('server', 'dashboard');
    return app;
  };

  const info = (core: EngineCore): DashboardInfo => {
    const next = nextScheduledAtMs(core);
    return {
      api_version: core.settings.apiVersion,
      now_ms: core.clock.nowMs(),
      next_scheduled_ms: next ?? null,
      api_key: DASHBOARD_API_KEY,
      database_path: core.db.name,
    };
  };

  const controls: ControlRoute[] = [
    { method: 'GET', path: '/dashboard/info', handler: ({ core }) => info(core) },
    { method: 'GET', path: '/dashboard/timeline', handler: ({ core, query }) => timelinePage(core, balancesOf(core), query) },
    {
      method: 'GET',
      path: '/dashboard/balances',
      handler: async ({ core, query }) => {
        const b = balancesOf(core);
        await b.build();
        b.refresh();
        const account = typeof query.account === 'string' && query.account ? query.account : undefined;
        return { data: b.series(account, limitOf(query.points, 200, 2000)) };
      },
    },
    { method: 'GET', path: '/dashboard/accounts', handler: ({ core }) => ({ data: accountSummaries(core) }) },
    { method: 'GET', path: '/dashboard/ledger', handler: ({ core }) => ledgerOf(core) },
    { method: 'POST', path: '/dashboard/ledger/full', handler: ({ core }) => fullCheck(core) },
    { method: 'GET', path: '/dashboard/requests', handler: ({ core, query }) => listRequests(core, query) },
    { method: 'GET', path: '/dashboard/requests/:id', handler: ({ core, params }) => getRequest(core, params.id) },
    { method: 'GET', path: '/dashboard/deliveries', handler: ({ core, query }) => listDeliveries(core, query) },
    { method: 'GET', path: '/dashboard/deliveries/:id', handler: ({ core, params }) => getDelivery(core, params.id) },
    ...webhookEndpointViews,
    { method: 'GET', path: '/dashboard/test_outcomes', handler: () => testOutcomes() },
    { method: 'GET', path: '/dashboard/forwarding', handler: ({ core, query }) => listForwarding(core, query) },
    { method: 'GET', path: '/dashboard/types', handler: ({ core }) => ({ data: objectTypes(core) }) },
    { method: 'GET', path: '/dashboard/objects', handler: ({ core, query }) => listObjects(core, query) },
    { method: 'GET', path: '/dashboard/objects/:id', handler: ({ core, params }) => objectDetail(core, registry, params.id) },
    {
      method: 'GET',
      path: '/dashboard/actionable',
      handler: ({ core, query }) => ({ data: registry.actionable(core, limitOf(query.limit, 100, 500)) }),
    },
    {
      method: 'POST',
      path: '/dashboard/demo',
      handler: ({ core, body }) => runDemoScenario(core, appOf(core), body),
    },
    { method: 'GET', path: '/dashboard/demo', handler: ({ core }) => demoProgress(core) },
    {
      method: 'POST',
      path: '/dashboard/seed',
      handler: ({ core, body }) => seedHistory(core, appOf(core), body),
    },
  ];

  return {
    name: 'dashboard',
    controls,
    register(app, core, guard) {
      apps.set(core, app);
      app.addHook('onReady', async () => reviveDemoReceiver(core));
      app.addHook('onClose', async () => closeDemoReceiver(core));
      registerLiveStream(app, core, guard);
      if (core.rendererDir) registerStaticFiles(app, core.rendererDir);
    },
  };
}
