import type { EngineCore, Operation, RequestContext } from '../context.js';
import { StripeError, invalidRequest } from '../errors.js';
import apiVersions from '../../../resources/openapi/api-versions.json';
import { msSince } from '../clock.js';
import { checkAmounts } from './amounts.js';
import { authenticate } from './auth.js';
import { expandResponse } from './expand.js';
import type { GroupCommit } from '../store/group-commit.js';
import { atomically } from '../store/statements.js';
import { fingerprint, type IdempotencyStore, type StoredResponse } from './idempotency.js';
import { RawJson } from './raw-json.js';
import type { RequestLog } from './request-log.js';
import { validateParams } from './validate.js';

/** An API request reduced to what the pipeline needs, whatever server received it. */
export interface ApiRequest {
  /** The request's `req_…` id (Fastify's request id). */
  id: string;
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Query params (GET, DELETE) or form body (POST), already parsed with qs. */
  params: Record<string, unknown>;
  /** Set when a POST body came with a content type other than form encoding. */
  unsupportedContentType?: string;
  pathParams: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface PipelineDeps {
  core: EngineCore;
  idempotency: IdempotencyStore;
  log: RequestLog;
  /** The transaction this turn's writes share (group commit). */
  group: GroupCommit;
  /** Called after a successful write, to wake the webhook worker. */
  afterWrite(): void;
  /** Called as each request starts: the webhook worker gives way to API traffic. */
  beforeRequest(): void;
}

// Versions Stripe released; a date alone names the release of that day. A version may
// carry beta flags (`2025-03-31.basil; feature_beta=v1`).
const KNOWN_VERSIONS = new Set([...apiVersions.versions, ...apiVersions.versions.map((v) => v.split('.')[0])]);
const BETA_FLAG = /^\s*[a-z0-9_]+=v\d+\s*$/;

function knownVersion(v: string, fallback: string): boolean {
  const [version, ...betas] = v.split(';');
  const name = version.trim();
  return (KNOWN_VERSIONS.has(name) || name === fallback) && betas.every((b) => BETA_FLAG.test(b));
}

function header(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function apiVersionOf(req: ApiRequest, fallback: string): string {
  const v = header(req, 'stripe-version');
  if (v === undefined) return fallback;
  if (!knownVersion(v, fallback)) throw invalidRequest(`Invalid Stripe API version: ${v}`, undefined, 'invalid_api_version');
  return v;
}

function checkContentType(req: ApiRequest): void {
  if (req.unsupportedContentType) {
    throw invalidRequest(
      `Invalid request: unsupported Content-Type ${req.unsupportedContentType}. If error persists and you need assistance, please contact support@stripe.com.`,
    );
  }
}

/** The response body of a handler's result, with `expand[]` applied. */
function render(core: EngineCore, result: unknown, expand: unknown): string {
  if (Array.isArray(expand) && expand.length > 0) {
    return JSON.stringify(expandResponse(core, result instanceof RawJson ? result.parse() : result, expand as string[]));
  }
  return result instanceof RawJson ? result.text : JSON.stringify(result);
}

/** What the stages before execution produced: a request ready to run, or a stored response to replay. */
type Prepared =
  | { replay: StoredResponse }
  | { ctx: RequestContext; expand: unknown; claimed: { key: string; hash: string } | undefined };

/**
 * One API request, top to bottom: auth → version → content type → idempotency
 * → validate → amount limits → execute → expand → respond. Every failure leaves through one
 * function as Stripe's error envelope; every request is logged.
 *
 * Execute: a read (GET) runs the handler and answers at once. A sync write runs
 * in the group commit (see store/group-commit.ts): in its own savepoint inside
 * the transaction shared with the other writes of this turn, with its
 * idempotency record and its log row in the same commit, and it answers only
 * after that commit — a 2xx means the write is on disk. Async handlers manage
 * their own transactions; their idempotency record and log row still ride a group commit.
 */
export async function handleApiRequest(deps: PipelineDeps, op: Operation, req: ApiRequest): Promise<ApiResponse> {
  const { core } = deps;
  deps.beforeRequest();
  const started = performance.now();
  const idempotencyKey = req.method === 'POST' ? (header(req, 'idempotency-key') ?? null) : null;
  const headers: Record<string, string> = { 'request-id': req.id };
  const state = { apiVersion: core.settings.apiVersion };
  const finish = (status: number, body: string): ApiResponse => {
    headers['stripe-version'] = state.apiVersion;
    if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
    deps.log.add({
      id: req.id,
      atMs: core.clock.nowMs(),
      method: req.method,
      path: req.path,
      status,
      latencyMs: msSince(started),
      idempotencyKey,
      params: req.params,
      response: body,
      objectId: status < 300 ? objectIdOf(body) : null,
      requestHeaders: req.headers,
      responseHeaders: { ...headers, 'content-type': 'application/json' },
      replayed: headers['idempotent-replayed'] === 'true',
    });
    return { status, body, headers };
  };

  let prepared: Prepared;
  try {
    prepared = prepare(deps, op, req, idempotencyKey, state);
  } catch (err) {
    const e = asStripeError(err);
    return finish(e.status, JSON.stringify(e.toJSON()));
  }
  if ('replay' in prepared) {
    headers['idempotent-replayed'] = 'true';
    headers['original-request'] = prepared.replay.requestId;
    return finish(prepared.replay.status, prepared.replay.body);
  }
  const { ctx, expand, claimed } = prepared;

  if (op.method === 'GET' && !op.async) {
    try {
      return finish(200, render(core, op.handler(ctx), expand));
    } catch (err) {
      const e = asStripeError(err);
      return finish(e.status, JSON.stringify(e.toJSON()));
    }
  }

  // What a write answers, with its idempotency record saved beside it (inside the group transaction).
  const settle = (status: number, body: string): ApiResponse => {
    // Stripe saves a key's result only once the endpoint started executing, and not for its own failures.
    if (claimed && status < 500) {
      deps.idempotency.save(claimed.key, req.method, req.path, claimed.hash, { status, body, requestId: req.id });
    }
    return finish(status, body);
  };
  const failed = (err: unknown): ApiResponse => {
    const e = asStripeError(err);
    return settle(e.status, JSON.stringify(e.toJSON()));
  };
  try {
    let res: ApiResponse;
    if (op.async) {
      let outcome: () => ApiResponse;
      try {
        const body = render(core, await op.handler(ctx), expand);
        outcome = () => settle(200, body);
      } catch (err) {
        outcome = () => failed(err);
      }
      res = await deps.group.run(outcome);
    } else {
      res = await deps.group.run(() => {
        try {
          return settle(200, atomically(core.db, () => render(core, op.handler(ctx), expand)));
        } catch (err) {
          core.store.invalidate();
          return failed(err);
        }
      });
    }
    if (op.method !== 'GET' && res.status < 300) deps.afterWrite();
    return res;
  } catch (err) {
    // The group's commit failed: nothing of this request was written.
    const e = asStripeError(err);
    return finish(e.status, JSON.stringify(e.toJSON()));
  } finally {
    if (claimed) deps.idempotency.release(claimed.key);
  }
}

/** The stages before execution: auth → version → content type → idempotency → validate → amount limits. */
function prepare(
  deps: PipelineDeps,
  op: Operation,
  req: ApiRequest,
  idempotencyKey: string | null,
  state: { apiVersion: string },
): Prepared {
  const { core } = deps;
  authenticate(header(req, 'authorization'));
  state.apiVersion = apiVersionOf(req, state.apiVersion);
  checkContentType(req);
  let claimed: { key: string; hash: string } | undefined;
  if (idempotencyKey !== null) {
    if (idempotencyKey.length > 255) {
      throw invalidRequest('Idempotency keys can be at most 255 characters long.', undefined, 'idempotency_key_too_long');
    }
    const hash = fingerprint(req.method, req.path, req.params);
    const replay = deps.idempotency.begin(idempotencyKey, req.method, req.path, hash);
    if (replay) return { replay };
    claimed = { key: idempotencyKey, hash };
  }
  try {
    const { expand, ...params } = validateParams(op.method, op.path, req.params);
    checkAmounts(params);
    const request = { id: req.id, idempotencyKey };
    const ctx: RequestContext = {
      core,
      params,
      path: req.pathParams,
      request,
      apiVersion: state.apiVersion,
      emit: (type, object, previousAttributes) => core.emitEvent(type, object, { previousAttributes, request }),
    };
    return { ctx, expand, claimed };
  } catch (err) {
    // Refused before executing: the key is free again and remembers nothing.
    if (claimed) deps.idempotency.release(claimed.key);
    throw err;
  }
}

function asStripeError(err: unknown): StripeError {
  return err instanceof StripeError ? err : internalError(err);
}

function objectIdOf(body: string): string | null {
  const m = /^\{"id":"([A-Za-z0-9_]+)"/.exec(body);
  return m ? m[1] : null;
}

/** A bug of ours: reported as Stripe's api_error, and printed for whoever runs the server. */
function internalError(err: unknown): StripeError {
  console.error('[counterfoil] internal error:', err);
  return new StripeError(500, {
    type: 'api_error',
    message: 'An unexpected error occurred inside Counterfoil. This is a bug; the server log has the details.',
  });
}
