import type { FastifyReply, FastifyRequest } from 'fastify';
import { StripeError } from '../errors.js';
import type { HostCheck } from './host-guard.js';
import { sendStripeError } from './reply-error.js';

/** What the dashboard guard checks: the per-launch token and the server's own names. */
export interface GuardOptions {
  token: string;
  /** True for a `host:port` of this server. */
  isOwnHost: HostCheck;
}

function refuse(reply: FastifyReply, status: number, message: string) {
  return sendStripeError(reply, new StripeError(status, { type: 'invalid_request_error', message }));
}

function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return ''; // an unparsable Origin is foreign
  }
}

/**
 * Guards `/_counterfoil/…` (the Host was checked for every route already, see
 * host-guard.ts): an `Origin`, when sent, of this server — `Origin: null`
 * (sandboxed frames, file: pages) is foreign — and the token (header
 * `X-Counterfoil-Token`, a `Bearer` header, or `?token=`).
 */
export function dashboardGuard(options: GuardOptions) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !options.isOwnHost(originHost(origin))) {
      return refuse(reply, 403, `Refused: Origin '${origin}' is not this Counterfoil server.`);
    }
    const query = req.query as Record<string, unknown> | undefined;
    const auth = req.headers.authorization;
    const given =
      (req.headers['x-counterfoil-token'] as string | undefined) ??
      (auth?.startsWith('Bearer ') ? auth.slice(7) : undefined) ??
      (typeof query?.token === 'string' ? query.token : undefined);
    if (given !== options.token) {
      return refuse(reply, 401, 'The dashboard API needs the token printed at launch (X-Counterfoil-Token header or ?token=).');
    }
  };
}
