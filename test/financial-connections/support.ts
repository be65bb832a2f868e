import type Stripe from 'stripe';
import { expect } from 'vitest';
import { fixedClock } from '../../src/engine/clock.js';
import { startServer, type TestServer } from '../support/server.js';

// Thursday 2026-01-01 00:00 UTC.
export const START = 1_767_225_600;

export type Session = Stripe.FinancialConnections.Session;
export type Account = Stripe.FinancialConnections.Account;

export interface FcServer extends TestServer {
  advance(seconds: number): Promise<void>;
  /** A session for a customer, with every permission unless told otherwise. */
  session(params?: Partial<Stripe.FinancialConnections.SessionCreateParams>): Promise<Session>;
  /** Completes a session's flow through the control; throws with the error body when refused. */
  link(session: string, institution?: string, extra?: Record<string, unknown>): Promise<Session>;
  /** A fresh account of a Test Institution session (its checking account unless told otherwise). */
  account(params?: Partial<Stripe.FinancialConnections.SessionCreateParams>, key?: string): Promise<Account>;
  /** Events of a type, oldest first. */
  events(type: string): Promise<Stripe.Event[]>;
  /** How many objects of a type the store holds. */
  count(type: string): number;
}

export const ALL_PERMISSIONS: Stripe.FinancialConnections.SessionCreateParams.Permission[] = ['payment_method', 'balances', 'ownership', 'transactions'];

/** A server on a fixed sandbox clock with Financial Connections helpers. */
export async function startFc(): Promise<FcServer> {
  const server = await startServer({ clock: fixedClock(START) });
  const { stripe } = server;
  const fc: FcServer = {
    ...server,
    async advance(seconds) {
      const res = await server.control('POST', '/clock/advance', { seconds });
      if (res.status !== 200) throw new Error(`clock advance failed: ${JSON.stringify(res.body)}`);
    },
    session: (params = {}) =>
      stripe.financialConnections.sessions.create({
        account_holder: { type: 'customer', customer: 'cus_TestHolder0001' },
        permissions: ALL_PERMISSIONS,
        ...params,
      }),
    async link(session, institution = 'test_institution', extra = {}) {
      const res = await server.control('POST', `/financial_connections/sessions/${session}/complete`, { institution, ...extra });
      if (res.status !== 200) throw Object.assign(new Error(`complete refused: ${JSON.stringify(res.body)}`), { status: res.status, body: res.body });
      return res.body as Session;
    },
    async account(params = {}, key = 'checking') {
      const s = await fc.session(params);
      const linked = await fc.link(s.id, 'test_institution', { accounts: [key] });
      return linked.accounts.data[0];
    },
    async events(type) {
      const list = await stripe.events.list({ type, limit: 100 });
      return list.data.reverse();
    },
    count: (type) => server.engine.core.store.count(type),
  };
  return fc;
}

/** Asserts a Stripe SDK call fails with this status and error fields. */
export async function expectStripeError(p: Promise<unknown>, status: number, fields: Partial<{ type: string; code: string; param: string; message: RegExp }>): Promise<void> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as { statusCode?: number; raw?: { type: string; code?: string; param?: string; message: string } } | undefined;
  expect(err, 'the call should have failed').toBeDefined();
  expect(err!.statusCode).toBe(status);
  const raw = err!.raw!;
  if (fields.type) expect(raw.type).toBe(fields.type);
  if ('code' in fields) expect(raw.code).toBe(fields.code);
  if ('param' in fields) expect(raw.param).toBe(fields.param);
  if (fields.message) expect(raw.message).toMatch(fields.message);
}
