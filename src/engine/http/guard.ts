import type { FastifyReply, FastifyRequest } from 'fastify';

/** What the dashboard guard checks: the per-launch token and the server's own origins. */
export interface GuardOptions {
  token: string;
  /** `host:port` values this server answers to. */
  allowedHosts: () => Set<string>;
}

function refuse(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).type('application/json').send({ error: { type: 'invalid_request_error', message } });
}

/**
 * Guards `/_counterfoil/…`: the token (header `X-Counterfoil-Token`, a
 * `Bearer` header, or `?token=`), a `Host` of this server (DNS rebinding), and
 * an `Origin`, when sent, of this server (cross-site requests).
 */
export function dashboardGuard(options: GuardOptions) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const allowed = options.allowedHosts();
    const host = req.headers.host ?? '';
    if (!allowed.has(host.toLowerCase())) {
      return refuse(reply, 403, `Refused: Host '${host}' is not this Counterfoil server.`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== 'null') {
      let originHost = '';
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        /* an unparsable Origin is foreign */
      }
      if (!allowed.has(originHost)) return refuse(reply, 403, `Refused: Origin '${origin}' is not this Counterfoil server.`);
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
