import qs from 'qs';

// Stripe's clients send arrays as a[0]=x (or a[]=x); a high arrayLimit keeps
// long arrays arrays instead of qs turning them into objects.
const QS_OPTIONS: qs.IParseOptions = { arrayLimit: 1000, depth: 12, parameterLimit: 10_000 };

/** Parses a form-encoded body or query string with Stripe's bracket syntax. */
export function parseForm(text: string): Record<string, unknown> {
  return qs.parse(text, QS_OPTIONS) as Record<string, unknown>;
}

/** Encodes params the way Stripe's SDKs do (for curl lines and tests). */
export function encodeForm(params: Record<string, unknown>): string {
  return qs.stringify(params, { arrayFormat: 'indices' });
}
