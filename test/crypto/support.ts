import qs from 'qs';
import type Stripe from 'stripe';

/** rawRequest takes GET params only in the path. */
function call(stripe: Stripe, method: 'GET' | 'POST', path: string, params: Record<string, unknown>) {
  if (method === 'POST') return stripe.rawRequest(method, path, params);
  const query = qs.stringify(params, { arrayFormat: 'brackets' });
  return stripe.rawRequest(method, query ? `${path}?${query}` : path);
}

/** Calls a crypto path through the SDK's raw request (the SDK has no crypto resources); errors come back as values. */
export async function raw(stripe: Stripe, method: 'GET' | 'POST', path: string, params: Record<string, unknown> = {}): Promise<any> {
  return call(stripe, method, path, params);
}

/** The StripeError a raw call fails with. */
export async function rawError(stripe: Stripe, method: 'GET' | 'POST', path: string, params: Record<string, unknown> = {}): Promise<Stripe.errors.StripeError> {
  try {
    await call(stripe, method, path, params);
  } catch (e) {
    return e as Stripe.errors.StripeError;
  }
  throw new Error(`expected ${method} ${path} to fail`);
}

export const ETH_WALLET = '0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2';
export const SOL_WALLET = 'bufoH37MTiMTNAfBS4VEZ94dCEwMsmeSijD2vZRShuV';
export const BTC_WALLET = '1BuFoRu4W1usdnj1nPSfnNUgUm9BM6JtnV';
export const XLM_WALLET = 'GBUCRQX2GXV2CCPNBVB6FMXORFRNXXQMZ5RN2GMH2KZNMH7O4WON5DDN';
