import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { addRoute, createRouter, findRoute, type RouterContext } from 'rou3';
import type { ControlRoute, EngineCore, Operation } from '../context.js';
import { StripeError, invalidRequest, unrecognizedUrl } from '../errors.js';
import { newId } from '../ids.js';
import { parseForm } from './form.js';
import { dashboardGuard, type GuardOptions } from './guard.js';
import { hostGuard, type HostCheck } from './host-guard.js';
import { handleApiRequest, type ApiRequest, type ApiResponse, type PipelineDeps } from './pipeline.js';
import {
  clientErrorHandler,
  frameworkErrors,
  fromFastifyError,
  idTooLong,
  MAX_ID_LENGTH,
  sendStripeError as sendError,
} from './reply-error.js';

const BODY_LIMIT = 8 * 1024 * 1024;

/** A body of a content type nothing here parses; a class, so no param named `unsupported` passes for one. */
class UnsupportedBody {
  constructor(readonly unsupported: string) {}
}

/** Stands in for Fastify's schema compilers, which no route needs. */
function unusedCompiler(): never {
  throw new Error('routes here declare no Fastify schema');
}

/** `/v1/a/{id}/b` → `/v1/a/:id/b` */
function fastifyPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

function queryString(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? '' : url.slice(i + 1);
}

function pathOnly(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}

/**
 * The API's operations and the sandbox controls, matched by rou3 behind one Fastify route per
 * method and prefix. Given to Fastify one by one, its router generated and compiled code for each
 * of some 250 paths at every start, a tenth of the start; rou3 keeps a plain tree. Matched as
 * Fastify's router matched them: case-sensitive, a trailing slash or an empty segment makes
 * another (unknown) path, and a path parameter is percent-decoded, at most MAX_ID_LENGTH long.
 */
class PathTable<T> {
  private readonly router: RouterContext<T> = createRouter<T>();
  readonly methods = new Set<string>();

  /** `path` in Fastify's syntax (`/events/:id/resend`), under `prefix`. */
  constructor(
    private readonly prefix: string,
    routes: { method: string; path: string; route: T }[],
  ) {
    for (const { method, path, route } of routes) {
      if (!path.startsWith(prefix)) throw new Error(`${method} ${path} is not under ${prefix}`);
      addRoute(this.router, method, path, route);
      this.methods.add(method);
    }
  }

  /** The Fastify route that hands every path under the prefix to the table. */
  get wildcard(): string {
    return `${this.prefix}*`;
  }

  /** The route at this path and its decoded path parameters; undefined for an unknown path. */
  match(method: string, path: string): { route: T; params: Record<string, string> } | undefined {
    if (path.endsWith('/')) return undefined;
    const found = findRoute(this.router, method, path);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    for (const [name, raw] of Object.entries(found.params ?? {})) {
      if (raw.length > MAX_ID_LENGTH) throw idTooLong();
      if (!raw.includes('%')) {
        params[name] = raw;
        continue;
      }
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    }
    return { route: found.data, params };
  }
}

function toApiRequest(req: FastifyRequest, path: string, pathParams: Record<string, string>): ApiRequest {
  const body = req.body as Record<string, unknown> | UnsupportedBody | undefined;
  const isPost = req.method === 'POST';
  const unsupported = isPost && body instanceof UnsupportedBody ? body.unsupported : undefined;
  const form = body instanceof UnsupportedBody ? {} : (body ?? {});
  return {
    id: req.id,
    method: req.method,
    path,
    headers: req.headers,
    params: isPost ? form : parseForm(queryString(req.url)),
    unsupportedContentType: unsupported,
    pathParams,
  };
}

/** Whether a POST's body is a form of known length within the limit: the only body the direct path reads. */
function directBody(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  const length = req.headers['content-length'];
  if (type === undefined || length === undefined || req.headers['transfer-encoding'] !== undefined) return false;
  const semi = type.indexOf(';');
  if ((semi === -1 ? type : type.slice(0, semi)).trim().toLowerCase() !== 'application/x-www-form-urlencoded') return false;
  return /^\d+$/.test(length) && Number(length) <= BODY_LIMIT;
}

