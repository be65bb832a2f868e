import type Stripe from 'stripe';
import { fixedClock } from '../../src/engine/clock.js';
import { startServer, rawApi, type TestServer } from '../support/server.js';

// Thursday 2026-01-01 00:00 UTC.
export const START = 1_767_225_600;
export const DAY = 24 * 3600;

export interface TaxServer extends TestServer {
  /** Moves the sandbox clock forward and runs what falls due. */
  advance(seconds: number): Promise<void>;
  /** Sets a head office so Settings are active. */
  activate(country?: string, extra?: Record<string, string>): Promise<Stripe.Tax.Settings>;
  /** An active registration, created after activating Settings if need be. */
  register(country: string, options: Record<string, unknown>): Promise<Stripe.Tax.Registration>;
  /** A raw call for what the SDK lacks or would not send. */
  raw(method: string, path: string, form?: string): Promise<{ status: number; body: any }>;
  /** How many stored objects of a type there are. */
  count(type: string): number;
}

/** A server on a fixed sandbox clock, with Tax helpers. */
export async function startTax(): Promise<TaxServer> {
  const server = await startServer({ clock: fixedClock(START) });
  const { stripe } = server;
  let active = false;
  const self: TaxServer = {
    ...server,
    async advance(seconds) {
      const res = await server.control('POST', '/clock/advance', { seconds });
      if (res.status !== 200) throw new Error(`advance failed: ${JSON.stringify(res.body)}`);
    },
    async activate(country = 'US', extra = { state: 'TX', postal_code: '78701' }) {
      active = true;
      return stripe.tax.settings.update({
        defaults: { tax_behavior: 'exclusive' },
        head_office: { address: { country, ...(country === 'US' ? extra : {}) } },
      });
    },
    async register(country, options) {
      if (!active) await self.activate();
      return stripe.tax.registrations.create({
        country,
        active_from: 'now',
        country_options: { [country.toLowerCase()]: options } as Stripe.Tax.RegistrationCreateParams.CountryOptions,
      });
    },
    raw: (method, path, form) => rawApi(server.url, method, path, form),
    count: (type) => server.engine.core.store.count(type),
  };
  return self;
}

/** The Stripe error a rejected SDK call threw. */
export async function stripeError(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    return err as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to be refused');
}
