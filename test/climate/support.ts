import Stripe from 'stripe';
import { fixedClock } from '../../src/engine/clock.js';
import { startServer, type TestServer } from '../support/server.js';

export const START = 1_767_225_600;
export const FRONTIER = 'climsku_frontier_offtake_portfolio_2027';
export const tons = (v: string) => Stripe.Decimal.from(v);

export interface ClimateServer extends TestServer {
  advance(seconds: number): Promise<void>;
  events(type: string): Promise<Stripe.Event[]>;
  refused(call: Promise<unknown>): Promise<{ statusCode: number; code?: string; param?: string; message: string }>;
  available(product: string): Promise<string>;
}

/** Starts a server on a fixed sandbox clock, with Climate helpers. */
export async function startClimate(): Promise<ClimateServer> {
  const server = await startServer({ clock: fixedClock(START) });
  return {
    ...server,
    async advance(seconds) {
      const res = await server.control('POST', '/clock/advance', { seconds });
      if (res.status !== 200) throw new Error(`clock advance failed: ${JSON.stringify(res.body)}`);
    },
    async events(type) {
      return (await server.stripe.events.list({ type, limit: 100 }).autoPagingToArray({ limit: 10_000 })).reverse();
    },
    async refused(call) {
      const e: any = await call.then(
        () => {
          throw new Error('expected the call to be refused');
        },
        (err) => err,
      );
      if (!e?.raw) throw e;
      return { statusCode: e.statusCode, code: e.raw.code, param: e.raw.param, message: e.raw.message };
    },
    available: async (product) => String((await server.stripe.climate.products.retrieve(product)).metric_tons_available),
  };
}
