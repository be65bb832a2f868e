import { StripeError } from '../../errors.js';

/** A crypto onramp validation failure: HTTP 400 with Stripe's `crypto_onramp_…` code. */
export function onrampError(code: string, message: string, param?: string, type: 'invalid_request_error' | 'api_error' = 'invalid_request_error'): StripeError {
  return new StripeError(400, { type, code, message, ...(param ? { param } : {}), doc_url: 'https://docs.stripe.com/crypto/onramp/embedded' });
}
