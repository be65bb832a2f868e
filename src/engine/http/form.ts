import qs from 'qs';

const PARAMETER_LIMIT = 10_000;
// Stripe's clients send arrays as a[0]=x (or a[]=x); a high arrayLimit keeps
// long arrays arrays instead of qs turning them into objects.
const QS_OPTIONS: qs.IParseOptions = { arrayLimit: 1000, depth: 12, parameterLimit: PARAMETER_LIMIT };

// qs reads a bracket written out or percent-encoded.
const BRACKETS = /[[\]]|%5[bd]/i;

/** Parses a form-encoded body or query string with Stripe's bracket syntax. */
export function parseForm(text: string): Record<string, unknown> {
  return flatForm(text) ?? (qs.parse(text, QS_OPTIONS) as Record<string, unknown>);
}

/**
 * A form without brackets (`limit=10&financial_account=fa_…`, most queries), parsed to what qs
 * makes of it without qs's general machinery, which was a tenth of what a list cost. Undefined
 * where qs has more to do: brackets, a key given twice (qs makes an array), more pairs than its limit.
 */
function flatForm(text: string): Record<string, unknown> | undefined {
  if (BRACKETS.test(text)) return undefined;
  const out: Record<string, unknown> = {};
  if (text === '') return out;
  const parts = text.split('&');
  if (parts.length > PARAMETER_LIMIT) return undefined;
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = decoded(eq === -1 ? part : part.slice(0, eq));
    // qs drops an empty key and one that would shadow a property of every object.
    if (key === '' || Object.hasOwn(Object.prototype, key)) continue;
    if (Object.hasOwn(out, key)) return undefined;
    out[key] = eq === -1 ? '' : decoded(part.slice(eq + 1));
  }
  return out;
}

/** qs's decoding: `+` is a space, then percent escapes; text that is not valid UTF-8 escapes stays as sent. */
function decoded(text: string): string {
  if (!text.includes('%')) return text.includes('+') ? text.replace(/\+/g, ' ') : text;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Encodes params the way Stripe's SDKs do (for curl lines and tests). */
export function encodeForm(params: Record<string, unknown>): string {
  return qs.stringify(params, { arrayFormat: 'indices' });
}
