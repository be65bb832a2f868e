import { StripeError } from '../errors.js';

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

function unauthorized(message: string, code?: string): StripeError {
  return new StripeError(401, { type: 'invalid_request_error', message, ...(code ? { code } : {}) });
}

function masked(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key;
}

/** The API key of a request, from Bearer or Basic auth, checked as a test-mode secret key. */
export function authenticate(authorization: string | undefined): string {
  if (!authorization) throw unauthorized(NO_KEY);
  let key: string | undefined;
  const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) key = value;
  else if (/^basic$/i.test(scheme)) key = Buffer.from(value, 'base64').toString('utf8').split(':')[0];
  if (!key) throw unauthorized(NO_KEY);
  if (/^(sk|rk)_live_/.test(key)) {
    throw unauthorized(
      `Counterfoil is a test-mode sandbox and refuses live keys (${masked(key)}). Use any test key, such as sk_test_counterfoil.`,
      'livemode_mismatch',
    );
  }
  if (/^pk_(test|live)_/.test(key)) {
    throw unauthorized('This API call cannot be made with a publishable API key. Please use a secret API key.', 'secret_key_required');
  }
  if (!/^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key)) {
    throw unauthorized(`Invalid API Key provided: ${masked(key)}`, 'api_key_invalid');
  }
  return key;
}
