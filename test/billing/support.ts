import type Stripe from 'stripe';
import { fixedClock } from '../../src/engine/clock.js';
import { startServer, type TestServer } from '../support/server.js';

// Thursday 2026-01-01 00:00 UTC.
export const START = 1_767_225_600;
export const DAY = 86_400;

export interface BillingServer extends TestServer {
  /** Moves the sandbox clock forward and runs what falls due. */
  advance(seconds: number): Promise<void>;
  /** A product with a monthly price. */
  plan(name?: string, recurring?: Stripe.PriceCreateParams.Recurring): Promise<{ product: Stripe.Product; price: Stripe.Price }>;
  /** A fresh customer. */
  customer(): Promise<Stripe.Customer>;
  /** Every event of a type, oldest first. */
  events(type: string): Promise<Stripe.Event[]>;
  /** Whatever the SDK throws for a refused call. */
  refused(call: Promise<unknown>): Promise<{ statusCode: number; type: string; code?: string; param?: string; message: string }>;
}

/** Starts a server on a fixed sandbox clock, with Billing helpers. */
export async function startBilling(): Promise<BillingServer> {
  const server = await startServer({ clock: fixedClock(START) });
  const { stripe } = server;
  return {
    ...server,
    async advance(seconds) {
      const res = await server.control('POST', '/clock/advance', { seconds });
      if (res.status !== 200) throw new Error(`clock advance failed: ${JSON.stringify(res.body)}`);
    },
    async plan(name = 'Pro', recurring = { interval: 'month' }) {
      const product = await stripe.products.create({ name });
      const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1_000, recurring });
      return { product, price };
    },
    customer: () => stripe.customers.create({ email: 'ada@example.com', name: 'Ada' }),
    async events(type) {
      return (await stripe.events.list({ type, limit: 100 }).autoPagingToArray({ limit: 10_000 })).reverse();
    },
    async refused(call) {
      const e: any = await call.then(
        () => {
          throw new Error('expected the call to be refused');
        },
        (err) => err,
      );
      if (!e?.raw) throw e;
      return { statusCode: e.statusCode, type: e.type === 'StripeInvalidRequestError' ? 'invalid_request_error' : e.raw.type, code: e.raw.code, param: e.raw.param, message: e.raw.message };
    },
  };
}
