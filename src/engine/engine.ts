import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ChangeBus } from './changes.js';
import { createClock, type Clock } from './clock.js';
import type { ControlRoute, EngineCore, EngineSettings, Operation, ResourceModule } from './context.js';
import { emitEvent } from './events.js';
import { expanders } from './http/expand.js';
import { dashboardGuard } from './http/guard.js';
import { ownHosts } from './http/host-guard.js';
import { IdempotencyStore } from './http/idempotency.js';
import { RequestLog } from './http/request-log.js';
import { buildServer } from './http/server.js';
import { MODULES } from './resources/index.js';
import { Scheduler } from './scheduler.js';
import { Checkpointer } from './store/checkpointer.js';
import { openDatabase, type UpgradeNotice } from './store/db.js';
import { GroupCommit } from './store/group-commit.js';
import { resolveToken } from './token.js';
import { ObjectStore } from './store/objects.js';
import { DeliveryWorker } from './webhooks/delivery.js';
import { recoverInterrupted } from './webhooks/in-flight.js';

export interface EngineOptions {
  /** SQLite file, or `:memory:`. */
  dbPath: string;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. Defaults to 12111. */
  port?: number;
  /** The dashboard token; defaults to COUNTERFOIL_TOKEN, else the one kept beside the database (see token.ts). */
  token?: string;
  /** Injected clock (tests); the default is real time plus the offset stored in the database. */
  clock?: Clock;
  settings?: Partial<EngineSettings>;
  /** The built renderer (out/renderer) to serve at `/`, if any. */
  rendererDir?: string;
  /** Host names to answer besides loopback and the listen address (`--allow-host`: containers, tunnels). */
  allowHosts?: string[];
  /** Extra modules beyond the built-in ones (tests, plugins). */
  modules?: ResourceModule[];
  /** Told before an existing database is upgraded to this version's schema (see openDatabase). */
  onUpgrade?: UpgradeNotice;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  webhookRetrySchedule: [60, 300, 1800, 3600, 7200, 10800],
  webhookTimeoutMs: 10_000,
  webhookYieldMs: 5,
  requestLogLimit: 10_000,
  requestLogMaxBytes: 32 * 1024 * 1024,
  idempotencyTtlSeconds: 24 * 3600,
  apiVersion: '2026-10-28.endive',
};

/** A running (or ready to run) sandbox. */
export interface Engine {
  core: EngineCore;
  app: FastifyInstance;
  token: string;
  /** Listens; resolves with the base URL (`http://127.0.0.1:12111`). */
  start(): Promise<string>;
  /** Stops accepting requests, finishes in-flight webhook attempts and closes the database. */
  stop(): Promise<void>;
  /** The base URL once started. */
  url(): string;
  /** Sends every webhook delivery that is due and waits for the attempts (tests, scripts). */
  drainWebhooks(): Promise<void>;
  /** Writes buffered request-log entries now. */
  flushLog(): void;
}

function persistedOffset(core: { db: EngineCore['db'] }): number {
  const row = core.db.prepare(`SELECT value FROM meta WHERE key = 'clock_offset_ms'`).get() as
    | { value: string }
    | undefined;
  return row ? Number(row.value) : 0;
}

/** Creates the engine: opens the database, wires the modules, builds the HTTP server. */
export function createEngine(options: EngineOptions): Engine {
  const db = openDatabase(options.dbPath, undefined, options.onUpgrade);
  const checkpointer = new Checkpointer(db);
  const settings: EngineSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const saveOffset = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_offset_ms', ?)`);
  const clock =
    options.clock ??
    createClock({ offsetMs: persistedOffset({ db }), onChange: (offset) => saveOffset.run(String(offset)) });
  const changes = new ChangeBus();
  let baseUrl = '';
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 12111;
  // Jobs emit events; the worker is created below, so reach it through a late-bound call.
  const scheduler = new Scheduler(db, clock, () => worker.kick());
  const core: EngineCore = {
    db,
    store: new ObjectStore(db),
    clock,
    scheduler,
    get deliveries() {
      return worker;
    },
    changes,
    settings,
    rendererDir: options.rendererDir ?? null,
    wakeDeliveries: () => worker.kick(),
    serverUrl: () => baseUrl || `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    emitEvent: (type, object, opts) => emitEvent(core, type, object, opts),
    // The log is made below, on the group commit the webhook worker shares.
    get requestLog() {
      return log;
    },
  };
  const group = new GroupCommit(db);
  checkpointer.holdWritesWith(() => group.hold());
  const worker = new DeliveryWorker(core, group);
  // Attempts a hard crash cut off are sent again first thing (see in-flight.ts).
  recoverInterrupted(core);
  // A rolled-back write may have touched what an in-memory index holds.
  group.onRollback(() => core.store.invalidate());
  const log = new RequestLog(
    db,
    group,
    changes,
    () => settings.requestLogLimit,
    () => settings.requestLogMaxBytes,
  );
  const idempotency = new IdempotencyStore(db, clock, () => settings.idempotencyTtlSeconds);
  const token = resolveToken(options.dbPath, options.token);

  const modules = [...MODULES, ...(options.modules ?? [])];
  const operations: Operation[] = modules.flatMap((m) => m.operations ?? []);
  const controls: ControlRoute[] = modules.flatMap((m) => m.controls ?? []);
  for (const m of modules) {
    for (const [key, fn] of Object.entries(m.expanders ?? {})) expanders.set(key, fn);
    m.setup?.(core);
  }
  // Clock advances wake the webhook worker too: retries fall due on the sandbox clock. So does
  // any event, whatever route emitted it (hosted test pages write outside the API pipeline).
  changes.subscribe((c) => {
    if (c.kind === 'clock' || c.kind === 'event') worker.kick();
  });
  const guardOptions = { token, isOwnHost: ownHosts(() => port, host, options.allowHosts) };
  const guard = dashboardGuard(guardOptions);
  const app = buildServer({
    deps: { core, idempotency, log, group, afterWrite: () => worker.kick(), beforeRequest: () => worker.noteRequest() },
    operations,
    controls,
    guard: guardOptions,
    register: modules.filter((m) => m.register).map((m) => (a, c) => m.register!(a, c, guard)),
  });

  let stopped = false;
  return {
    core,
    app,
    token,
    async start() {
      await app.listen({ host, port });
      port = (app.server.address() as AddressInfo).port;
      baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      scheduler.runDue();
      worker.kick();
      return baseUrl;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      scheduler.stop();
      await app.close();
      await worker.stop();
      log.flush();
      await checkpointer.close();
      db.close();
    },
    url: () => baseUrl,
    drainWebhooks: () => worker.drain(),
    flushLog: () => log.flush(),
  };
}
