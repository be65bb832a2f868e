import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EngineCore } from '../../context.js';
import { StripeError } from '../../errors.js';
import { sandboxEmitter } from '../treasury/common.js';
import { SESSION, type FcSession } from './common.js';
import {
  accountsScreen,
  consentScreen,
  errorScreen,
  HOSTED_CSP,
  institutionsScreen,
  loginScreen,
  notFoundScreen,
  promptScreen,
  successScreen,
} from './hosted-page.js';
import { institutionById, promptFor, type Institution } from './institutions.js';
import { completeSession, credentialError, endFlow, flowState, FlowEnded, outageError, requireOpenFlow, selectableAccounts } from './link.js';
import { sessionNow } from './sessions.js';

/** Where a session's hosted flow lives: its client secret is the unguessable part. */
export const HOSTED_PREFIX = '/link/financial_connections/';

/** The path of a session's hosted bank-linking flow. */
export function hostedPath(session: { client_secret: string }): string {
  return `${HOSTED_PREFIX}${session.client_secret}`;
}

function sessionBySecret(core: EngineCore, secret: string): FcSession | undefined {
  const i = secret.indexOf('_secret_');
  if (i <= 0) return undefined;
  const session = core.store.get<FcSession>(secret.slice(0, i), SESSION);
  if (!session) return undefined;
  const a = Buffer.from(session.client_secret);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b) ? session : undefined;
}

function send(reply: FastifyReply, html: string, status = 200) {
  return reply
    .code(status)
    .header('content-security-policy', HOSTED_CSP)
    .header('x-content-type-options', 'nosniff')
    // same-origin, not no-referrer: with no-referrer the browser posts the forms with `Origin: null`.
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** A form may post only from this page itself: a foreign Origin is refused. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host.toLowerCase() === String(req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

/** The screen for a session whose flow is over, if it is. */
function finishedScreen(core: EngineCore, session: FcSession): string | undefined {
  const state = flowState(core, session.id);
  if (state === 'linked') return successScreen(sessionNow(core, session));
  if (state === 'ended') {
    try {
      requireOpenFlow(core, session);
    } catch (err) {
      const e = err as StripeError;
      return errorScreen(e.body.code, e.body.message, false);
    }
  }
  return undefined;
}

function screenForError(err: unknown): string {
  if (!(err instanceof StripeError)) throw err;
  return errorScreen(err.body.code, err.body.message, !(err instanceof FlowEnded) && err.body.code !== 'session_completed');
}

/** After a login or an answer: a prompt, a retry, the end, or the account picker. */
function afterCredential(core: EngineCore, session: FcSession, institution: Institution, typed: string, retry: (error: string) => string): string {
  const prompt = promptFor(typed);
  if (prompt) return promptScreen(institution, prompt);
  const err = credentialError(institution, typed);
  if (err instanceof FlowEnded) {
    endFlow(core, session.id, institution.id);
    return errorScreen(err.body.code, err.body.message, false);
  }
  if (err) return retry(err.body.message);
  return accountsScreen(institution, selectableAccounts(session, institution), session.limits?.accounts ?? 100);
}

/**
 * Serves the hosted flow: no dashboard token (the client secret in the path
 * is the credential, as Stripe's hosted link needs no key), GET for screens,
 * POST for each step. Completing runs the same code as the complete control;
 * its events wake the webhook worker like any other event.
 */
export function registerHostedFlow(app: FastifyInstance, core: EngineCore): void {
  app.get(`${HOSTED_PREFIX}:secret`, (req, reply) => {
    const session = sessionBySecret(core, (req.params as { secret: string }).secret);
    if (!session) return send(reply, notFoundScreen(), 404);
    const finished = finishedScreen(core, session);
    if (finished) return send(reply, finished);
    const q = req.query as Record<string, string | undefined>;
    if (q.step === 'institutions') return send(reply, institutionsScreen());
    if (q.step === 'login') {
      const institution = institutionById(q.institution ?? '');
      return institution ? send(reply, loginScreen(institution)) : send(reply, institutionsScreen());
    }
    return send(reply, consentScreen(session));
  });

  app.post(`${HOSTED_PREFIX}:secret`, (req, reply) => {
    if (!sameOrigin(req)) return send(reply, errorScreen(undefined, 'This form can only be sent from its own page.', false), 403);
    const session = sessionBySecret(core, (req.params as { secret: string }).secret);
    if (!session) return send(reply, notFoundScreen(), 404);
    const finished = finishedScreen(core, session);
    if (finished) return send(reply, finished);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const institution = institutionById(String(body.institution ?? ''));
    if (!institution) return send(reply, institutionsScreen());
    if (body.step === 'link') {
      const raw = body.accounts;
      const accounts = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
      try {
        const linked = completeSession(core, sandboxEmitter(core), session.id, { institution: institution.id, accounts });
        return send(reply, successScreen(linked));
      } catch (err) {
        return send(reply, screenForError(err), 400);
      }
    }
    const outage = outageError(core, institution);
    if (outage) return send(reply, screenForError(outage), 400);
    if (institution.login !== 'credentials') return send(reply, accountsScreen(institution, selectableAccounts(session, institution), session.limits?.accounts ?? 100));
    if (body.step === 'prompt') {
      const prompt = promptFor(String(body.prompt ?? '')) ?? 'mfa';
      return send(reply, afterCredential(core, session, institution, String(body.answer ?? ''), (e) => promptScreen(institution, prompt, e)));
    }
    return send(reply, afterCredential(core, session, institution, String(body.password ?? ''), (e) => loginScreen(institution, e)));
  });
}
