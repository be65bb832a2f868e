import type { EngineCore, Operation, RequestContext } from '../context.js';
import { StripeError, invalidRequest } from '../errors.js';
import apiVersions from '../../../resources/openapi/api-versions.json';
import { checkAmounts } from './amounts.js';
import { authenticate } from './auth.js';
import { expandResponse } from './expand.js';
import { fingerprint, type IdempotencyStore } from './idempotency.js';
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
  /** Called after a successful write, to wake the webhook worker. */
  afterWrite(): void;
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

/**
 * Runs the handler and renders its response. Writes run inside one
 * transaction, together with whatever `commit` records (the idempotency
 * result), so a throw leaves no partial write and a success costs one commit;
 * reads (GET) need none. Async handlers manage their own transactions.
 */
async function execute(
  op: Operation,
  ctx: RequestContext,
  expand: unknown,
  commit: (body: string) => void,
): Promise<string> {
  const run = (result: unknown) => {
    const body = render(ctx.core, result, expand);
    commit(body);
    return body;
  };
  if (op.async) return run(await op.handler(ctx));
  if (op.method === 'GET') return run(op.handler(ctx));
  return ctx.core.db.transaction(() => run(op.handler(ctx)))();
}

/**
 * One API request, top to bottom: auth → version → content type → idempotency
 * → validate → amount limits → execute → expand → respond. Every failure leaves through the
 * single catch as Stripe's error envelope; every request is logged.
 */
export async function handleApiRequest(deps: PipelineDeps, op: Operation, req: ApiRequest): Promise<ApiResponse> {
  const { core } = deps;
  const requestId = req.id;
  const started = core.clock.wallMs();
  const idempotencyKey = req.method === 'POST' ? (header(req, 'idempotency-key') ?? null) : null;
  let apiVersion = core.settings.apiVersion;
  let status = 200;
  let body: string;
  const headers: Record<string, string> = { 'request-id': requestId };
  let claimed: { key: string; hash: string } | undefined;
  let executed = false;
  let saved = false;
  try {
    authenticate(header(req, 'authorization'));
    apiVersion = apiVersionOf(req, apiVersion);
    checkContentType(req);
    if (idempotencyKey !== null) {
      if (idempotencyKey.length > 255) {
        throw invalidRequest('Idempotency keys can be at most 255 characters long.', undefined, 'idempotency_key_too_long');
      }
      const hash = fingerprint(req.method, req.path, req.params);
      const replay = deps.idempotency.begin(idempotencyKey, req.method, req.path, hash);
      if (replay) {
        headers['idempotent-replayed'] = 'true';
        headers['original-request'] = replay.requestId;
        return finish(replay.status, replay.body);
      }
      claimed = { key: idempotencyKey, hash };
    }
    const { expand, ...params } = validateParams(op.method, op.path, req.params);
    checkAmounts(params);
    const ctx: RequestContext = {
      core,
      params,
      path: req.pathParams,
      request: { id: requestId, idempotencyKey },
      apiVersion,
      emit: (type, object, previousAttributes) =>
        core.emitEvent(type, object, { previousAttributes, request: { id: requestId, idempotencyKey } }),
    };
    executed = true;
    body = await execute(op, ctx, expand, (b) => {
      if (!claimed) return;
      deps.idempotency.save(claimed.key, req.method, req.path, claimed.hash, { status: 200, body: b, requestId });
      saved = true;
    });
    if (req.method !== 'GET') deps.afterWrite();
  } catch (err) {
    const e = err instanceof StripeError ? err : internalError(err);
    status = e.status;
    body = JSON.stringify(e.toJSON());
  }
  if (claimed) {
    // Stripe saves a key's result only once the endpoint started executing
    // (a success was saved inside its own transaction).
    if (executed && !saved && status < 500) {
      deps.idempotency.save(claimed.key, req.method, req.path, claimed.hash, { status, body, requestId });
    }
    deps.idempotency.release(claimed.key);
  }
  return finish(status, body);

  function finish(s: number, b: string): ApiResponse {
    headers['stripe-version'] = apiVersion;
    if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
    deps.log.add({
      id: requestId,
      atMs: core.clock.nowMs(),
      method: req.method,
      path: req.path,
      status: s,
      latencyMs: core.clock.wallMs() - started,
      idempotencyKey,
      params: req.params,
      response: b,
      objectId: s < 300 ? objectIdOf(b) : null,
      requestHeaders: req.headers,
      responseHeaders: { ...headers, 'content-type': 'application/json' },
      replayed: headers['idempotent-replayed'] === 'true',
    });
    return { status: s, body: b, headers };
  }
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