/**
 * API requests go straight from Node's HTTP server to the pipeline: a GET, or a POST with a form
 * body of known length, of a known `/v1/` path, with this server's own Host, while the server is
 * not closing. Fastify's request and reply objects, its hooks, router and body machinery were
 * some 15 % of what a retrieve cost; the pipeline answers every outcome in Stripe's envelope
 * itself. Every other request (another method or body, an unknown path, a foreign Host) goes to
 * Fastify as it arrived, untouched, and its routes answer it the same way.
 */
function serveDirectly(app: FastifyInstance, operations: PathTable<Operation>, deps: PipelineDeps, isOwnHost: HostCheck): void {
  const server = app.server;
  const [viaFastify] = server.listeners('request') as RequestListener[];
  if (!viaFastify) throw new Error('Fastify registered no request listener');
  let closing = false;
  // While closing, Fastify answers 503 to what still arrives.
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const route = (req: IncomingMessage): { op: Operation; path: string; pathParams: Record<string, string> } | undefined => {
    const { url, method } = req;
    if (closing || url === undefined || !url.startsWith('/v1/') || !isOwnHost(req.headers.host)) return undefined;
    if (method !== 'GET' && !(method === 'POST' && directBody(req))) return undefined;
    try {
      const path = pathOnly(url);
      const found = operations.match(method, path);
      return found && { op: found.route, path, pathParams: found.params };
    } catch {
      return undefined;
    }
  };
  server.removeListener('request', viaFastify);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // Node's parser emits 'request' in the poll phase that read the request's bytes (see requestArrived).
    deps.core.store.requestArrived();
    const found = route(req);
    if (!found) return viaFastify(req, res);
    const id = newId('request');
    const answer = (run: () => Promise<ApiResponse>) =>
      run()
        .then(
          (a) => writeAnswer(res, a),
          (err: unknown) => {
            const e = fromFastifyError(err as Error, req.method!, found.path);
            writeAnswer(res, { status: e.status, body: JSON.stringify(e.toJSON()), headers: { 'request-id': id } });
          },
        )
        .catch((err: unknown) => {
          // An answer Node would not write (a header it refuses): the connection goes, the server stays.
          console.error('[counterfoil] could not write an answer:', err);
          res.destroy();
        });
    const handle = (params: Record<string, unknown>) =>
      handleApiRequest(deps, found.op, { id, method: req.method!, path: found.path, headers: req.headers, params, pathParams: found.pathParams });
    if (req.method === 'GET') {
      void answer(async () => handle(parseForm(queryString(req.url!))));
      return;
    }
    // The parser ends the body at Content-Length; a client that stops short aborts, and gets no answer.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined);
    req.on('end', () => {
      void answer(async () => handle(parseForm(Buffer.concat(chunks).toString('utf8'))));
    });
  });
}

