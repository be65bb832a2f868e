import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { EngineCore } from '../context.js';
import { StripeError } from '../errors.js';
import { atomically } from '../store/statements.js';

/**
 * Hosted test pages: what Stripe's own pages (verify.stripe.com, the onramp
 * widget) do for an end user, served by the engine on loopback. They work
 * without the dashboard token, as Stripe's links work without your key: the
 * unguessable path is the credential.
 */

const servers = new WeakMap<EngineCore, FastifyInstance>();

/** Remembers the server of an engine, so objects can carry absolute links to its hosted pages. */
export function rememberServer(app: FastifyInstance, core: EngineCore): void {
  servers.set(core, app);
}

/** The engine's base URL (`http://127.0.0.1:12111`), or a placeholder while it is not listening. */
export function baseUrlOf(core: EngineCore): string {
  const address = servers.get(core)?.server.address() as AddressInfo | null | undefined;
  if (!address || typeof address !== 'object') return 'http://127.0.0.1:12111';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}

/** A fresh unguessable path segment for a hosted link. */
export function linkToken(prefix = 'test_'): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/**
 * Refuses a hosted-page request whose Host is not loopback (DNS rebinding) or
 * whose Origin, when sent, is another site (a foreign page posting outcomes).
 */
export async function hostedGuard(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const host = req.headers.host ?? '';
  if (!LOOPBACK.test(host)) return sendStripeError(reply, new StripeError(403, { type: 'invalid_request_error', message: `Refused: Host '${host}' is not this Counterfoil server.` }));
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      /* an unparsable Origin is foreign */
    }
    if (originHost.toLowerCase() !== host.toLowerCase()) {
      return sendStripeError(reply, new StripeError(403, { type: 'invalid_request_error', message: `Refused: Origin '${origin}' is not this Counterfoil server.` }));
    }
  }
  return undefined;
}

export function sendStripeError(reply: FastifyReply, err: StripeError): FastifyReply {
  return reply.code(err.status).type('application/json').send(JSON.stringify(err.toJSON()));
}

/** Sends a server-rendered page whose one inline script and style carry this response's nonce. */
export function sendPage(reply: FastifyReply, render: (nonce: string) => string): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(render(nonce));
}

/** Escapes text for HTML. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Runs a hosted-page write in one transaction; Stripe errors leave as their envelope. */
export function hostedAction(core: EngineCore, reply: FastifyReply, fn: () => unknown): FastifyReply {
  try {
    const result = atomically(core.db, fn);
    return reply.type('application/json').send(JSON.stringify(result));
  } catch (err) {
    if (err instanceof StripeError) return sendStripeError(reply, err);
    console.error('[counterfoil] hosted page action failed:', err);
    return sendStripeError(reply, new StripeError(500, { type: 'api_error', message: (err as Error).message }));
  }
}
