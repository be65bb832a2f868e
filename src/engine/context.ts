import type { FastifyInstance } from 'fastify';
import type { Clock } from './clock.js';
import type { Db } from './store/db.js';
import type { ObjectStore, StripeObject } from './store/objects.js';
import type { ChangeBus } from './changes.js';
import type { Scheduler } from './scheduler.js';
import type { DeliveryWorker } from './webhooks/delivery.js';

/** Settings a user can change at launch or at run time. */
export interface EngineSettings {
  /** Seconds after a failed webhook attempt before each retry; past the last, the delivery fails. */
  webhookRetrySchedule: number[];
  /** How long a webhook attempt may take before it counts as failed, in ms. */
  webhookTimeoutMs: number;
  /**
   * For how many ms after an API request starts the webhook worker gives way to API traffic
   * (at most two attempts at a time instead of eight); 0: it never does.
   */
  webhookYieldMs: number;
  /** How many API requests the request log keeps. */
  requestLogLimit: number;
  /** How many bytes of params and response text the request log keeps, all rows together. */
  requestLogMaxBytes: number;
  /** How long an idempotency key is remembered, in sandbox seconds. */
  idempotencyTtlSeconds: number;
  /** The API version events are rendered as when the endpoint names none. */
  apiVersion: string;
}

/** What every resource module may use: the store, the clock, events, the scheduler. */
export interface EngineCore {
  db: Db;
  store: ObjectStore;
  clock: Clock;
  scheduler: Scheduler;
  /** The webhook worker: a clock advance sends each moment's due deliveries through it and waits for them. */
  deliveries: DeliveryWorker;
  changes: ChangeBus;
  settings: EngineSettings;
  /** Where the built renderer is, for serving the dashboard UI headless; null when not served. */
  rendererDir: string | null;
  /** Wakes the webhook worker, for events emitted outside a request or a scheduled job (a query run finishing). */
  wakeDeliveries(): void;
  /** The base URL the server answers at (`http://127.0.0.1:12111`), for absolute URLs such as a File's. */
  serverUrl(): string;
  /** Records an Event for a state change and queues its webhook deliveries. */
  emitEvent(type: string, object: StripeObject, options?: EmitOptions): StripeObject;
  /** The API request log (http/request-log.ts), for the inspector: what waits in it, committed before the table is read. */
  requestLog: { flush(): void; readonly readsNotKept: number };
}

export interface EmitOptions {
  previousAttributes?: Record<string, unknown>;
  /** The API request that caused the change; absent for clock-driven changes. */
  request?: RequestInfo | null;
  /** Deliver only to this endpoint (test webhooks). */
  onlyEndpoint?: string;
  /** The stored object the event is listed under, for objects without an id of their own (tax settings, an entitlement summary). */
  owner?: string;
}

export interface RequestInfo {
  id: string;
  idempotencyKey: string | null;
}

/** One API request as a handler sees it: validated params, path params, the request's identity. */
export interface RequestContext {
  core: EngineCore;
  /** Params validated and coerced against the OpenAPI description (body for POST, query otherwise). */
  params: Record<string, any>;
  /** Path params by their name in the description's template (`{id}` → `path.id`). */
  path: Record<string, string>;
  request: RequestInfo;
  /** `Stripe-Version` as sent, or the engine's default. */
  apiVersion: string;
  /** Shorthand for `core.emitEvent` that stamps this request on the event. */
  emit(type: string, object: StripeObject, previousAttributes?: Record<string, unknown>): void;
}

/**
 * One API operation. `path` is the description's template, e.g.
 * `/v1/treasury/outbound_payments/{id}/cancel`; validation and expansion are
 * driven by the description entry for `method` + `path`.
 */
export interface Operation {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /**
   * Returns the response object. Sync handlers run inside one SQLite
   * transaction: a thrown error rolls back every write. Set `async` for a
   * handler that must await I/O (it then manages its own transactions).
   */
  handler(ctx: RequestContext): unknown;
  async?: boolean;
}

/** A sandbox control under `/_counterfoil/` (token-guarded; JSON in, JSON out). */
export interface ControlRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Fastify-style path relative to `/_counterfoil`, e.g. `/clock/advance` or `/events/:id/resend`. */
  path: string;
  handler(input: ControlInput): unknown;
}

export interface ControlInput {
  core: EngineCore;
  body: Record<string, any>;
  query: Record<string, any>;
  params: Record<string, string>;
}

/** An action the UI can offer on an object: one registry the API and the UI share. */
export interface ObjectAction {
  /** Stable name, e.g. `post`, `fail`, `return`, `cancel`, `resolve`. */
  name: string;
  label: string;
  /** True when the object's state machine allows this action now. */
  available(object: StripeObject): boolean;
  /** The request the UI sends to perform it (an API or control path). */
  request(object: StripeObject): { method: 'POST'; path: string; body?: Record<string, unknown> };
}

/** What an API group contributes to the engine. */
export interface ResourceModule {
  name: string;
  operations?: Operation[];
  controls?: ControlRoute[];
  /** Per object type (`treasury.outbound_payment`) the actions the UI may offer. */
  actions?: Record<string, ObjectAction[]>;
  /**
   * Expandable fields that are computed rather than looked up by id, keyed
   * `object_type.field` (e.g. `treasury.transaction.flow_details`).
   */
  expanders?: Record<string, (core: EngineCore, object: StripeObject) => unknown>;
  /** Called once at start: register scheduled-job handlers and the like. */
  setup?(core: EngineCore): void;
  /** Raw HTTP routes a module serves itself (the live stream, static files); guard them with `guard`. */
  register?(app: FastifyInstance, core: EngineCore, guard: RouteGuard): void;
}

/** The dashboard's token/Host/Origin check, usable as a Fastify preHandler. */
export type RouteGuard = (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => Promise<unknown>;
