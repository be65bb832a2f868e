import { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StripeError } from '../errors.js';
import { sendStripeError } from './reply-error.js';

/** Decides whether a `Host` (or an Origin's host) names this server. */
export type HostCheck = (hostAndPort: string | undefined) => boolean;

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The names this server answers to: loopback (127.0.0.1, localhost, [::1]) and
 * the listen address with the server's port, plus `allow` — names given with
 * `--allow-host` for containers and tunnels: `name:port` matches that port
 * only, a bare name matches any port (a tunnel's public side has its own).
 */
export function ownHosts(port: () => number, listenHost: string, allow: readonly string[] = []): HostCheck {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  for (const raw of allow) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    if (/:\d+$/.test(name) && (!name.includes('::') || name.startsWith('['))) exact.add(name);
    else anyPort.add(bracketed(name));
  }
  return (value) => {
    if (!value) return false;
    const host = value.toLowerCase();
    const p = port();
    if (host === `127.0.0.1:${p}` || host === `localhost:${p}` || host === `[::1]:${p}` || host === `${bracketed(listenHost)}:${p}`) {
      return true;
    }
    if (exact.has(host)) return true;
    const name = host.replace(/:\d+$/, '');
    return anyPort.has(name);
  };
}

/**
 * First stage of every route: refuses a `Host` that is not this server's own,
 * so a web page whose name was re-pointed at 127.0.0.1 (DNS rebinding) cannot
 * drive the API, the controls or the live stream.
 */
export function hostGuard(isOwn: HostCheck) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const host = req.headers.host;
    if (isOwn(host) || !cameOverNetwork(req)) return;
    const err = !host
      ? new StripeError(400, { type: 'invalid_request_error', message: 'The request has no Host header.' })
      : new StripeError(403, {
          type: 'invalid_request_error',
          message: `Refused: Host '${host}' is not this Counterfoil server. Start it with --allow-host ${host.replace(/:\d+$/, '')} to accept that name.`,
        });
    return sendStripeError(reply, err);
  };
}

/** False for a request injected in-process (`app.inject`: the demo, seeding, tests), which no browser can send. */
function cameOverNetwork(req: FastifyRequest): boolean {
  return req.raw.socket instanceof Socket;
}