/** A pipeline's answer as Fastify's reply would have written it. */
function writeAnswer(res: ServerResponse, answer: ApiResponse): void {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = answer.headers;
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = Buffer.byteLength(answer.body);
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

export interface ServerParts {
  deps: PipelineDeps;
  operations: Operation[];
  controls: ControlRoute[];
  guard: GuardOptions;
  /** Raw routes (the live stream, static files) a module adds itself. */
  register: ((app: FastifyInstance, core: EngineCore) => void)[];
}

/** Builds the HTTP server: the Stripe API under /v1, sandbox controls under /_counterfoil. */
export function buildServer(parts: ServerParts): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // One id per request, Stripe-shaped: the pipeline, the log and every error answer use it.
    genReqId: () => newId('request'),
    // A request without Host reaches the Host check, which answers in Stripe's envelope.
    http: { requireHostHeader: false },
    routerOptions: { maxParamLength: MAX_ID_LENGTH },
    // No route declares a Fastify schema (the pipeline validates against the OpenAPI description),
    // so Fastify's own Ajv and serializer compiler are never built: a tenth of startup.
    schemaController: { compilersFactory: { buildValidator: unusedCompiler, buildSerializer: unusedCompiler } },
    // A HEAD route beside every GET doubles the route table; one catch-all below answers HEAD instead.
    exposeHeadRoutes: false,
    frameworkErrors,
    clientErrorHandler,
  });
  app.addHook('onRequest', hostGuard(parts.guard.isOwnHost));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (req.url.startsWith('/v1/')) return done(null, new UnsupportedBody('application/json'));
    try {
      done(null, (body as string) === '' ? {} : JSON.parse(body as string));
    } catch {
      done(invalidRequest('The request body is not valid JSON.'), undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, _body, done) => {
    done(null, new UnsupportedBody(String(req.headers['content-type'] || 'unknown')));
  });

  const guard = dashboardGuard(parts.guard);
  const core = parts.deps.core;

  const unknownUrl = (req: FastifyRequest, reply: FastifyReply) => {
    const path = pathOnly(req.url);
    const err = unrecognizedUrl(req.method, path);
    // A mistyped API path is what a user debugging needs to see most, so it is logged like any API request
    // (a browser's stray favicon fetch is not).
    if (/^\/v\d\//.test(req.url) || req.headers.authorization) {
      parts.deps.log.add({
        id: req.id,
        atMs: core.clock.nowMs(),
        method: req.method,
        path,
        status: err.status,
        latencyMs: 0,
        idempotencyKey: null,
        params: req.method === 'POST' ? (req.body ?? {}) : parseForm(queryString(req.url)),
        response: JSON.stringify(err.toJSON()),
        objectId: null,
        requestHeaders: req.headers,
        responseHeaders: { 'request-id': req.id, 'content-type': 'application/json' },
      });
    }
    return sendError(reply, err);
  };

  // Routes a module registers itself under these prefixes (a file's contents, the live stream)
  // are Fastify's own and win over the tables' wildcards.
  const operations = new PathTable(
    '/v1/',
    parts.operations.map((op) => ({ method: op.method, path: fastifyPath(op.path), route: op })),
  );
  for (const method of operations.methods) {
    app.route({
      method: method as Operation['method'],
      url: operations.wildcard,
      handler: async (req, reply) => {
        const path = pathOnly(req.url);
        const found = operations.match(req.method, path);
        if (!found) return unknownUrl(req, reply);
        const res = await handleApiRequest(parts.deps, found.route, toApiRequest(req, path, found.params));
        reply.code(res.status).headers(res.headers).type('application/json');
        return reply.send(res.body);
      },
    });
  }
  serveDirectly(app, operations, parts.deps, parts.guard.isOwnHost);
  const controls = new PathTable(
    '/_counterfoil/',
    parts.controls.map((control) => ({ method: control.method, path: `/_counterfoil${control.path}`, route: control })),
  );
  for (const method of controls.methods) {
    app.route({
      method: method as ControlRoute['method'],
      url: controls.wildcard,
      // The token first: without it, a path under /_counterfoil says nothing, not even whether it exists.
      preHandler: guard,
      handler: async (req, reply) => {
        const found = controls.match(req.method, pathOnly(req.url));
        if (!found) return unknownUrl(req, reply);
        const control = found.route;
        if (req.body instanceof UnsupportedBody) {
          return sendError(reply, invalidRequest(`Unsupported Content-Type ${req.body.unsupported}; send JSON.`));
        }
        const body = (req.body ?? {}) as Record<string, unknown>;
        try {
          const result = await control.handler({ core, body, query: parseForm(queryString(req.url)), params: found.params });
          if (control.method !== 'GET') parts.deps.afterWrite();
          return reply.type('application/json').send(JSON.stringify(result ?? { ok: true }));
        } catch (err) {
          if (err instanceof StripeError) return sendError(reply, err);
          console.error('[counterfoil] control failed:', err);
          return sendError(reply, new StripeError(500, { type: 'api_error', message: (err as Error).message }));
        }
      },
    });
  }
  for (const register of parts.register) register(app, core);
  // HEAD is answered as the GET of the same URL would be, without its body.
  app.route({
    method: 'HEAD',
    url: '/*',
    handler: async (req, reply) => {
      const res = await app.inject({ method: 'GET', url: req.url, headers: req.headers });
      const headers = { ...res.headers };
      delete headers['content-length'];
      return reply.code(res.statusCode).headers(headers).send();
    },
  });

  app.setErrorHandler((err, req, reply) => sendError(reply, fromFastifyError(err as Error, req.method, pathOnly(req.url))));
  app.setNotFoundHandler(unknownUrl);
  return app;
}

