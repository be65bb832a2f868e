/**
 * Redaction as Stripe describes it for forwarding: card numbers and CVCs
 * never stored, credentials masked, placeholders kept as placeholders — in
 * what was sent and in what came back.
 */

/** `4242424242424242` → `424242******4242` (first six and last four kept). */
export function maskCardNumber(number: string): string {
  if (number.length <= 10) return '*'.repeat(number.length);
  return `${number.slice(0, 6)}${'*'.repeat(number.length - 10)}${number.slice(-4)}`;
}

export const MASKED_CVC = '***';

const AUTH_LIKE = /^(authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|token|secret|password|signature|credential|session/i;

/** Headers whose values authenticate: masked wherever they are recorded. */
export function isAuthLikeHeader(name: string): boolean {
  return AUTH_LIKE.test(name);
}

const PLACEHOLDER = /\{\{[A-Za-z_][A-Za-z0-9_]*\}\}/;

/** A recorded header value: placeholders stay readable; any other credential is masked, keeping its scheme word. */
export function maskHeaderValue(name: string, value: string): string {
  if (!isAuthLikeHeader(name) || PLACEHOLDER.test(value)) return value;
  const scheme = /^(Bearer|Basic|Token|Digest|Bot)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ********` : '********';
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

const CVC_KEY = /^(cvc2?|cvv2?|cid|csc|card_?cvc|card_?cvv|security_?code|card_?security_?code|cvd)$/i;
const CVC_IN_TEXT = /((?:cvc2?|cvv2?|security[ _-]?code|csc)["']?\s*[:=]\s*["']?)(\d{3,4})/gi;

/** Masks CVC values under CVC-like keys of a parsed JSON value, and CVCs written into its strings. */
function maskCvcFields(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(CVC_IN_TEXT, (_m, key: string) => `${key}${MASKED_CVC}`);
  if (Array.isArray(value)) return value.map(maskCvcFields);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, CVC_KEY.test(k) && (typeof v === 'string' || typeof v === 'number') ? MASKED_CVC : maskCvcFields(v)]),
    );
  }
  return value;
}

export interface Sensitive {
  cardNumber: string | null;
  cvc: string | null;
  /** Secret values by placeholder name: put back as `{{NAME}}`. */
  secrets: Record<string, string>;
}

/**
 * Redacts text that came back from (or was about to go to) a destination:
 * secrets become their placeholders, the card number and any other
 * Luhn-valid 13–19 digit run are masked, and CVCs are masked — in a JSON
 * document every value under a CVC-like key, in other text a number next to
 * a CVC-like word. A JSON document stays valid JSON, and keeps its exact bytes
 * when nothing needed redacting. `json: false` is for header values.
 */
export function redactText(text: string, s: Sensitive, json = true): string {
  const isJson = json && /^\s*[[{]/.test(text) && parses(text);
  let out = text;
  const secrets = Object.entries(s.secrets).filter(([, v]) => v.length > 0).sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of secrets) out = out.split(value).join(`{{${name}}}`);
  out = out.replace(/(?<!\d)\d{13,19}(?!\d)/g, (run, offset: number, whole: string) => {
    if (run !== s.cardNumber && !luhn(run)) return run;
    // A bare JSON number becomes a string, so the document stays valid.
    return isJson && /[:[,]\s*$/.test(whole.slice(Math.max(0, offset - 16), offset)) ? `"${maskCardNumber(run)}"` : maskCardNumber(run);
  });
  if (s.cvc) out = out.split(`"${s.cvc}"`).join(`"${MASKED_CVC}"`);
  if (!isJson) return out.replace(CVC_IN_TEXT, (_m, key: string) => `${key}${MASKED_CVC}`);
  const parsed = JSON.parse(out) as unknown;
  const masked = JSON.stringify(maskCvcFields(parsed));
  return masked === JSON.stringify(parsed) ? out : masked;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Recorded headers: credentials masked, other values redacted like a body. */
export function redactHeaders(headers: [string, string][], s: Sensitive): { name: string; value: string }[] {
  return headers.map(([name, value]) => ({ name, value: maskHeaderValue(name, redactText(value, s, false)) }));
}

/** Stripe's fields hold at most 5000 characters; longer recorded text is cut and says so. */
export function truncate(text: string, max = 5000): string {
  if (text.length <= max) return text;
  const marker = '…[truncated by Counterfoil]';
  return text.slice(0, max - marker.length) + marker;
}
